"""Search over all published content of one language, diacritics and case ignored."""

import datetime as dt
import re

from django.utils import timezone
from wagtail.models import Page

from portal.core.text import fold

_WORD = re.compile(r"[^\W_]+")


def search_pages(
    *,
    home: Page,
    query: str,
    category: Page | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """Live public pages under `home` (or `category`) matching `query`, best first."""
    scope = category or home
    pages = Page.objects.live().public().descendant_of(scope, inclusive=category is not None)
    if date_from:
        pages = pages.filter(first_published_at__gte=_start_of(date_from))
    if date_to:
        pages = pages.filter(first_published_at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return pages.search(search_terms(query), operator="and")


def search_terms(query: str) -> str:
    """The folded words of `query`: quotes, operators and other punctuation are search syntax
    to the backends (SQLite's FTS5 refuses an unbalanced quote), never what a citizen means."""
    return " ".join(_WORD.findall(fold(query)))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
