"""Search over all published content of one language, diacritics and case ignored."""

import datetime as dt
import re

from django.utils import timezone
from wagtail.models import Page

from portal.core.per_request import restricted_paths
from portal.core.text import fold

from .ranked import PageScope, RankedResults, uses_database_index

_WORD = re.compile(r"[^\W_]+")


def search_pages(
    *,
    home: Page,
    query: str,
    category: Page | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """Live public pages under `home` (or `category`) matching every word of `query`, best first.

    Answers `count()` and slices (a Paginator takes it as it is).
    """
    scope = category or home
    published_from = _start_of(date_from) if date_from else None
    published_before = _start_of(date_to + dt.timedelta(days=1)) if date_to else None
    terms = search_words(query)
    if uses_database_index():
        restricted = restricted_paths()  # read once per request, shared with the rest of the page
        min_depth = scope.depth if category is not None else scope.depth + 1
        return RankedResults(terms, PageScope(scope.path, min_depth, restricted, published_from, published_before))
    pages = Page.objects.live().public().descendant_of(scope, inclusive=category is not None)
    if published_from:
        pages = pages.filter(first_published_at__gte=published_from)
    if published_before:
        pages = pages.filter(first_published_at__lt=published_before)
    return pages.search(" ".join(terms), operator="and") if terms else pages.none()


def search_words(query: str) -> list[str]:
    """The folded words of `query`: quotes, operators and other punctuation are search syntax
    to the backends (SQLite's FTS5 refuses an unbalanced quote), never what a citizen means."""
    return _WORD.findall(fold(query))


def search_terms(query: str) -> str:
    """The folded words of `query` as one string, for Wagtail's `search()` on a queryset."""
    return " ".join(search_words(query))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
