"""Realistic .docx files built the way the agency types them: MS Word, Times New Roman 12-14."""

import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw

TITLE = "Đoàn công tác tỉnh Thừa Thiên Huế thăm và làm việc tại Hàn Quốc"
LEAD = (
    "Từ ngày 10 đến 15/3, Đoàn công tác của tỉnh Thừa Thiên Huế do Phó Chủ tịch UBND tỉnh dẫn đầu "
    "đã thăm và làm việc tại thành phố Gwangju, Hàn Quốc."
)
CAPTIONS = ["Ảnh 1: Lễ ký kết biên bản ghi nhớ hợp tác", "Ảnh 2: Đoàn thăm khu công nghệ cao Gwangju"]


def png_bytes(color: str = "navy", size: tuple[int, int] = (320, 200), text: str = "Huế") -> bytes:
    """A small PNG that differs by colour, so Word (and python-docx) keep each one."""
    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).text((10, 10), text, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _new_document(font_size: int = 13) -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(font_size)
    # East-Asian and complex-script fonts too, as Word writes them for Vietnamese text.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    return document


def _picture(document: Document, data: bytes, description: str = "") -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    shape = paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(12))
    if description:
        # Word's "Alt Text" pane writes the description here.
        shape._inline.docPr.set("descr", description)


def _to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def news_article(*, images: int = 2) -> bytes:
    """The full sample: title, bold lead, headings, lists, a table, formatting, images with captions."""
    document = _new_document(13)
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("")  # empty paragraphs, as typists leave them
    lead = document.add_paragraph()
    lead.add_run(LEAD).bold = True
    lead.paragraph_format.first_line_indent = Cm(1)

    body = document.add_paragraph("Trong chuyến công tác, đoàn đã ")
    body.add_run("làm việc với Thành phố Gwangju").bold = True
    body.add_run(" và ")
    body.add_run("thăm Tổng Lãnh sự quán Việt Nam").italic = True
    body.add_run(". ")
    red = body.add_run("Nội dung quan trọng được tô màu đỏ.")
    red.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    red.font.name = "Arial"
    red.font.size = Pt(14)
    red.font.highlight_color = 7  # yellow
    document.add_paragraph("")

    if images >= 1:
        _picture(document, png_bytes("navy", text="1"), description="Hai bên ký biên bản ghi nhớ")
        document.add_paragraph(CAPTIONS[0], style="Caption")

    document.add_heading("Kết quả chính của chuyến công tác", level=2)
    document.add_paragraph("Ký kết biên bản ghi nhớ về giáo dục", style="List Bullet")
    document.add_paragraph("Thúc đẩy đầu tư vào khu kinh tế Chân Mây – Lăng Cô", style="List Bullet")
    document.add_heading("Các bước tiếp theo", level=3)
    document.add_paragraph("Xây dựng kế hoạch triển khai", style="List Number")
    document.add_paragraph("Báo cáo UBND tỉnh trước ngày 30/4", style="List Number")

    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    rows = [
        ("Lĩnh vực", "Đối tác", "Thời hạn"),
        ("Giáo dục", "Đại học Chonnam", "2025"),
        ("Du lịch", "Sở Văn hóa Gwangju", "2026"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True

    if images >= 2:
        _picture(document, png_bytes("darkgreen", text="2"))
        caption = document.add_paragraph()
        caption.add_run(CAPTIONS[1]).italic = True
    for extra in range(2, images):
        _picture(document, png_bytes("maroon", text=str(extra + 1)))

    closing = document.add_paragraph("Nguồn: ")
    closing.add_run("Phòng Hợp tác quốc tế").bold = True
    return _to_bytes(document)


def heading_one_article() -> bytes:
    """Title typed as Heading 1 (not Title), lead in italics, size 12, no images."""
    document = _new_document(12)
    document.add_heading("Hội nghị tổng kết công tác đối ngoại năm 2024", level=1)
    lead = document.add_paragraph()
    lead.add_run("Sáng 20/12, Sở Ngoại vụ tổ chức hội nghị tổng kết công tác đối ngoại.").italic = True
    document.add_heading("Những kết quả nổi bật", level=2)
    document.add_paragraph("Công tác lãnh sự được thực hiện đúng quy định.")
    return _to_bytes(document)


def plain_article() -> bytes:
    """No heading style at all: the first paragraph is the title."""
    document = _new_document(14)
    document.add_paragraph("Thông báo lịch tiếp công dân tháng 5")
    document.add_paragraph("Sở Ngoại vụ thông báo lịch tiếp công dân định kỳ tháng 5.")
    document.add_paragraph("Địa điểm: số 01 Lê Lai, thành phố Huế.")
    return _to_bytes(document)


def empty_document() -> bytes:
    document = _new_document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    return _to_bytes(document)


def replace_part(docx: bytes, name: str, data: bytes) -> bytes:
    """The same .docx with one part replaced (e.g. a damaged image)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, data if item.filename == name else source.read(item.filename))
    return buffer.getvalue()


def media_names(docx: bytes) -> list[str]:
    return sorted(n for n in zipfile.ZipFile(io.BytesIO(docx)).namelist() if n.startswith("word/media/"))


# Headers of files that are not .docx, as the real formats start.
OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1")


def legacy_doc() -> bytes:
    """A Word 97-2003 file: an OLE container whose directory names a WordDocument stream."""
    sector = bytearray(512)
    sector[: len(OLE_HEADER)] = OLE_HEADER
    return bytes(sector) + "WordDocument".encode("utf-16-le") + bytes(1024)


def encrypted_docx() -> bytes:
    """A password-protected .docx: Word wraps it in an OLE container with EncryptionInfo."""
    sector = bytearray(512)
    sector[: len(OLE_HEADER)] = OLE_HEADER
    return (
        bytes(sector)
        + "EncryptionInfo".encode("utf-16-le")
        + bytes(64)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(1024)
    )
