"""Working days (ngày làm việc): weekends and Vietnamese public holidays are skipped.

Holidays come from the `holidays` package, which computes the lunar ones (Tết, Giỗ Tổ Hùng
Vương), the days moved in lieu and the make-up Saturdays it knows. The agency's own changes
(`core.WorkingDayChange`, edited by the board secretariat) override it date by date. Every
deadline in the product is counted on this calendar by the clock in core.deadlines, in local time.

The calendar of a year is computed once and kept (lru_cache): saving or deleting a change
clears it in this process at once (signal_handlers) and, through a generation in the shared cache
(read once per request), in every other process and app server at their next request or job; where
the cache is each process's own (local memory), the others pick it up within CALENDAR_REFRESH_SECONDS.
"""

import datetime as dt
import logging
import time
from functools import lru_cache

from django.db import DatabaseError

logger = logging.getLogger(__name__)

CALENDAR_REFRESH_SECONDS = 300
SHARED_GENERATION_KEY = "workdays:generation"
_generation = 0


def forget_calendar() -> None:
    """Called when a stored change is saved or deleted (and again when it commits)."""
    global _generation
    _generation += 1
    _calendar.cache_clear()
    from django.core.cache import cache

    from .per_request import forget

    forget(SHARED_GENERATION_KEY)
    try:
        cache.incr(SHARED_GENERATION_KEY)
    except ValueError:  # never set, or evicted
        cache.set(SHARED_GENERATION_KEY, 1, timeout=None)
    except Exception:  # noqa: BLE001 - the cache away: the others pick it up within CALENDAR_REFRESH_SECONDS
        logger.warning("Could not tell the other processes that the working days changed", exc_info=True)


def _shared_generation() -> int:
    """The generation every process shares (the cache's), read once per request."""
    from django.core.cache import cache

    from .per_request import remember

    def read() -> int:
        try:
            return cache.get(SHARED_GENERATION_KEY, 0)
        except Exception:  # noqa: BLE001 - the cache away: this process's own calendar serves
            return 0

    return remember(SHARED_GENERATION_KEY, read)


class _ChangesUnavailable(Exception):
    pass


def _stored_changes(year: int) -> dict[dt.date, str]:
    from .models import WorkingDayChange

    try:
        return dict(WorkingDayChange.objects.filter(date__year=year).values_list("date", "kind"))
    except (DatabaseError, RuntimeError) as error:
        # Before migrations, or where no database may be used (pure unit tests).
        raise _ChangesUnavailable from error


@lru_cache(maxsize=32)
def _package_calendar(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(holidays, make-up working days) the `holidays` package knows for `year`."""
    import holidays  # here, not at start: only deadlines need it, and public pages never do

    country = holidays.Vietnam(years=year)
    return frozenset(country.keys()), frozenset(day for day in country.weekend_workdays if day.year == year)


@lru_cache(maxsize=64)
def _calendar(year: int, _generation: int, _shared: int, _slot: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, make-up working days) of `year`: the package's, overridden by the stored changes."""
    from .models import WorkingDayChange

    package_off, package_working = _package_calendar(year)
    days_off, working = set(package_off), set(package_working)
    for day, kind in _stored_changes(year).items():
        if kind == WorkingDayChange.DAY_OFF:
            days_off.add(day)
            working.discard(day)
        else:
            working.add(day)
            days_off.discard(day)
    return frozenset(days_off), frozenset(working)


def year_calendar(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, make-up working days) of `year`, as the product counts them."""
    try:
        slot = int(time.monotonic() // CALENDAR_REFRESH_SECONDS)
        return _calendar(year, _generation, _shared_generation(), slot)
    except _ChangesUnavailable:  # not cached: the next call tries the database again
        return _package_calendar(year)


def is_working_day(day: dt.date) -> bool:
    days_off, working = year_calendar(day.year)
    if day in working:
        return True
    return day.weekday() < 5 and day not in days_off


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
