"""Documents the agency issues, in the form of Decree 30/2020/NĐ-CP (Phụ lục I), as DOCX and PDF.

One `FormalDocument` describes the document; `render_docx(doc)` and `render_pdf(doc)` lay it out the
way the Decree asks: on A4 with margins 20 mm top and bottom, 30 mm left, 15 mm right, Times New
Roman 13-14 (PDF: Liberation Serif, metrically the same, where Times New Roman is not installed):

    UBND TỈNH THỪA THIÊN HUẾ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
         SỞ NGOẠI VỤ                     Độc lập - Tự do - Hạnh phúc
         ‾‾‾‾‾‾‾‾‾‾                      ‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾
      Số: 153/SNgV-LS          Thừa Thiên Huế, ngày 06 tháng 12 năm 2026
     (V/v ... for a letter)
                                  BÁO CÁO                 <- kind (empty for a letter: công văn)
                   Hoạt động của Trang TTĐT quý IV năm 2026   <- summary (trích yếu)
    Kính gửi: ...                                          <- addressees, if any
    body blocks ...
    Nơi nhận:                                  KT. GIÁM ĐỐC     <- signer.authority (may be empty)
    - Sở TTTT;                                 PHÓ GIÁM ĐỐC     <- signer.title
    - Lưu: VT, LS.                             Nguyễn Văn A     <- signer.name

`body` is a list of blocks, each a dict:

- ``{"type": "heading", "text": "I. KẾT QUẢ", "level": 1}``: bold; level 2 bold italic; optional
  ``"align": "center"``.
- ``{"type": "paragraph", "text": "..."}``: justified, first line indented; optional ``"bold"``,
  ``"italic"`` (booleans), ``"align"`` ("left", "center", "right", "justify") and ``"indent"``
  (False for no first-line indent). A newline in the text is a line break.
- ``{"type": "table", "header": [["STT", "Nội dung"], ...], "rows": [["1", "..."], ...]}``:
  ``header`` is a list of header rows (bold, centred, repeated on every page), ``rows`` the body;
  cells are strings (numbers are shown with ``str``); optional ``"widths"`` in centimetres.
- ``{"type": "page_break"}``: the next block starts a new page.

`annexes` are blocks of the same kinds printed after the signature, from a new page (the
appendices, phụ lục, of a plan); `annexes_landscape` turns those pages for wide tables.

`number` is the number and symbol as written after "Số:", e.g. "153/SNgV-LS"; a document not yet
numbered gives only the symbol, "/KH-BBT", and gets room to write the number by hand
(`number_and_symbol` builds both). `date` may be None for the same reason. `recipients` are the lines
under "Nơi nhận:" without dash or semicolon; `archive` is the "Lưu:" line ("VT, LS").
Labels (heading, motto, "Số:", "Nơi nhận:") follow `language`, "vi" or "en".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import formats, translation
from django.utils.translation import pgettext

BLOCK_TYPES = ("heading", "paragraph", "table", "page_break")


@dataclass
class Signer:
    authority: str  # "KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC", "TM. BAN BIÊN TẬP"; empty when the head signs
    title: str  # "PHÓ GIÁM ĐỐC"
    name: str


@dataclass
class FormalDocument:
    issuer_parent: str  # the governing body, "UBND TỈNH THỪA THIÊN HUẾ" (may be empty)
    issuer: str  # the issuing body, "SỞ NGOẠI VỤ"
    number: str  # "153/SNgV-LS", or "/KH-BBT" when not yet numbered
    place: str  # "Thừa Thiên Huế"
    date: datetime.date | None
    kind: str  # "BÁO CÁO", "KẾ HOẠCH"; empty for a letter (công văn), whose summary goes under the number
    summary: str  # trích yếu
    body: list[dict] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    language: str = "vi"
    addressees: list[str] = field(default_factory=list)  # "Kính gửi:"
    archive: str = "VT"  # "Lưu: VT, LS"
    filename: str = "van-ban"  # without extension, for downloads
    annexes: list[dict] = field(default_factory=list)  # blocks after the signature, from a new page (phụ lục)
    annexes_landscape: bool = False

    def __post_init__(self) -> None:
        for block in [*self.body, *self.annexes]:
            if block.get("type") not in BLOCK_TYPES:
                raise ValueError(f"unknown block type {block.get('type')!r}")


def number_and_symbol(number: int | str | None, *symbol: str) -> str:
    """'153/SNgV-LS' from (153, "SNgV", "LS"); '/KH-BBT' from (None, "KH", "BBT")."""
    return f"{number or ''}/{'-'.join(part for part in symbol if part)}"


def agency_heading(language: str = "vi", agency=None) -> dict:
    """The issuer_parent, issuer and place of `agency`'s documents (the default site's when none is
    named), from its settings (never from code).

    Splat it into a FormalDocument: ``FormalDocument(**agency_heading("vi"), number=..., ...)``.
    """
    from portal.core.models import AgencySettings

    agency = agency or AgencySettings.load()
    with translation.override(language):
        return {
            "issuer_parent": agency.localized("document_parent") or agency.parent_body.upper(),
            "issuer": agency.localized("document_name") or agency.name.upper(),
            "place": agency.localized("place"),
        }


def agency_symbol(agency=None) -> str:
    """The agency's symbol in document numbers ("SNgV"); the default site's agency when none is named."""
    from portal.core.models import AgencySettings

    return (agency or AgencySettings.load()).symbol


def staff_signer(user) -> Signer:
    """How a staff member signs: the authority and title of their staff profile, and their full name."""
    profile = getattr(user, "staff_profile", None)
    authority = profile.signing_authority if profile else ""
    title = (profile.signing_title or profile.position) if profile else ""
    return Signer(authority=authority, title=title, name=user.get_full_name() or user.get_username())


def date_line(place: str, date: datetime.date | None, language: str = "vi") -> str:
    """'Thừa Thiên Huế, ngày 06 tháng 12 năm 2026': the Decree writes days below 10 and months 1, 2 with a 0."""
    with translation.override(language):
        if date is None:
            blank = "\u00a0" * 6
            day = month = year = blank
        elif language == "vi":
            day, month, year = f"{date.day:02d}", f"{date.month:02d}" if date.month < 3 else str(date.month), date.year
        else:
            day, month, year = f"{date.day:02d}", formats.date_format(date, "F"), date.year
        text = pgettext("formal document", "%(place)s, %(day)s %(month)s %(year)s") % {
            "place": place,
            "day": day,
            "month": month,
            "year": year,
        }
    return text if place else text.lstrip(", ")


def _labels(doc: FormalDocument) -> dict:
    with translation.override(doc.language):
        number = doc.number
        if number.startswith("/"):  # not yet numbered: room to write it by hand
            number = "\u00a0" * 8 + number
        return {
            "nation": pgettext("formal document", "SOCIALIST REPUBLIC OF VIET NAM"),
            "motto": pgettext("formal document", "Independence - Freedom - Happiness"),
            "number": pgettext("formal document", "No.: %(number)s") % {"number": number},
            "date": date_line(doc.place, doc.date, doc.language),
            "regarding": pgettext("formal document", "Re: %(summary)s") % {"summary": doc.summary},
            "to": pgettext("formal document", "To:"),
            "recipients": pgettext("formal document", "Recipients:"),
            "archive": pgettext("formal document", "File: %(archive)s") % {"archive": doc.archive},
        }


def recipient_lines(doc: FormalDocument) -> list[str]:
    """'- Sở TTTT;' ... '- Lưu: VT, LS.': each line a dash, a semicolon, the last a full stop."""
    lines = [line.strip().lstrip("-").strip().rstrip(";.") for line in doc.recipients if line.strip()]
    if doc.archive:
        lines.append(_labels(doc)["archive"])
    return [f"- {line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines)]


# --- DOCX -------------------------------------------------------------------------------------

FONT = "Times New Roman"


def render_docx(doc: FormalDocument) -> bytes:
    """The document as an editable Word file (python-docx, loaded only when a document is made)."""
    import io

    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    labels = _labels(doc)
    align = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    document = docx.Document()
    document.core_properties.title = doc.summary
    document.core_properties.language = doc.language
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    text_width = Mm(210 - 30 - 15)

    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)

    # The page number, centred at the top from the second page (Decree 30, Phụ lục I, 5.g).
    section.different_first_page_header_footer = True
    number_paragraph = section.header.paragraphs[0]
    number_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field = OxmlElement("w:fldSimple")
    page_field.set(qn("w:instr"), "PAGE")
    number_paragraph._p.append(page_field)

    def write(paragraph, text, *, bold=False, italic=False, underline=False, size=None):
        lines = str(text).split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold, run.italic, run.underline = bold, italic, underline
            if size:
                run.font.size = Pt(size)
            if i < len(lines) - 1:
                run.add_break()
        return paragraph

    def centred(cell_or_doc, text="", first=False, **style):
        paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return write(paragraph, text, **style)

    def short_line(paragraph, fraction=1 / 3):
        # A rule under the summary, a third of the line long, centred: a bottom border on an indented paragraph.
        margin = int(text_width * (1 - fraction) / 2)
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = margin
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def no_borders(table):
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False

    # Heading: issuing body (left) and national heading (right), number and place/date on one row.
    left, right = Cm(7.2), text_width - Cm(7.2)
    heading = document.add_table(rows=2, cols=2)
    no_borders(heading)
    for row in heading.rows:
        row.cells[0].width, row.cells[1].width = left, right
    cell = heading.cell(0, 0)
    first = True
    if doc.issuer_parent:
        centred(cell, doc.issuer_parent, first=True, size=12)
        first = False
    centred(cell, doc.issuer, first=first, bold=True, underline=True, size=12)
    cell = heading.cell(0, 1)
    centred(cell, labels["nation"], first=True, bold=True, size=12)
    centred(cell, labels["motto"], bold=True, underline=True, size=13)
    cell = heading.cell(1, 0)
    paragraph = centred(cell, labels["number"], first=True, size=13)
    paragraph.paragraph_format.space_before = Pt(6)
    if not doc.kind and doc.summary:
        centred(cell, labels["regarding"], size=12)
    paragraph = centred(heading.cell(1, 1), labels["date"], first=True, italic=True, size=14)
    paragraph.paragraph_format.space_before = Pt(6)

    if doc.kind:
        paragraph = centred(document, doc.kind.upper(), bold=True)
        paragraph.paragraph_format.space_before = Pt(18)
        if doc.summary:
            centred(document, doc.summary, bold=True)
        short_line(centred(document))
    if doc.addressees:
        single = len(doc.addressees) == 1
        paragraph = centred(document, f"{labels['to']} {doc.addressees[0]}" if single else labels["to"])
        paragraph.paragraph_format.space_before = Pt(12)
        if not single:
            for addressee in doc.addressees:
                centred(document, f"- {addressee};")
    document.add_paragraph().paragraph_format.space_after = Pt(6)

    def blocks(items):
        for block in items:
            add_block(block)

    def add_block(block):
        kind = block["type"]
        if kind == "page_break":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "heading":
            paragraph = document.add_paragraph()
            paragraph.alignment = align.get(block.get("align", "justify"), WD_ALIGN_PARAGRAPH.JUSTIFY)
            paragraph.paragraph_format.first_line_indent = Cm(1.27) if block.get("align") is None else None
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(6)
            write(paragraph, block["text"], bold=True, italic=block.get("level", 1) > 1)
        elif kind == "paragraph":
            paragraph = document.add_paragraph()
            paragraph.alignment = align.get(block.get("align", "justify"), WD_ALIGN_PARAGRAPH.JUSTIFY)
            if block.get("indent", True) and block.get("align", "justify") == "justify":
                paragraph.paragraph_format.first_line_indent = Cm(1.27)
            paragraph.paragraph_format.space_after = Pt(6)
            paragraph.paragraph_format.line_spacing = 1.15
            write(paragraph, block.get("text", ""), bold=block.get("bold", False), italic=block.get("italic", False))
        elif kind == "table":
            header = block.get("header") or []
            if header and not isinstance(header[0], (list, tuple)):
                header = [header]
            rows = [*header, *block.get("rows", [])]
            if not rows:
                return
            columns = max(len(row) for row in rows)
            table = document.add_table(rows=0, cols=columns, style="Table Grid")
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths = block.get("widths")
            for index, values in enumerate(rows):
                row = table.add_row()
                is_header = index < len(header)
                if is_header:
                    header_mark = OxmlElement("w:tblHeader")
                    row._tr.get_or_add_trPr().append(header_mark)
                for column, value in enumerate(values):
                    cell = row.cells[column]
                    if widths and column < len(widths):
                        cell.width = Cm(widths[column])
                    paragraph = cell.paragraphs[0]
                    if is_header:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    write(paragraph, "" if value is None else value, bold=is_header, size=12)
            document.add_paragraph().paragraph_format.space_after = Pt(6)

    blocks(doc.body)

    # Recipients (left) and signature (right).
    closing = document.add_table(rows=1, cols=2)
    no_borders(closing)
    closing.rows[0].cells[0].width, closing.rows[0].cells[1].width = Cm(7.5), text_width - Cm(7.5)
    cell = closing.cell(0, 0)
    if doc.recipients or doc.archive:
        write(cell.paragraphs[0], labels["recipients"], bold=True, italic=True, size=12)
        for line in recipient_lines(doc):
            write(cell.add_paragraph(), line, size=11)
    cell = closing.cell(0, 1)
    if doc.signer:
        first = True
        for line in (doc.signer.authority, doc.signer.title):
            if line:
                centred(cell, line.upper(), first=first, bold=True)
                first = False
        for _ in range(4):  # room for the signature and the seal
            cell.add_paragraph()
        centred(cell, doc.signer.name, first=first, bold=True)

    if doc.annexes:
        annex = document.add_section(WD_SECTION.NEW_PAGE)
        annex.different_first_page_header_footer = False  # its first page is numbered, as page 2 onwards
        if doc.annexes_landscape:
            annex.orientation = WD_ORIENT.LANDSCAPE
            annex.page_width, annex.page_height = Mm(297), Mm(210)
        blocks(doc.annexes)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------------


def render_html(doc: FormalDocument) -> str:
    """The HTML the PDF is printed from (also handy to look at the layout in a browser)."""
    from django.template.loader import render_to_string

    def normalised(items):
        blocks = []
        for block in items:
            if block["type"] == "table":
                header = block.get("header") or []
                if header and not isinstance(header[0], (list, tuple)):
                    header = [header]
                block = {**block, "header": header}
            blocks.append(block)
        return blocks

    return render_to_string(
        "formaldocs/document.html",
        {
            "doc": doc,
            "labels": _labels(doc),
            "blocks": normalised(doc.body),
            "annexes": normalised(doc.annexes),
            "recipient_lines": recipient_lines(doc),
        },
    )


def render_pdf(doc: FormalDocument) -> bytes:
    """The document as PDF (WeasyPrint, loaded only when a document is made; nothing fetched)."""
    from weasyprint import HTML

    from portal.news.pdf import LocalFilesFetcher

    return HTML(string=render_html(doc), base_url="http://localhost/", url_fetcher=LocalFilesFetcher()).write_pdf()
