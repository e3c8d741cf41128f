"""The quarterly report and the year's plan as formal documents (Decree 30/2020/NĐ-CP), DOCX and PDF."""

import datetime as dt
import io

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx.table import Table
from pypdf import PdfReader

from portal.accounts.testing import login_with_second_factor
from portal.planning.models import ReportNarrative
from portal.planning.report import (
    narrative_for,
    plan_docx,
    plan_pdf,
    quarterly_report,
    report_docx,
    report_pdf,
)
from portal.planning.selectors import category_progress, plan_for_year
from portal.units import roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_2017_texts(db):
    # The demo writes this year's report texts; these tests read what is carried from one text to the next.
    ReportNarrative.objects.exclude(plan__year=2017).delete()


def docx_text(data: bytes) -> str:
    """The words of the document in reading order (tables cell by cell), spaces normalised."""
    words = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                words += [cell.text for cell in row.cells]
        else:
            words.append(block.text)
    return " ".join(" ".join(words).split())


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def write_texts(plan, quarter: int, **fields) -> ReportNarrative:
    values = {
        "number": "12",
        "symbol": "BC-BBT",
        "issued_on": dt.date(2017, 7, 10),
        "opening": "Thực hiện Kế hoạch hoạt động năm 2017, Ban Biên tập báo cáo kết quả quý II như sau:",
        "closing": "II. ĐÁNH GIÁ CHUNG\nCác phòng cập nhật tin chưa đều, nhất là tin tiếng Anh.",
        "recipients": "Ban Giám đốc\nSở Thông tin và Truyền thông",
        "archive": "VT, BBT",
        "signer_authority": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn An",
        **fields,
    }
    return ReportNarrative.objects.create(plan=plan, quarter=quarter, **values)


REPORT_PARTS = [
    "UBND TỈNH THỪA THIÊN HUẾ",
    "SỞ NGOẠI VỤ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/BC-BBT",
    "Thừa Thiên Huế, ngày 10 tháng 7 năm 2017",
    "BÁO CÁO",
    "Tình hình vận hành Trang thông tin điện tử quý II năm 2017",
    "Thực hiện Kế hoạch hoạt động năm 2017, Ban Biên tập báo cáo kết quả quý II như sau:",
    "I. KẾT QUẢ TRONG QUÝ",
    "II. ĐÁNH GIÁ CHUNG",
    "Các phòng cập nhật tin chưa đều, nhất là tin tiếng Anh.",
    "Nơi nhận:",
    "- Ban Giám đốc;",
    "- Sở Thông tin và Truyền thông;",
    "- Lưu: VT, BBT.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Nguyễn Văn An",
]


@pytest.fixture
def quarter_two(known_2017):
    plan = plan_for_year(2017)
    write_texts(plan, 2)
    return quarterly_report(year=2017, quarter=2, today=dt.date(2017, 7, 10))


def dashboard_news_count() -> int:
    """Row 2 (Tin tức-sự kiện) as the dashboard counts it up to the quarter's end."""
    plan = plan_for_year(2017)
    progress = category_progress(plan, today=dt.date(2017, 6, 30))
    return next(entry.count for entry in progress if entry.line.number == "2")


@pytest.mark.parametrize("render, read", [(report_docx, docx_text), (report_pdf, pdf_text)], ids=["docx", "pdf"])
def test_the_quarterly_report_is_a_formal_document_with_the_dashboards_figures(quarter_two, render, read):
    text = read(render(quarter_two))
    for part in REPORT_PARTS:
        assert part in text, part
    count = dashboard_news_count()
    assert count == 11
    # row 2 of Appendix I: number, category, yearly quantity, quarter's share, in the quarter, this year, status
    assert f"Tin tức-sự kiện 200-220 tin bài 50-55 {count} {count} Chậm" in text
    assert "Đã đăng 12 tin bài; 1 trong 12 tuần trọn vẹn" in text
    assert "26.300.000 đ" in text  # the budget, as the dashboard shows it
    # the texts come before and after the figures
    assert text.index("Thực hiện Kế hoạch") < text.index("Tin tức-sự kiện") < text.index("II. ĐÁNH GIÁ CHUNG")


def test_a_report_not_yet_numbered_leaves_the_number_to_write_and_takes_todays_date(known_2017):
    plan = plan_for_year(2017)
    write_texts(plan, 2, number="", symbol="", issued_on=None, closing="Chưa có đánh giá.")
    report = quarterly_report(year=2017, quarter=2, today=dt.date(2017, 7, 10))
    text = docx_text(report_docx(report))
    assert "/BC-SNgV" in text and "Số: 12/" not in text
    assert "II. ĐÁNH GIÁ VÀ ĐỀ XUẤT" in text and "Chưa có đánh giá." in text  # a closing text gets its heading


def test_a_new_quarter_starts_with_the_last_recipients_and_signer(known_2017):
    plan = plan_for_year(2017)
    write_texts(plan, 1)
    narrative = narrative_for(plan, 2)
    assert narrative.pk is None and narrative.opening == "" and narrative.number == ""
    assert narrative.recipients == "Ban Giám đốc\nSở Thông tin và Truyền thông"
    assert (narrative.signer_authority, narrative.signer_title, narrative.symbol) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "BC-BBT",
    )
    assert narrative_for(plan, ReportNarrative.PLAN_DOCUMENT).symbol == ""  # a plan is not a report


