"""The audit log: every workflow action is recorded (who, what, when, from which state) and exports to XLSX."""

import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from portal.accounts.testing import login_with_second_factor

from .test_workflow import act, draft, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom")]
User = get_user_model()


def test_workflow_steps_are_logged_with_who_and_what():
    page = draft(title="Tin kiểm tra nhật ký")
    submit(page)
    act(page, "category_editor", "approve", comment="Được")
    act(page, "editor_in_chief", "reject", comment="Sửa tiêu đề")
    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    actions = [(entry.action, entry.user.username) for entry in entries]
    assert ("wagtail.workflow.start", "contributor") in actions
    assert ("wagtail.workflow.approve", "category_editor") in actions
    assert ("wagtail.workflow.reject", "editor_in_chief") in actions
    rejected = entries.get(action="wagtail.workflow.reject")
    assert rejected.data["comment"] == "Sửa tiêu đề"
    assert rejected.data["workflow"]["task"]["title"] == "Trưởng Ban Biên tập phê duyệt"


def test_site_history_filters_by_action_and_exports_xlsx(client):
    page = draft(title="Tin xuất nhật ký ra Excel")
    submit(page)
    act(page, "category_editor", "approve")
    login_with_second_factor(client, User.objects.get(username="administrator"))
    filtered = client.get("/admin/reports/site-history/", {"action": "wagtail.workflow.approve"})
    assert filtered.status_code == 200
    assert "Tin xuất nhật ký ra Excel" in filtered.content.decode()
    export = client.get("/admin/reports/site-history/", {"export": "xlsx"})
    assert export.status_code == 200
    assert "spreadsheetml" in export["Content-Type"]
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert any("Tin xuất nhật ký ra Excel" in value for value in cells)
