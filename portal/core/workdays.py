"""Working days (ngày làm việc): weekends and Vietnamese public holidays are skipped.

Holidays come from the `holidays` package, which computes the lunar ones (Tết, Giỗ Tổ Hùng
Vương) and the days moved in lieu. The annual plan will store the agency's own changes per
year on top of these; every deadline in the product goes through this module.
"""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Vietnam(years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The moment `days` working days after `start` (same time of day)."""
    moment = start
    remaining = days
    while remaining > 0:
        moment += dt.timedelta(days=1)
        if is_working_day(moment.date()):
            remaining -= 1
    return moment


def working_days_between(start: dt.datetime, end: dt.datetime) -> float:
    """Elapsed working time from `start` to `end`, in working days (weekends and holidays don't count)."""
    if end <= start:
        return 0.0
    elapsed = dt.timedelta()
    cursor = start
    while cursor < end:
        next_midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time.min, tzinfo=cursor.tzinfo)
        segment_end = min(end, next_midnight)
        if is_working_day(cursor.date()):
            elapsed += segment_end - cursor
        cursor = segment_end
    return elapsed / dt.timedelta(days=1)
