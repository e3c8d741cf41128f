"""The agency's working-day changes, stored as data, override the holidays package date by date."""

import datetime as dt

import pytest

from portal.accounts.testing import login_with_second_factor
from portal.core.models import WorkingDayChange
from portal.core.workdays import add_working_days, forget_calendar, is_working_day
from portal.testing.factories import StaffFactory, UnitFactory
from portal.units import roles

from .test_workdays import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_calendar():
    forget_calendar()
    yield
    forget_calendar()


def test_the_packages_make_up_saturday_is_a_working_day():
    assert is_working_day(dt.date(2025, 4, 26))  # Saturday worked for the day off on Friday 02/05/2025
    assert not is_working_day(dt.date(2025, 5, 2))


def test_a_stored_day_off_and_make_up_day_change_deadlines_at_once():
    friday = at(2027, 3, 5, 9)
    assert add_working_days(friday, 1) == at(2027, 3, 8, 9)  # Monday
    day_off = WorkingDayChange.objects.create(
        date=dt.date(2027, 3, 8), kind=WorkingDayChange.DAY_OFF, reason="Nghỉ bù theo thông báo của tỉnh"
    )
    assert not is_working_day(dt.date(2027, 3, 8))
    assert add_working_days(friday, 1) == at(2027, 3, 9, 9)
    WorkingDayChange.objects.create(date=dt.date(2027, 3, 6), kind=WorkingDayChange.WORKING_DAY, reason="Làm bù")
    assert is_working_day(dt.date(2027, 3, 6))  # a Saturday
    assert add_working_days(friday, 1) == at(2027, 3, 6, 9)
    day_off.delete()
    assert is_working_day(dt.date(2027, 3, 8))


def test_a_change_can_give_back_a_holiday():
    WorkingDayChange.objects.create(date=dt.date(2027, 9, 2), kind=WorkingDayChange.WORKING_DAY, reason="Thử nghiệm")
    assert is_working_day(dt.date(2027, 9, 2))


def test_the_secretariat_keeps_the_changes_in_the_admin(client):
    login_with_second_factor(client, StaffFactory(role=roles.SECRETARIAT, unit=UnitFactory()))
    response = client.post(
        "/admin/snippets/core/workingdaychange/add/",
        {"date": "2027-04-30", "kind": "working_day", "reason": "Làm việc trực"},
    )
    assert response.status_code == 302
    assert WorkingDayChange.objects.filter(date=dt.date(2027, 4, 30)).exists()
    client.logout()
    login_with_second_factor(client, StaffFactory(role=roles.CONTRIBUTOR, unit=UnitFactory()))
    refused = client.get("/admin/snippets/core/workingdaychange/add/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
