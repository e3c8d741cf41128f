"""Demo recruitment notices: one open (dated from today), two closed."""

import datetime as dt

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from portal.demo.documents import demo_file
from portal.recruitment.models import RecruitmentFile, RecruitmentIndexPage, RecruitmentNoticePage
from portal.units.models import Unit

NOTICES = [
    {
        "slug": "tuyen-dung-vien-chuc-bien-dich-tieng-han",
        "days_ago": 8,
        "open_days": 22,
        "unit": "ttdvdn",
        "title": "Thông báo tuyển dụng viên chức Trung tâm Dịch vụ Đối ngoại: biên dịch viên tiếng Hàn",
        "positions": "Biên dịch viên tiếng Hàn",
        "posts": 2,
        "summary": "Trung tâm Dịch vụ Đối ngoại tuyển dụng 2 viên chức biên dịch, phiên dịch tiếng Hàn theo hình "
        "thức xét tuyển.",
        "requirements": [
            "Tốt nghiệp đại học chuyên ngành ngôn ngữ Hàn Quốc trở lên.",
            "Có chứng chỉ TOPIK cấp 5 trở lên.",
            "Không quá 35 tuổi tại ngày nộp hồ sơ.",
        ],
        "en": {
            "title": "Recruitment notice: two Korean translators for the Foreign Affairs Services Centre",
            "summary": "The Foreign Affairs Services Centre is recruiting two Korean translators and interpreters.",
        },
    },
    {
        "slug": "tuyen-dung-vien-chuc-ttdvdn-dot-1",
        "days_ago": 60,
        "open_days": 30,
        "unit": "ttdvdn",
        "title": "Thông báo tuyển dụng viên chức Trung tâm Dịch vụ Đối ngoại đợt 1",
        "positions": "Chuyên viên tổ chức sự kiện đối ngoại",
        "posts": 1,
        "summary": "Tuyển dụng 1 viên chức tổ chức sự kiện đối ngoại; ứng viên thành thạo tiếng Anh.",
        "requirements": [
            "Tốt nghiệp đại học ngành quan hệ quốc tế, ngoại ngữ hoặc du lịch.",
            "Tiếng Anh bậc 4 (B2) trở lên.",
        ],
    },
    {
        "slug": "tiep-nhan-cong-chuc-phong-hop-tac-quoc-te",
        "days_ago": 200,
        "open_days": 20,
        "unit": "hop-tac-quoc-te",
        "title": "Thông báo tiếp nhận công chức làm việc tại Phòng Hợp tác quốc tế",
        "positions": "Chuyên viên hợp tác quốc tế",
        "posts": 1,
        "summary": "Tiếp nhận 1 công chức vào làm việc tại Phòng Hợp tác quốc tế theo quy định về tiếp nhận công chức.",
        "requirements": ["Có ít nhất 5 năm công tác trong lĩnh vực hợp tác quốc tế.", "Tiếng Anh bậc 4 trở lên."],
    },
]

HOW_TO_APPLY = (
    "<p>Nộp hồ sơ trực tiếp tại Văn phòng Sở Ngoại vụ, số 12 Hà Nội, thành phố Huế, trong giờ hành chính, hoặc qua "
    "dịch vụ bưu chính. Hồ sơ gồm phiếu đăng ký dự tuyển theo mẫu, bản sao văn bằng, chứng chỉ.</p>"
)


def ensure_demo_recruitment() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    index = RecruitmentIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    units = {unit.code: unit for unit in Unit.objects.all()}
    today = timezone.localdate()
    for data in NOTICES:
        notice = RecruitmentNoticePage.objects.child_of(index).filter(slug=data["slug"]).first()
        if notice is None:
            notice_date = today - dt.timedelta(days=data["days_ago"])
            form = demo_file(
                slug=f"{data['slug']}-phieu-dang-ky",
                title=f"Phiếu đăng ký dự tuyển - {data['positions']}",
                paragraphs=["Họ và tên:", "Ngày sinh:", "Trình độ chuyên môn:", "Vị trí dự tuyển:"],
                kind="docx",
            )
            notice = index.add_child(
                instance=RecruitmentNoticePage(
                    title=data["title"],
                    slug=data["slug"],
                    unit=units.get(data["unit"]),
                    positions=data["positions"],
                    number_of_posts=data["posts"],
                    notice_date=notice_date,
                    deadline=notice_date + dt.timedelta(days=data["open_days"]),
                    summary=data["summary"],
                    requirements="<ul>" + "".join(f"<li>{escape(r)}</li>" for r in data["requirements"]) + "</ul>",
                    how_to_apply=HOW_TO_APPLY,
                    contact="Văn phòng Sở, điện thoại 0234 3822 515",
                    files=[RecruitmentFile(document=form)],
                    first_published_at=timezone.make_aware(dt.datetime.combine(notice_date, dt.time(15, 0))),
                )
            )
            notice.save_revision().publish()
        if data.get("en") and not notice.get_translations().filter(locale=en).exists():
            translation = notice.copy_for_translation(en).specific
            translation.title, translation.summary = data["en"]["title"], data["en"]["summary"]
            translation.positions = "Korean translator"
            translation.save_revision().publish()
