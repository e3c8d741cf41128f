"""The daily reminders: who gets what, once per item and day, at the time the secretariat set."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from portal.planning.models import ReminderLog, ReminderSettings
from portal.planning.reminders import send_due_reminders
from portal.units import roles

from .conftest import at

pytestmark = pytest.mark.django_db
MONDAY_MORNING = at(2017, 7, 3, 8, 0)  # the 2017 plan's dataset, seen on Monday 03/07/2017


@pytest.fixture
def reminder_settings():
    settings = ReminderSettings.load()
    settings.enabled, settings.send_at, settings.last_sent_on = True, dt.time(7, 30), None
    settings.save()
    return settings


@pytest.fixture
def members(staff):
    """Members of three of the plan's source units: the reminders go to them."""
    return SimpleNamespace(
        contributor=staff(roles.CONTRIBUTOR, "hop-tac-quoc-te"),
        secretariat=staff(roles.SECRETARIAT, "van-phong"),
        consular=staff(roles.UNIT_HEAD, "lanh-su"),
    )


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_each_unit_and_editor_gets_what_they_are_behind_on(known_2017, reminder_settings, members):
    sent = send_due_reminders(now=MONDAY_MORNING)
    assert sent >= 3
    contributor = mails_to(members.contributor.email)  # Phòng Hợp tác quốc tế
    assert len(contributor) == 1
    body = contributor[0].body
    assert contributor[0].subject.startswith("Kế hoạch Trang TTĐT:")
    assert "Mục tin 7. Hợp tác quốc tế chậm so với kế hoạch: đã đăng 1 tin bài từ đầu năm" in body
    assert "Mục tin 7. Hợp tác quốc tế lạc hậu: không có tin mới từ 02/05/2017" in body
    assert "Mục tin 14. Sổ tay lễ tân ngoại giao đang trống" in body
    assert "Thủ tục hành chính" not in body  # another unit's category
    office = mails_to(members.secretariat.email)[0].body  # Văn phòng Sở
    assert (
        "“Công bố thủ tục mới chưa đăng” (Thủ Tục Hành chính) phải đăng trước hết ngày 21/06/2017 nhưng chưa đăng"
        in office
    )
    # 3 of 31 days into July at 11 a month: at least one item expected by now.
    assert "Văn phòng Sở đã đăng 0 tin bài trong tháng này; định mức tối thiểu là 11 tin bài mỗi tháng." in office
    logged = ReminderLog.objects.filter(day=dt.date(2017, 7, 3), recipient=members.contributor)
    assert {entry.item_key.split(":")[0] for entry in logged} >= {"behind", "stale", "empty"}
    assert all(entry.summary for entry in logged)


def test_an_item_is_sent_once_a_day_at_most(known_2017, reminder_settings, members):
    send_due_reminders(now=MONDAY_MORNING)
    first = len(mail.outbox)
    assert send_due_reminders(now=MONDAY_MORNING + dt.timedelta(hours=3)) is None  # already sent today
    assert send_due_reminders(now=MONDAY_MORNING + dt.timedelta(hours=3), force=True) == 0  # nothing new
    assert len(mail.outbox) == first
    logged = ReminderLog.objects.filter(recipient=members.contributor).count()
    send_due_reminders(now=MONDAY_MORNING + dt.timedelta(days=1))  # the next day, again
    assert ReminderLog.objects.filter(recipient=members.contributor).count() == 2 * logged


def test_the_secretariat_sets_the_time_or_turns_it_off(known_2017, reminder_settings, members):
    reminder_settings.send_at = dt.time(9, 0)
    reminder_settings.save()
    assert send_due_reminders(now=MONDAY_MORNING) is None  # 08:00, before 09:00
    assert send_due_reminders(now=MONDAY_MORNING + dt.timedelta(hours=1)) > 0
    mail.outbox.clear()
    reminder_settings.refresh_from_db()
    reminder_settings.enabled = False
    reminder_settings.save()
    assert send_due_reminders(now=MONDAY_MORNING + dt.timedelta(days=1, hours=2)) is None
    assert mail.outbox == []


def test_no_reminders_on_a_day_off(known_2017, reminder_settings):
    assert send_due_reminders(now=at(2017, 7, 2, 10)) is None  # Sunday
    assert send_due_reminders(now=at(2017, 9, 4, 10)) is None  # National Day, moved to Monday
    assert mail.outbox == []


def test_the_reminder_is_in_the_recipients_language(known_2017, reminder_settings, members):
    contributor = members.contributor
    profile = UserProfile.get_for_user(contributor)
    profile.preferred_language = "en"
    profile.save()
    send_due_reminders(now=MONDAY_MORNING)
    message = mails_to(contributor.email)[0]
    assert message.subject.startswith("Website plan:")
    assert "Category 7. Hợp tác quốc tế is behind the plan" in message.body


def test_the_scheduler_runs_the_reminders(known_2017, reminder_settings, monkeypatch):
    from portal.operations.scheduler import default_jobs
    from portal.planning.management.commands import send_plan_reminders

    calls = []
    monkeypatch.setattr(send_plan_reminders, "send_due_reminders", lambda **kwargs: calls.append(kwargs))
    job = next(job for job in default_jobs() if job.name == "plan_reminders")
    job.run()
    assert calls == [{"force": False}]
