"""The online services' figures for the plan dashboard and the quarterly report, and the staff dashboard panel."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.applications import services
from portal.core.figures import figure_sections
from portal.testing.factories import StaffFactory
from portal.units import roles

from .conftest import submit

pytestmark = pytest.mark.django_db


def _section(start, end):
    return next(s for s in figure_sections(start=start, end=end) if s.key == "online_services")


def _value(section, label_start):
    return next(f for f in section.figures if str(f.label).startswith(label_start)).value


def test_the_figures_count_received_on_time_late_by_procedure_and_level(client, abtc, officer, approver):
    today = timezone.localdate()
    year_ago = today - dt.timedelta(days=365)
    before = _section(year_ago, today)
    submitted = submit(client, abtc)
    services.application_receive(application=submitted, user=officer)
    services.application_decide(application=submitted, user=approver, approve=False, note="Chưa đủ 12 tháng hoạt động.")
    after = _section(year_ago, today)
    assert _value(after, "Hồ sơ tiếp nhận trực tuyến") == _value(before, "Hồ sơ tiếp nhận trực tuyến") + 1
    assert _value(after, "Hồ sơ mức độ 4") == _value(before, "Hồ sơ mức độ 4") + 1
    assert _value(after, "Giải quyết đúng hạn") == _value(before, "Giải quyết đúng hạn") + 1
    assert _value(after, "Giải quyết quá hạn") == _value(before, "Giải quyết quá hạn")
    assert _value(after, "Thủ tục cung cấp trực tuyến mức độ 3, 4") == "100%"
    assert any(str(f.label).startswith(f"{abtc.procedure.code}:") for f in after.figures)


def test_an_application_decided_after_its_due_date_counts_as_late(client, overdue, approver):
    today = timezone.localdate()
    year_ago = today - dt.timedelta(days=365)
    before = _section(year_ago, today)
    services.application_decide(application=overdue, user=approver, approve=False, note="Chưa đủ 12 tháng hoạt động.")
    overdue.refresh_from_db()
    assert overdue.on_time is False
    after = _section(year_ago, today)
    assert _value(after, "Giải quyết quá hạn") == _value(before, "Giải quyết quá hạn") + 1
    assert _value(after, "Giải quyết đúng hạn") == _value(before, "Giải quyết đúng hạn")


def test_a_period_without_applications_shows_zeros():
    section = _section(dt.date(2001, 1, 1), dt.date(2001, 3, 31))
    assert _value(section, "Hồ sơ tiếp nhận trực tuyến") == 0
    assert _value(section, "Tỷ lệ đúng hạn") == "—"


def test_the_dashboard_shows_the_units_open_and_overdue_applications(staff_client, officer, overdue):
    html = staff_client(officer).get(reverse("wagtailadmin_home")).content.decode()
    assert "Hồ sơ trực tuyến của đơn vị" in html
    assert "quá hạn" in html
    assert 'data-deadline-light="red"' in html and overdue.receipt_number in html


def test_the_dashboard_of_staff_without_applications_has_no_such_panel(staff_client, overdue):
    contributor = StaffFactory(role=roles.CONTRIBUTOR, unit=overdue.procedure.unit)  # of the unit, not an officer
    html = staff_client(contributor).get(reverse("wagtailadmin_home")).content.decode()
    assert "Hồ sơ trực tuyến của đơn vị" not in html
