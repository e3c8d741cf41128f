import datetime as dt
from zoneinfo import ZoneInfo

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
