"""A formal document reads, in DOCX and PDF, as Decree 30/2020/NĐ-CP lays it out."""

import datetime
import io

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from docx.table import Table
from pypdf import PdfReader

from portal.core.models import AgencySettings
from portal.formaldocs import (
    FormalDocument,
    Signer,
    agency_heading,
    date_line,
    number_and_symbol,
    render_docx,
    render_pdf,
)

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    """Every paragraph's text in reading order, tables cell by cell, one per line."""
    lines = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Table):
            lines += [p.text for row in block.rows for cell in row.cells for p in cell.paragraphs]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def report(**changes) -> FormalDocument:
    fields = {
        **agency_heading("vi"),
        "number": number_and_symbol(12, "BC", "BBT"),
        "date": datetime.date(2026, 12, 6),
        "kind": "Báo cáo",
        "summary": "Hoạt động của Trang thông tin điện tử quý IV năm 2026",
        "body": [
            {"type": "heading", "text": "I. KẾT QUẢ"},
            {"type": "paragraph", "text": "Trong quý, Trang đã đăng 131 tin, bài."},
            {"type": "table", "header": [["STT", "Mục tin", "Số tin"]], "rows": [["1", "Tin tức, sự kiện", "131"]]},
            {"type": "page_break"},
            {"type": "heading", "text": "PHỤ LỤC", "align": "center"},
        ],
        "recipients": ["Ban Giám đốc", "Sở Thông tin và Truyền thông"],
        "archive": "VT, BBT",
        "signer": Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"),
    }
    return FormalDocument(**{**fields, **changes})


EXPECTED = [
    "UBND TỈNH THỪA THIÊN HUẾ",
    "SỞ NGOẠI VỤ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/BC-BBT",
    "Thừa Thiên Huế, ngày 06 tháng 12 năm 2026",
    "BÁO CÁO",
    "Hoạt động của Trang thông tin điện tử quý IV năm 2026",
    "I. KẾT QUẢ",
    "Trong quý, Trang đã đăng 131 tin, bài.",
    "Tin tức, sự kiện",
    "Nơi nhận:",
    "- Ban Giám đốc;",
    "- Sở Thông tin và Truyền thông;",
    "- Lưu: VT, BBT.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Nguyễn Văn An",
]


def test_the_heading_comes_from_the_agency_settings_not_from_code():
    agency = AgencySettings.load()
    agency.document_parent_vi, agency.document_name_vi, agency.place_vi = (
        "UBND TỈNH QUẢNG TRỊ",
        "SỞ TƯ PHÁP",
        "Quảng Trị",
    )
    agency.save()
    assert agency_heading("vi") == {
        "issuer_parent": "UBND TỈNH QUẢNG TRỊ",
        "issuer": "SỞ TƯ PHÁP",
        "place": "Quảng Trị",
    }
    agency.document_name_vi = ""  # empty: the agency's name in capitals
    agency.save()
    assert agency_heading("vi")["issuer"] == agency.name_vi.upper()


def test_docx_has_every_part_in_the_decree_form():
    data = render_docx(report())
    text = docx_text(data)
    for part in EXPECTED:
        assert part in text, part
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    mm = [round(length.mm) for length in (section.page_width, section.page_height)]
    margins = [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ]
    assert mm == [210, 297] and margins == [20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    runs = {
        run.text: run for table in document.tables for cell in table._cells for p in cell.paragraphs for run in p.runs
    }
    assert runs["Độc lập - Tự do - Hạnh phúc"].underline and runs["Độc lập - Tự do - Hạnh phúc"].bold
    assert runs["SỞ NGOẠI VỤ"].bold and runs["SỞ NGOẠI VỤ"].underline
    assert runs["Thừa Thiên Huế, ngày 06 tháng 12 năm 2026"].italic
    assert runs["KT. GIÁM ĐỐC"].bold and runs["Nguyễn Văn An"].bold
    kind = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert kind.runs[0].bold and kind.alignment == 1  # centred


def test_pdf_has_every_part_in_the_decree_form():
    text = pdf_text(render_pdf(report()))
    for part in EXPECTED:
        assert part in text, part
    assert len(PdfReader(io.BytesIO(render_pdf(report()))).pages) == 2  # the appendix starts a page


def test_a_document_not_yet_numbered_leaves_room_for_the_number_and_date():
    doc = report(number=number_and_symbol(None, "KH", "BBT"), date=None)
    text = pdf_text(render_pdf(doc))
    assert "/KH-BBT" in text and "Số:" in text
    assert "12/" not in text.split("BÁO CÁO")[0]
    assert "Thừa Thiên Huế, ngày" in text and "tháng" in text
    assert "/KH-BBT" in docx_text(render_docx(doc))


def test_a_letter_has_its_summary_under_the_number_and_its_addressee():
    doc = report(kind="", summary="trả lời kết quả hồ sơ", addressees=["Ông Trần Văn B"])
    for text in (pdf_text(render_pdf(doc)), docx_text(render_docx(doc))):
        assert "V/v trả lời kết quả hồ sơ" in text
        assert "Kính gửi: Ông Trần Văn B" in text
        assert "BÁO CÁO" not in text


def test_the_date_line_writes_a_leading_zero_for_days_below_10_and_months_1_and_2():
    assert date_line("Huế", datetime.date(2027, 2, 3)) == "Huế, ngày 03 tháng 02 năm 2027"
    assert date_line("Huế", datetime.date(2027, 3, 15)) == "Huế, ngày 15 tháng 3 năm 2027"
    assert date_line("Hue", datetime.date(2027, 3, 15), "en") == "Hue, 15 March 2027"


def test_english_labels():
    doc = report(language="en", **agency_heading("en"))
    text = pdf_text(render_pdf(doc))
    for part in (
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
        "No.: 12/BC-BBT",
        "Recipients:",
    ):
        assert part in text, part
    assert "File: VT, BBT." in text


def test_annexes_follow_the_signature_on_landscape_pages():
    annexes = [{"type": "heading", "text": "PHỤ LỤC I", "align": "center"}, {"type": "paragraph", "text": "Bảng."}]
    doc = report(body=[{"type": "paragraph", "text": "Nội dung."}], annexes=annexes, annexes_landscape=True)
    document = docx.Document(io.BytesIO(render_docx(doc)))
    assert [section.orientation for section in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    text = docx_text(render_docx(doc))
    assert text.index("Nguyễn Văn An") < text.index("PHỤ LỤC I")
    pages = PdfReader(io.BytesIO(render_pdf(doc))).pages
    assert len(pages) == 2 and "PHỤ LỤC I" in pages[1].extract_text()
    assert pages[0].mediabox.width < pages[0].mediabox.height and pages[1].mediabox.width > pages[1].mediabox.height


def test_an_unknown_block_is_refused():
    with pytest.raises(ValueError, match="unknown block type"):
        report(body=[{"type": "image"}])


def test_pages_do_not_load_python_docx():
    # python-docx is imported when a document is made, not by the modules pages import.
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import sys, django; django.setup(); "
        "import portal.formaldocs, portal.planning.views, portal.applications.pdf; "
        "print('docx' in sys.modules)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