@pytest.mark.parametrize("render, read", [(plan_docx, docx_text), (plan_pdf, pdf_text)], ids=["docx", "pdf"])
def test_the_years_plan_is_a_formal_document_with_its_appendices(render, read):
    plan = plan_for_year(2017)
    write_texts(
        plan,
        ReportNarrative.PLAN_DOCUMENT,
        number="",
        symbol="KH-BBT",
        issued_on=dt.date(2017, 2, 23),
        opening="I. MỤC ĐÍCH, YÊU CẦU\nCung cấp 100% thủ tục hành chính công trực tuyến mức độ 3, 4.",
        closing="Đề nghị các phòng chuyên môn, đơn vị nghiêm túc triển khai thực hiện./.",
        recipients="BGĐ\nSở TTTT\nCác phòng",
        archive="VT, H",
        signer_authority="",
        signer_title="GIÁM ĐỐC",
        signer_name="Trần Công Phú",
    )
    text = read(render(plan))
    for part in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ NGOẠI VỤ",
        "/KH-BBT",
        "Thừa Thiên Huế, ngày 23 tháng 02 năm 2017",
        "KẾ HOẠCH Hoạt động của Trang thông tin điện tử của Sở Ngoại vụ năm 2017",  # not "Kế hoạch" twice
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Đề nghị các phòng chuyên môn, đơn vị nghiêm túc triển khai thực hiện./.",
        "- Lưu: VT, H.",
        "GIÁM ĐỐC",
        "Trần Công Phú",
        "PHỤ LỤC I",
        "PHỤ LỤC II",
        "26.300.000 đ",
    ]:
        assert part in text, part
    first_row = plan.rows.first()
    assert first_row.title in text
    assert "Số: 1/KH" not in text  # not yet numbered
    # the appendices come after the signature
    assert text.index("Trần Công Phú") < text.index("PHỤ LỤC I") < text.index("PHỤ LỤC II")


def test_the_secretariat_writes_the_texts_beside_the_report_and_downloads_it(client, staff, known_2017):
    secretariat = staff(roles.SECRETARIAT)
    login_with_second_factor(client, secretariat)
    url = reverse("planning_report") + "?year=2017&quarter=2"
    page = client.get(url)
    content = page.content.decode()
    assert page.status_code == 200 and "Văn bản phần lời" in content
    assert "?year=2017&amp;quarter=2&amp;format=docx" in content and "format=xlsx" in content
    data = {
        "number": "7",
        "symbol": "BC-BBT",
        "issued_on": "2017-07-05",
        "opening": "Ban Biên tập báo cáo như sau:",
        "closing": "",
        "recipients": "Ban Giám đốc",
        "archive": "VT",
        "signer_authority": "TM. BAN BIÊN TẬP",
        "signer_title": "TRƯỞNG BAN",
        "signer_name": "Lê Văn Bình",
    }
    saved = client.post(url, data)
    assert saved.status_code == 302 and saved["Location"] == url
    narrative = ReportNarrative.objects.get(plan__year=2017, quarter=2)
    assert narrative.updated_by == secretariat and narrative.number == "7"
    download = client.get(url + "&format=docx")
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao-trang-ttdt-quy-2-2017.docx"'
    text = docx_text(download.content)
    assert "Số: 7/BC-BBT" in text and "Ban Biên tập báo cáo như sau:" in text and "TM. BAN BIÊN TẬP" in text

    refused = client.post(url, {**data, "number": "bảy", "issued_on": "31/02/2017"})
    content = refused.content.decode()
    assert refused.status_code == 200
    assert "Nhập số bằng chữ số, ví dụ 12." in content and "Nhập ngày theo dạng nn/tt/nnnn." in content
    assert ReportNarrative.objects.get(plan__year=2017, quarter=2).number == "7"  # nothing half-saved


def test_the_editor_in_chief_downloads_but_does_not_write_the_texts(client, staff, known_2017):
    login_with_second_factor(client, staff(roles.EDITOR_IN_CHIEF))
    url = reverse("planning_report") + "?year=2017&quarter=2"
    page = client.get(url)
    assert page.status_code == 200 and "Văn bản phần lời" not in page.content.decode()
    assert client.get(url + "&format=pdf").content.startswith(b"%PDF")
    refused = client.post(url, {"number": "1"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not ReportNarrative.objects.exists()


def test_the_plan_document_page(client, staff):
    plan = plan_for_year(2017)
    login_with_second_factor(client, staff(roles.SECRETARIAT))
    url = reverse("planning_plan_document", args=[plan.pk])
    listing = client.get(reverse("plans:index"))
    assert url in listing.content.decode()
    assert client.get(url).status_code == 200
    docx_file = client.get(url, {"format": "docx"})
    assert docx_file["Content-Disposition"] == 'attachment; filename="ke-hoach-trang-ttdt-2017.docx"'
    assert "KẾ HOẠCH" in docx_text(docx_file.content)
    assert client.get(url, {"format": "pdf"}).content.startswith(b"%PDF")
    assert client.get(url, {"format": "doc"}).status_code == 200  # an unknown format shows the page


def test_the_command_writes_docx_and_the_plan(tmp_path, capsys, known_2017):
    call_command("plan_report", "--year", "2017", "--quarter", "2", "--format", "docx", "--output", str(tmp_path))
    assert "BÁO CÁO" in docx_text((tmp_path / "bao-cao-trang-ttdt-quy-2-2017.docx").read_bytes())
    call_command("plan_report", "--year", "2017", "--plan", "--format", "pdf", "--output", str(tmp_path))
    assert "KẾ HOẠCH" in pdf_text((tmp_path / "ke-hoach-trang-ttdt-2017.pdf").read_bytes())
