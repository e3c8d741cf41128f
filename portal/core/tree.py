"""Query helpers over the page tree and its dates that stay fast on a large site.

`path__startswith` becomes `LIKE 'prefix%'`, which SQLite's default case-insensitive LIKE never
reads through an index: every filter on a category scanned the whole page table. A subtree is
also a range of paths (treebeard's paths are fixed-width steps over one alphabet), which both
databases read through the path index.
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Q
from django.db.models.functions import TruncDate
from wagtail.models import Page, get_page_models

ALPHABET = Page.alphabet


def _successor(prefix: str) -> str | None:
    """The smallest path that sorts after every path starting with `prefix` (None: no such path)."""
    stem = prefix.rstrip(ALPHABET[-1])
    if not stem:
        return None
    return stem[:-1] + ALPHABET[ALPHABET.index(stem[-1]) + 1]


def subtree_q(path: str, *, field: str = "path") -> Q:
    """The page at `path` and every page below it, as a range of paths."""
    after = _successor(path)
    bounds = {f"{field}__gte": path}
    if after is not None:
        bounds[f"{field}__lt"] = after
    return Q(**bounds)


def descendants_q(page) -> Q:
    """The pages below `page`, as a range of paths (what `descendant_of` asks with LIKE, which
    SQLite reads by going through the whole page table: for a small kind of page, that is
    100,000 rows to find a few dozen)."""
    return subtree_q(page.path) & Q(depth__gt=page.depth)


def children_q(page) -> Q:
    """The children of `page`, as a range of paths at the next depth (what `child_of` asks with LIKE)."""
    return subtree_q(page.path) & Q(depth=page.depth + 1)


def any_subtree_q(paths, *, field: str = "path") -> Q:
    """Pages in any of the subtrees at `paths` (matches nothing when there are none)."""
    conditions = [subtree_q(path, field=field) for path in paths]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def site_home_paths(site) -> list[str]:
    """The tree paths of a Wagtail site's homes: its root (Vietnamese) and that page's translations."""
    return list(Page.objects.filter(translation_key=site.root_page.translation_key).values_list("path", flat=True))


def site_pages_q(site) -> Q:
    """The pages of a Wagtail site in every language: below any of its homes (`site_home_paths`)."""
    return any_subtree_q(site_home_paths(site))


class SQLiteFixedOffsetDate(models.Func):
    """The calendar date of a UTC datetime column in a zone that keeps one offset all period
    (Vietnam has kept UTC+7 since 1975), by SQLite's own date arithmetic: TruncDate has SQLite call
    back into Python once per row, most of the time of a year's grouped counts."""

    output_field = models.DateField()

    def __init__(self, expression, *, offset_seconds: int):
        super().__init__(expression)
        self.offset_seconds = offset_seconds

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"date({column}, '{self.offset_seconds:+d} seconds')", params


def local_date(column: str, *, zone: dt.tzinfo, start: dt.date, end: dt.date):
    """The local date of `column` in `zone`, for moments from `start` to `end`."""
    if connection.vendor != "sqlite":
        return TruncDate(column, tzinfo=zone)  # done by the database itself
    # One offset on the first of every month of the period: no daylight saving inside it.
    samples = [dt.datetime(year, month, 1, 12) for year in range(start.year, end.year + 1) for month in range(1, 13)]
    offsets = {zone.utcoffset(moment) for moment in [*samples, dt.datetime.combine(end, dt.time(12))]}
    if len(offsets) == 1 and None not in offsets:
        return SQLiteFixedOffsetDate(column, offset_seconds=int(offsets.pop().total_seconds()))
    return TruncDate(column, tzinfo=zone)


class PlusDays(models.Func):
    """A datetime column `days` later, in the database's own arithmetic (Django's own has SQLite
    call back into Python for every row)."""

    output_field = models.DateTimeField()

    def __init__(self, expression, *, days: int):
        super().__init__(expression)
        self.days = int(days)

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "sqlite":
            # Django keeps datetimes in SQLite as ISO text, which datetime() reads and writes.
            return f"datetime({column}, '+{self.days} days')", params
        return f"({column} + INTERVAL '{self.days} days')", params


def other_page_type_ids(*models, subclasses: bool = False) -> list[int]:
    """The content types of every page model but `models` (and their subclasses, if asked).

    Filtering with "not one of these" keeps the page type out of the databases' choice of index:
    "one of those" had SQLite read every page of the types through the type's index rather than
    the range of paths or dates that leads.
    """
    page_models = get_page_models()
    kept = {model for model in page_models if issubclass(model, models)} if subclasses else set(models)
    types = ContentType.objects.get_for_models(*page_models)
    return sorted(ct.pk for model, ct in types.items() if model not in kept)
