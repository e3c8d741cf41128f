"""Payment sheets (bảng thanh toán nhuận bút, thù lao) as XLSX and PDF, always in Vietnamese.

They are accounting vouchers: the same layout from the admin and from the command, with the
signature blocks the accountant files them with.
"""

from __future__ import annotations

from io import BytesIO

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.core.spreadsheets import text_cells
from portal.formaldocs.documents import date_line

from .selectors import PaymentSheet

SHEET_LANGUAGE = "vi"
MONEY_FORMAT = "#,##0"


def signature_blocks() -> list[tuple[str, str]]:
    return [
        (_("Prepared by"), _("(Signature, full name)")),
        (_("Chief accountant"), _("(Signature, full name)")),
        (_("Head of the agency"), _("(Signature, full name, seal)")),
    ]


def _context(sheet: PaymentSheet) -> dict:
    agency = sheet.period.agency  # the sheet is its period's agency's voucher, under its own heading
    today = timezone.localdate()
    return {
        "sheet": sheet,
        "agency": agency,
        "title": _("ROYALTY AND FEE PAYMENT SHEET"),
        "signatures": signature_blocks(),
        # The agency's place name, from its details (a sheet is always in Vietnamese: SHEET_LANGUAGE).
        "place_and_date": date_line(agency.place_vi, today, SHEET_LANGUAGE),
    }


def filename(sheet: PaymentSheet, extension: str) -> str:
    """The sheet's file name, the same from the admin and the command: it carries its agency's symbol (else its
    code), so that two agencies' sheets of one month are two files, e.g.
    `bang-thanh-toan-nhuan-but-svhtt-2026-t11.xlsx`."""
    period = sheet.period
    agency = period.agency
    owner = slugify(agency.symbol or agency.code) if agency is not None else ""
    stem = "-".join(part for part in ("bang-thanh-toan-nhuan-but", owner, str(period.year)) if part)
    stem += f"-{'q' if period.kind == 'quarter' else 't'}{period.number:02d}"
    return f"{stem}{'-ban-nhap' if sheet.draft else ''}.{extension}"


def sheet_pdf(sheet: PaymentSheet) -> bytes:
    with translation.override(SHEET_LANGUAGE):
        html = render_to_string("royalties/exports/payment_sheet.html", _context(sheet))
    from weasyprint import HTML  # here, not at start: only this export needs it (tens of MiB per worker)

    return HTML(string=html).write_pdf()


def sheet_xlsx(sheet: PaymentSheet) -> bytes:
    with translation.override(SHEET_LANGUAGE):
        return _sheet_xlsx(sheet)


def _sheet_xlsx(sheet: PaymentSheet) -> bytes:
    # Here, not at start: only this export needs openpyxl (every worker would hold it).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    context = _context(sheet)
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet.period.label.replace("/", "-")[:31]
    bold, thin = Font(bold=True), Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    headings = [
        _("No."),
        _("Full name"),
        _("Pen name"),
        _("Unit"),
        _("Work"),
        _("Publication date"),
        _("Kind"),
        _("Amount (đồng)"),
        _("Bank account"),
        _("Bank"),
        _("Signature"),
    ]
    columns = len(headings)

    def merged(row: int, text: str, *, font=None, align="center") -> None:
        ws.cell(row=row, column=1, value=text).alignment = Alignment(horizontal=align, wrap_text=True)
        if font:
            ws.cell(row=row, column=1).font = font
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)

    merged(1, context["agency"].name_vi, font=bold, align="left")
    merged(2, str(context["title"]), font=Font(bold=True, size=14))
    merged(
        3,
        _("Period: %(period)s (%(start)s - %(end)s)")
        % {
            "period": sheet.period.label,
            "start": sheet.period.start.strftime("%d/%m/%Y"),
            "end": sheet.period.end.strftime("%d/%m/%Y"),
        },
    )
    row = 4
    if sheet.draft:
        merged(row, _("DRAFT: the period is not settled yet"), font=Font(bold=True, color="B00020"))
        row += 1
    row += 1
    for column, heading in enumerate(headings, start=1):
        cell = ws.cell(row=row, column=column, value=str(heading))
        cell.font, cell.border = bold, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, person in enumerate(sheet.people, start=1):
        for index, line in enumerate(person.lines):
            row += 1
            first = index == 0
            values = [
                number if first else None,
                person.name if first else None,
                person.pen_name if first else None,
                person.unit if first else None,
                line.title + (f" ({line.note})" if line.note else ""),
                line.day.strftime("%d/%m/%Y") if line.day else "",
                line.kind_label,
                line.amount,
                person.bank_account_number if first else None,
                person.bank_name if first else None,
                None,
            ]
            for column, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=column, value=value)
                cell.border = border
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            ws.cell(row=row, column=8).number_format = MONEY_FORMAT
        row += 1
        ws.cell(row=row, column=5, value=_("Total for %(name)s") % {"name": person.name}).font = bold
        total = ws.cell(row=row, column=8, value=person.total)
        total.font, total.number_format = bold, MONEY_FORMAT
        for column in range(1, columns + 1):
            ws.cell(row=row, column=column).border = border
    row += 1
    ws.cell(row=row, column=5, value=_("GRAND TOTAL")).font = bold
    grand = ws.cell(row=row, column=8, value=sheet.total)
    grand.font, grand.number_format = bold, MONEY_FORMAT
    row += 1
    merged(row, _("In words: %(words)s.") % {"words": sheet.total_in_words}, font=Font(italic=True), align="left")
    row += 2
    ws.cell(row=row, column=9, value=context["place_and_date"]).font = Font(italic=True)
    row += 1
    for (title, hint), column in zip(context["signatures"], (2, 5, 9), strict=True):
        ws.cell(row=row, column=column, value=str(title)).font = bold
        ws.cell(row=row + 1, column=column, value=str(hint)).font = Font(italic=True)
    for column, width in enumerate((5, 24, 16, 22, 48, 12, 22, 16, 18, 26, 14), start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    text_cells(workbook)  # a title or a name typed as a formula stays text
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
