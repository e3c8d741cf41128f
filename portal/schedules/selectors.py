"""Reads of the work programmes and weekly schedules."""

import datetime as dt

from portal.search.selectors import search_terms

from .models import WeeklySchedulePage, WorkProgrammePage


def programme_for_period(*, period, year, number, locale_id, translation_key=None) -> WorkProgrammePage | None:
    """Another programme of the same period (one per month, quarter or year; translations do not count)."""
    others = WorkProgrammePage.objects.filter(period=period, year=year, number=number, locale_id=locale_id)
    if translation_key:
        others = others.exclude(translation_key=translation_key)
    return others.first()


def schedule_for_week(*, week_start: dt.date, locale_id, translation_key=None) -> WeeklySchedulePage | None:
    others = WeeklySchedulePage.objects.filter(week_start=week_start, locale_id=locale_id)
    if translation_key:
        others = others.exclude(translation_key=translation_key)
    return others.first()


def programme_years(programmes) -> list[int]:
    return sorted(set(programmes.order_by().values_list("year", flat=True).distinct()), reverse=True)


def filter_programmes(programmes, *, q: str = "", period: str = "", year: int | None = None, **_ignored):
    if period:
        programmes = programmes.filter(period=period)
    if year:
        programmes = programmes.filter(year=year)
    terms = search_terms(q or "")
    if terms:
        return programmes.search(terms, operator="and")
    return programmes.order_by("-year", "period", "-number", "-pk")


def calendar_entries(*, index=None, schedule=None, weeks_back: int = 8):
    """The appointments an iCalendar subscriber gets: one week's, or those of every schedule from
    `weeks_back` weeks ago onwards (a calendar client re-reads the feed; old weeks add nothing)."""
    from .models import ScheduleEntry

    entries = ScheduleEntry.objects.select_related("page")
    if schedule is not None:
        return entries.filter(page=schedule).order_by("day", "start_time")
    since = dt.date.today() - dt.timedelta(weeks=weeks_back)
    schedules = index.schedules().filter(week_start__gte=since)
    return entries.filter(page__in=schedules).order_by("day", "start_time")
