"""Reads of the photo albums: the images counted against the plan's 30-50 a year."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.figures import Figure, FigureSection
from portal.core.tree import descendants_q

from .models import AlbumImage, AlbumPage

YEARLY_TARGET = (30, 50)  # Appendix I row 16: "Từ 30-50 hình ảnh"


def images_published(*, start: dt.date, end: dt.date, agency=None) -> int:
    """Images of the Vietnamese albums first published from `start` to `end` inclusive, in `agency`'s
    site when named."""
    from portal.planning.agencies import agency_pages_q

    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    last = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    albums = AlbumPage.objects.live().filter(
        locale__language_code="vi", first_published_at__gte=first, first_published_at__lt=last
    )
    if agency is not None and (own := agency_pages_q(agency)) is not None:
        albums = albums.filter(own)
    return AlbumImage.objects.filter(page__in=albums).count()


def images_published_under(category, *, since: dt.datetime, before: dt.datetime) -> int:
    """Images of the live public albums below `category` first published in [since, before): the
    plan's quantity for the photos category (planning.registry.register_quantity)."""
    albums = (
        AlbumPage.objects.live()
        .public()
        .filter(descendants_q(category), first_published_at__gte=since, first_published_at__lt=before)
    )
    return AlbumImage.objects.filter(page__in=albums).count()


def album_figures(*, start: dt.date, end: dt.date, agency=None) -> FigureSection:
    count = images_published(start=start, end=end, agency=agency)
    low, high = YEARLY_TARGET
    whole_year = (end - start).days >= 364
    return FigureSection(
        key="albums",
        title=_("Activity photos"),
        figures=(
            Figure(
                label=_("Images published in albums"),
                value=count,
                target=_("%(low)s-%(high)s a year") % {"low": low, "high": high},
                ok=(count >= low) if whole_year else None,
            ),
        ),
    )
