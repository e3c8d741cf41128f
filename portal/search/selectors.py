"""Search over all published content of one language, diacritics and case ignored."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Page

from portal.core.text import fold


def search_pages(*, home: Page, query: str, category: Page | None = None,
                 date_from: dt.date | None = None, date_to: dt.date | None = None):
    """Live public pages under `home` (or `category`) matching `query`, best first."""
    scope = category or home
    pages = Page.objects.live().public().descendant_of(scope, inclusive=category is not None)
    if date_from:
        pages = pages.filter(first_published_at__gte=_start_of(date_from))
    if date_to:
        pages = pages.filter(first_published_at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return pages.search(fold(query), operator="and")


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
