"""Visits for the dashboard and the quarterly report."""

import datetime as dt

from django.db.models import Sum

from .models import DailyVisits, PageVisits


def visits_total(*, start: dt.date, end: dt.date) -> int:
    return DailyVisits.objects.filter(day__range=(start, end)).aggregate(total=Sum("views"))["total"] or 0


def visits_per_month(*, start: dt.date, end: dt.date) -> dict[tuple[int, int], int]:
    totals: dict[tuple[int, int], int] = {}
    for day, views in DailyVisits.objects.filter(day__range=(start, end)).values_list("day", "views"):
        totals[(day.year, day.month)] = totals.get((day.year, day.month), 0) + views
    return totals


def most_visited_pages(*, start: dt.date, end: dt.date, limit: int = 10) -> list[tuple[str, int]]:
    return list(
        PageVisits.objects.filter(day__range=(start, end))
        .values("path")
        .annotate(total=Sum("views"))
        .order_by("-total", "path")
        .values_list("path", "total")[:limit]
    )
