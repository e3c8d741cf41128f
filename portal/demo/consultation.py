"""Demo consultation: one draft open for comments (dated from today), one closed with its summary."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale

from portal.consultation.models import Comment, ConsultationIndexPage, DraftFile, DraftPage
from portal.demo.documents import demo_file
from portal.units.models import Unit

DRAFTS = [
    {
        "slug": "du-thao-quy-che-quan-ly-doan-ra-doan-vao",
        "opened_days_ago": 10,
        "open_days": 30,
        "unit": "hop-tac-quoc-te",
        "title": "Dự thảo Quy chế quản lý thống nhất các hoạt động đối ngoại trên địa bàn tỉnh",
        "summary": "Lấy ý kiến cơ quan, tổ chức, cá nhân về dự thảo Quy chế quản lý đoàn ra, đoàn vào, hội nghị, "
        "hội thảo quốc tế và ký kết thỏa thuận quốc tế trên địa bàn tỉnh.",
        "paragraphs": [
            "Chương I. Quy định chung",
            "Chương II. Quản lý đoàn ra, đoàn vào",
            "Chương III. Hội nghị, hội thảo quốc tế",
            "Chương IV. Ký kết và thực hiện thỏa thuận quốc tế",
        ],
        "comments": [
            (
                "Nguyễn Văn An",
                "Công ty TNHH Du lịch Hương Giang",
                "Điều 8",
                "Đề nghị rút ngắn thời hạn báo cáo kết quả chuyến công tác từ 15 ngày xuống 10 ngày làm việc.",
                "approved",
            ),
            (
                "Trần Thị Bích",
                "",
                "Điều 12",
                "Nên quy định rõ hồ sơ xin phép tổ chức hội thảo quốc tế trực tuyến.",
                "approved",
            ),
            ("Lê Văn Cường", "", "", "Tôi đồng ý với dự thảo.", "pending"),
        ],
        "en": {
            "title": "Draft rules on the unified management of external activities in the province",
            "summary": "Comments are invited on draft rules for delegations, international conferences and "
            "international agreements in the province.",
        },
    },
    {
        "slug": "du-thao-quy-dinh-nhuan-but-trang-ttdt",
        "opened_days_ago": 110,
        "open_days": 30,
        "unit": "van-phong",
        "title": "Dự thảo Quy định chi trả nhuận bút, thù lao đối với tin, bài đăng trên Trang thông tin điện tử",
        "summary": "Lấy ý kiến công chức, viên chức và cộng tác viên về định mức nhuận bút, thù lao.",
        "paragraphs": ["Điều 3. Định mức chi trả nhuận bút", "Điều 4. Thù lao quản trị Trang thông tin điện tử"],
        "comments": [
            ("Phan Thị Hoa", "Phòng Lãnh sự", "Điều 3", "Đề nghị có định mức riêng cho ảnh đăng kèm tin.", "approved"),
        ],
        "summary_of_comments": "<p>Sau 30 ngày lấy ý kiến, Văn phòng Sở nhận được 6 ý kiến góp ý. Các ý kiến tập "
        "trung vào định mức cho ảnh và tin dịch; Văn phòng Sở đã tiếp thu, bổ sung định mức nhuận bút cho ảnh tại "
        "Điều 3 và giữ nguyên định mức tin dịch.</p>",
    },
]


def ensure_demo_consultation() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    index = ConsultationIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    units = {unit.code: unit for unit in Unit.objects.all()}
    today = timezone.localdate()
    for data in DRAFTS:
        draft = DraftPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if draft is None:
            opens_on = today - dt.timedelta(days=data["opened_days_ago"])
            file = demo_file(slug=data["slug"], title=data["title"], paragraphs=data["paragraphs"], kind="docx")
            draft = index.add_child(
                instance=DraftPage(
                    title=data["title"],
                    slug=data["slug"],
                    unit=units.get(data["unit"]),
                    summary=data["summary"],
                    opens_on=opens_on,
                    closes_on=opens_on + dt.timedelta(days=data["open_days"]),
                    comments_summary=data.get("summary_of_comments", ""),
                    files=[DraftFile(document=file)],
                    first_published_at=timezone.make_aware(dt.datetime.combine(opens_on, dt.time(8, 0))),
                )
            )
            draft.save_revision().publish()
            for number, (name, organisation, provision, body, status) in enumerate(data["comments"]):
                Comment.objects.create(
                    draft=draft,
                    name=name,
                    organisation=organisation,
                    provision=provision,
                    body=body,
                    status=status,
                    email=f"gop-y-{number}@demo.invalid",
                    body_hash=f"demo-{data['slug']}-{number}",
                    sender_hash="demo",
                    submitted_at=draft.first_published_at + dt.timedelta(days=2 + number),
                )
        if data.get("en") and not draft.get_translations().filter(locale=en).exists():
            translation = draft.copy_for_translation(en).specific
            translation.title, translation.summary = data["en"]["title"], data["en"]["summary"]
            translation.save_revision().publish()
