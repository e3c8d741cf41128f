"""What an archive of a year holds: the live, public pages of the sites first published that year."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site


def site_roots(site: Site | None = None) -> list[Page]:
    """`site`'s home page and its translations (the English home is a translation of the site root); every
    site's when none is named."""
    roots: dict[int, Page] = {}
    sites = [site] if site is not None else Site.objects.select_related("root_page")
    for site in sites:
        for root in site.root_page.get_translations(inclusive=True):
            roots[root.pk] = root
    return sorted(roots.values(), key=lambda page: page.path)


def _archivable_pages(site: Site | None = None):
    """Live pages without any view restriction, in a site language, under `site`'s home (any site's when
    none is named; None: no site)."""
    roots = site_roots(site)
    if not roots:
        return None
    under_a_site = Q()
    for root in roots:
        under_a_site |= Q(path__startswith=root.path)
    languages = [code for code, _name in settings.LANGUAGES]
    return (
        Page.objects.live()
        .public()
        .filter(under_a_site, first_published_at__isnull=False, locale__language_code__in=languages)
    )


def archive_pages(*, year: int, site: Site | None = None) -> list[Page]:
    """Live pages without any view restriction (on them or an ancestor), in a site language, under a
    site's home, first published in `year` (local time), in the order they were first published.

    Drafts never published, unpublished or expired pages and password, login or group-restricted
    pages are left out; so is everything outside the sites (Wagtail's root, orphans).
    """
    zone = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=zone)
    end = dt.datetime(year + 1, 1, 1, tzinfo=zone)
    pages = _archivable_pages(site)
    if pages is None:
        return []
    pages = (
        pages.filter(first_published_at__gte=start, first_published_at__lt=end)
        .select_related("locale")
        .order_by("first_published_at", "path")
        .specific()
    )
    return list(pages)


def archive_years(site: Site | None = None) -> list[int]:
    """The years an archive (of `site`) can be made of (some page of archive_pages first published then),
    newest first."""
    pages = _archivable_pages(site)
    if pages is None:
        return []
    years = pages.datetimes("first_published_at", "year", order="DESC", tzinfo=timezone.get_current_timezone())
    return [moment.year for moment in years]


def archive_exports(*, user, limit: int = 100) -> list:
    """The exports started from the admin that `user` may see (their agency's, every agency's for a superuser:
    `permissions.export_policy`), newest first, with who started them and whose they are."""
    from .permissions import export_policy

    return list(export_policy.visible_instances(user).select_related("requested_by", "agency")[:limit])
