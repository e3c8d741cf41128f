"""Demo disclosure: last year's financial report and the list of information the Department publishes."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale, Page

from portal.demo.documents import demo_file
from portal.disclosure.models import (
    DisclosureIndexPage,
    FinancialReportFile,
    FinancialReportLine,
    FinancialReportPage,
    InformationEntry,
    InformationListPage,
)
from portal.units.models import Unit

REPORT_LINES = [
    ("revenue", "Kinh phí ngân sách nhà nước giao tự chủ", 6_850_000_000, 6_850_000_000),
    ("revenue", "Kinh phí không tự chủ (đoàn ra, đoàn vào)", 1_200_000_000, 1_046_500_000),
    ("revenue", "Thu phí, lệ phí (hợp pháp hóa, chứng nhận lãnh sự)", 95_000_000, 102_300_000),
    ("expenditure", "Chi thanh toán cá nhân", 4_980_000_000, 4_962_750_000),
    ("expenditure", "Chi hoạt động đối ngoại, đón tiếp đoàn", 1_200_000_000, 1_046_500_000),
    ("expenditure", "Chi duy trì Trang thông tin điện tử (nhuận bút, thù lao)", 26_300_000, 25_850_000),
    ("expenditure", "Chi quản lý hành chính và mua sắm", 1_843_700_000, 1_812_400_000),
]
# (information, legal basis, slug of the page where it is published or "", frequency, unit code)
INFORMATION = [
    (
        "Tổ chức bộ máy, chức năng, nhiệm vụ, danh bạ",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "co-cau-to-chuc",
        "Khi có thay đổi",
        "van-phong",
    ),
    (
        "Văn bản chỉ đạo điều hành, văn bản quy phạm pháp luật",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "van-ban-chi-dao-dieu-hanh",
        "Chậm nhất một ngày sau khi ban hành",
        "van-phong",
    ),
    (
        "Chương trình công tác, lịch làm việc của Lãnh đạo Sở",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "chuong-trinh-cong-tac",
        "Hằng tuần",
        "van-phong",
    ),
    (
        "Điều ước quốc tế, thỏa thuận quốc tế",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "dieu-uoc-thoa-thuan-quoc-te",
        "Khi ký kết",
        "hop-tac-quoc-te",
    ),
    (
        "Dự án đầu tư nước ngoài, dự án kêu gọi đầu tư",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "du-an-dau-tu-nuoc-ngoai",
        "Khi có thay đổi",
        "hop-tac-quoc-te",
    ),
    ("Báo cáo tài chính năm", "Nghị định 42/2022/NĐ-CP, Điều 4", "bao-cao-tai-chinh-nam-{year}", "Hằng năm", "ke-toan"),
    (
        "Lấy ý kiến dự thảo văn bản",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "lay-y-kien-du-thao",
        "Theo từng dự thảo",
        "van-phong",
    ),
    (
        "Thủ tục hành chính, dịch vụ công trực tuyến",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "thu-tuc-hanh-chinh",
        "Chậm nhất một ngày sau khi có thay đổi",
        "van-phong",
    ),
    (
        "Tuyển dụng công chức, viên chức",
        "Nghị định 42/2022/NĐ-CP, Điều 4",
        "tuyen-dung",
        "Khi có thông báo",
        "van-phong",
    ),
]


def ensure_demo_disclosure() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    index = DisclosureIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    year = timezone.localdate().year - 1
    slug = f"bao-cao-tai-chinh-nam-{year}"
    report = FinancialReportPage.objects.child_of(index).filter(slug=slug).first()
    if report is None:
        title = f"Báo cáo tài chính năm {year} của Sở Ngoại vụ"
        file = demo_file(
            slug=slug,
            title=title,
            paragraphs=[
                f"{label}: {actual:,} đồng".replace(",", ".") for _kind, label, _planned, actual in REPORT_LINES
            ],
        )
        report = index.add_child(
            instance=FinancialReportPage(
                title=title,
                slug=slug,
                year=year,
                report_date=dt.date(year + 1, 3, 15)
                if dt.date(year + 1, 3, 15) <= timezone.localdate()
                else timezone.localdate(),
                summary=f"Công khai quyết toán thu, chi ngân sách năm {year} của Sở Ngoại vụ theo quy định.",
                lines=[
                    FinancialReportLine(kind=kind, label=label, planned=planned, actual=actual)
                    for kind, label, planned, actual in REPORT_LINES
                ],
                files=[FinancialReportFile(document=file)],
            )
        )
        report.save_revision().publish()
    if not report.get_translations().filter(locale=en).exists():
        translation = report.copy_for_translation(en).specific
        translation.title = f"Financial report of the Department of Foreign Affairs for {year}"
        translation.summary = f"The Department's revenue and expenditure for {year}, published as the law requires."
        translation.save_revision().publish()
    listing = InformationListPage.objects.child_of(index).filter(slug="danh-muc-thong-tin-cong-khai").first()
    if listing is None:
        units = {unit.code: unit for unit in Unit.objects.all()}
        home_pages = Page.objects.filter(locale=vi)
        entries = []
        for name, basis, page_slug, frequency, unit in INFORMATION:
            target = home_pages.filter(slug=page_slug.format(year=year)).first()
            entries.append(
                InformationEntry(name=name, legal_basis=basis, page=target, frequency=frequency, unit=units.get(unit))
            )
        listing = index.add_child(
            instance=InformationListPage(
                title="Danh mục thông tin phải công khai",
                slug="danh-muc-thong-tin-cong-khai",
                intro="Danh mục thông tin Sở Ngoại vụ công khai trên Trang thông tin điện tử theo Nghị định số "
                "42/2022/NĐ-CP, kèm căn cứ, nơi đăng, thời hạn cập nhật và đơn vị chịu trách nhiệm.",
                entries=entries,
            )
        )
        listing.save_revision().publish()
    if not listing.get_translations().filter(locale=en).exists():
        translation = listing.copy_for_translation(en).specific
        translation.title = "List of information published by the Department"
        translation.intro = "The information the Department publishes on its website under Decree 42/2022/ND-CP."
        translation.save_revision().publish()
