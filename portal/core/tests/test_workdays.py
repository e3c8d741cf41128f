import datetime as dt
import functools
from zoneinfo import ZoneInfo

from portal.core import deadlines
from portal.core.workdays import add_working_days, is_working_day, working_days_between

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HANOI)


def test_weekends_and_public_holidays_are_not_working_days():
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert not is_working_day(dt.date(2026, 9, 2))  # National Day
    assert not is_working_day(dt.date(2026, 2, 17))  # Tết (lunar)
    assert not is_working_day(dt.date(2026, 4, 26))  # Giỗ Tổ Hùng Vương, 10/3 lunar
    assert is_working_day(dt.date(2026, 11, 26))


def test_a_deadline_of_two_working_days_skips_the_weekend():
    friday_afternoon = at(2026, 11, 27, 15, 0)
    assert add_working_days(friday_afternoon, 2) == at(2026, 12, 1, 15, 0)  # Tuesday


def test_a_deadline_over_tet_skips_the_whole_holiday():
    before_tet = at(2026, 2, 13, 9, 0)  # Friday before Tết 2026
    assert add_working_days(before_tet, 1) == at(2026, 2, 23, 9, 0)


def test_elapsed_working_days_ignore_the_weekend():
    assert working_days_between(at(2026, 11, 27, 12, 0), at(2026, 11, 30, 12, 0)) == 1.0
    assert working_days_between(at(2026, 11, 30, 12, 0), at(2026, 11, 27, 12, 0)) == 0.0


def test_a_deadline_state_says_done_paused_not_started_running_due_soon_or_overdue():
    received, due = at(2026, 11, 2, 9, 0), at(2026, 12, 2, 9, 0)
    state = functools.partial(deadlines.deadline_state, started_at=received, due_at=due, due_soon_days=2)
    assert state(now=at(2026, 11, 10, 9, 0)) == deadlines.ON_TIME  # a month ahead: running, not "just now"
    assert state(now=at(2026, 12, 1, 9, 0)) == deadlines.DUE_SOON
    assert state(now=at(2026, 12, 2, 9, 1)) == deadlines.OVERDUE
    assert state(now=at(2026, 12, 5, 9, 0), paused_at=at(2026, 11, 20, 9, 0)) == deadlines.PAUSED
    assert state(now=at(2026, 12, 5, 9, 0), closed_at=at(2026, 11, 30, 9, 0)) == deadlines.DONE_ON_TIME
    assert state(now=at(2026, 12, 5, 9, 0), closed_at=at(2026, 12, 3, 9, 0)) == deadlines.DONE_LATE
    # Done wins over a paused clock; no start, no running clock.
    assert state(closed_at=at(2026, 11, 30, 9, 0), paused_at=at(2026, 11, 20, 9, 0)) == deadlines.DONE_ON_TIME
    assert deadlines.deadline_state(started_at=None, due_at=None) == deadlines.NOT_STARTED


def test_due_soon_is_counted_in_working_days_of_local_time():
    # Friday 16:00 in Huế, due Monday 10:00: the weekend does not count, so it is due soon.
    due = at(2026, 11, 30, 10, 0)
    friday = at(2026, 11, 27, 16, 0).astimezone(dt.UTC)
    assert deadlines.deadline_state(started_at=at(2026, 11, 2), due_at=due, now=friday) == deadlines.DUE_SOON
    tuesday_before = at(2026, 11, 24, 9, 0)
    assert deadlines.deadline_state(started_at=at(2026, 11, 2), due_at=due, now=tuesday_before) == deadlines.ON_TIME
