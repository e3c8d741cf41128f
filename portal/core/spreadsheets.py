"""Spreadsheet cells that never run: every XLSX and CSV the portal writes passes through here.

A text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is taken for a formula by
Excel and LibreOffice (CSV injection): a contributor's title `=HYPERLINK(...)` would send the
accountant's data away. The value is kept whole and shown as text: in XLSX as a string cell with
Excel's quote prefix (what typing an apostrophe in front does), in CSV with an apostrophe in front
(the CSV format has no cell types). Numbers stay numbers: a negative amount is not text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_MARK = "'"


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value: Any) -> Any:
    """`value` as a CSV cell: a formula-like text behind an apostrophe, anything else as it is."""
    return CSV_TEXT_MARK + value if is_formula_like(value) else value


def text_cells(workbook) -> None:
    """Turn every cell of an openpyxl `workbook` that would run as a formula into a text cell.

    Called on the finished workbook, so that no column written now or later is missed; the portal
    writes no formula of its own.
    """
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def guard_wagtail_exports() -> None:
    """Neutralise the CSV of every admin list export (`list_export`), the portal's and Wagtail's own.

    Wagtail already writes XLSX formulas as text cells but its CSV carries them raw; every export
    view goes through `SpreadsheetExportMixin.preprocess_field_value`, wrapped here once.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        processed = original(self, field, value, export_format)
        return csv_value(processed) if export_format == self.FORMAT_CSV else processed

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
