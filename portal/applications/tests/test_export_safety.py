"""An applicant's name typed as a formula reaches the officer's spreadsheet as text, whole."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.applications.models import Application

pytestmark = pytest.mark.django_db

NAME = "=cmd|' /C calc'!A0"


def test_the_work_queue_exports_a_formula_name_as_text(staff_client, officer, submitted):
    Application.objects.filter(pk=submitted.pk).update(applicant_name=NAME)
    client = staff_client(officer)
    url = reverse("applications_admin:queue")
    rows = list(csv.reader(io.StringIO(b"".join(client.get(url, {"export": "csv"}).streaming_content).decode())))
    assert next(row for row in rows if submitted.receipt_number in row)[2] == "'" + NAME
    xlsx = b"".join(client.get(url, {"export": "xlsx"}).streaming_content)
    cells = [cell for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for cell in row]
    assert [cell.data_type for cell in cells if cell.value == NAME] == ["s"]
    assert not [cell for cell in cells if cell.data_type == "f"]
