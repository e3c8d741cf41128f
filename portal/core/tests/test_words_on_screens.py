"""The right Vietnamese word where one English word has several meanings (see test_catalogues.py):
the plan's key tasks, the applications queue, the public procedure filter, an application's
documents and work-programme tasks, as staff and citizens read them."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from portal.accounts.testing import login_with_second_factor
from portal.applications import services
from portal.planning.report import quarterly_report, report_xlsx
from portal.testing.factories import (
    ProcedureVersionFactory,
    StaffFactory,
    SubmittedApplicationFactory,
    UnitFactory,
    WorkProgrammeFactory,
    plan_of_this_year,
)
from portal.units import roles

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    login_with_second_factor(client, user)
    return client


@pytest.fixture
def officer():
    """An application officer of a unit of their own."""
    return StaffFactory(role=roles.APPLICATION_OFFICER, unit=UnitFactory())


@pytest.fixture
def received(officer):
    """An application of the officer's unit, submitted three days ago and received by the officer."""
    application = SubmittedApplicationFactory(version__procedure__unit=officer.staff_profile.unit, days_ago=3)
    return services.application_receive(application=application, user=officer)


def headers(html: str, table_id: str | None = None) -> list[str]:
    """The column headings of the page's tables (of one table when its id is given)."""
    if table_id:
        html = html[html.index(f'id="{table_id}"') :]
        html = html[: html.index("</table>")]
    return [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)]


def test_the_key_task_column_reads_noi_dung_on_the_dashboard_and_in_the_report(client):
    plan = plan_of_this_year()
    assert plan.key_tasks.exists()
    editor_in_chief = StaffFactory(role=roles.EDITOR_IN_CHIEF)
    html = signed_in(client, editor_in_chief).get(reverse("planning_dashboard")).content.decode()
    section = html[html.index("Nhiệm vụ trọng tâm") :]
    row = headers(section[: section.index("</thead>")])
    assert row[:3] == ["STT", "Nội dung", "Thời gian thực hiện"]
    assert "Bước duyệt" not in html

    today = timezone.localdate()
    report = quarterly_report(year=today.year, quarter=(today.month - 1) // 3 + 1, today=today)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    sheet = book["Nhiệm vụ trọng tâm"]
    assert [cell.value for cell in sheet[1]][:3] == ["STT", "Nội dung", "Thời gian thực hiện"]
    missed = book["Tin bài trễ hạn"] if "Tin bài trễ hạn" in book.sheetnames else None
    if missed is not None:
        assert "Hạn đăng" in [cell.value for cell in missed[1]]


def test_the_applications_queue_says_hạn_giải_quyết(client, officer, received):
    html = signed_in(client, officer).get(reverse("applications_admin:queue")).content.decode()
    columns = headers(html)
    assert "Hạn giải quyết" in columns and "Ngày nộp" in columns and "Thời hạn" in columns
    assert "Hạn đăng" not in html and "Vừa xong" not in html
    assert received.receipt_number in html and f"{timezone.localtime(received.due_at):%d/%m/%Y}" in html


def test_the_public_procedure_filter_reads_lĩnh_vực(client):
    version = ProcedureVersionFactory()
    html = client.get("/thu-tuc-hanh-chinh/").content.decode()
    labels = [re.sub(r"\s+", " ", label).strip() for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)]
    assert "Lĩnh vực" in labels
    assert "Trường" not in labels
    assert "<dt>Mã thủ tục</dt>" in html and version.name_vi in html


def test_an_applications_documents_are_thanh_phan_ho_so(client, officer, received):
    application = received
    track = client.get(reverse("applications:track", args=[application.public_id, application.secret]))
    html = track.content.decode()
    assert "<h3>Thành phần hồ sơ</h3>" in html
    assert "Quá trình xử lý" in html
    detail = signed_in(client, officer).get(reverse("applications_admin:detail", args=[application.pk]))
    assert "<h2>Thành phần hồ sơ</h2>" in detail.content.decode()


def test_work_programme_tasks_are_nhiem_vu(client):
    programme = WorkProgrammeFactory()
    html = client.get(programme.url).content.decode()
    assert re.search(r"<caption[^>]*>Nhiệm vụ</caption>", html)
    assert "Nhiệm vụ" in headers(html)
    assert "bước duyệt" not in html.lower()


def test_english_keeps_the_english_words():
    with translation.override("en"):
        assert pgettext("plan key task", "Task") == "Task"
        assert pgettext("application", "Documents") == "Documents"
        assert pgettext("application deadline", "Done on time") == "Done on time"
    assert pgettext("application deadline", "Done on time") == "Đã giải quyết đúng hạn"
