"""Visits for the dashboard and the quarterly report: a site's own (the default site's unless named)."""

import datetime as dt

from django.db.models import Sum

from .models import DailyVisits, PageVisits, default_site_id


def _site(site_id: int | None) -> int | None:
    return site_id or default_site_id()


def visits_total(*, start: dt.date, end: dt.date, site_id: int | None = None) -> int:
    days = DailyVisits.objects.filter(site_id=_site(site_id), day__range=(start, end))
    return days.aggregate(total=Sum("views"))["total"] or 0


def visits_per_month(*, start: dt.date, end: dt.date, site_id: int | None = None) -> dict[tuple[int, int], int]:
    totals: dict[tuple[int, int], int] = {}
    days = DailyVisits.objects.filter(site_id=_site(site_id), day__range=(start, end))
    for day, views in days.values_list("day", "views"):
        totals[(day.year, day.month)] = totals.get((day.year, day.month), 0) + views
    return totals


def most_visited_pages(
    *, start: dt.date, end: dt.date, limit: int = 10, site_id: int | None = None
) -> list[tuple[str, int]]:
    return list(
        PageVisits.objects.filter(site_id=_site(site_id), day__range=(start, end))
        .values("path")
        .annotate(total=Sum("views"))
        .order_by("-total", "path")
        .values_list("path", "total")[:limit]
    )
