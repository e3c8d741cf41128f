"""Search over all published content of one language, diacritics and case ignored: one agency's site
searches its own tree; the province's portal searches every agency's."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site

from portal.core.models import AgencySettings
from portal.core.per_request import public_q, restricted_paths
from portal.core.text import fold
from portal.core.tree import subtree_q

from .ranked import PageScope, RankedResults, uses_database_index

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Source:
    """The home of one agency's site in the language searched, and the agency's name in it."""

    path: str
    depth: int
    agency: str


def search_sources(*, home: Page, agency: AgencySettings) -> list[Source]:
    """Where a search from `home` (the site's home in a language) looks: its own site's tree; on the
    province's portal, the tree of every site in that language (the province's own first)."""
    if not agency.is_province:
        return [Source(home.path, home.depth, agency.name)]
    sites = {site.root_page.translation_key: site for site in Site.objects.select_related("root_page")}
    homes = Page.objects.filter(translation_key__in=sites, locale_id=home.locale_id)
    agencies = {settings.site_id: settings for settings in AgencySettings.objects.filter(site__in=sites.values())}
    sources = []
    for path, depth, key in homes.values_list("path", "depth", "translation_key"):
        site = sites[key]
        name = agencies[site.pk].name if site.pk in agencies else site.site_name or site.hostname
        sources.append(Source(path, depth, name))
    return sorted(sources, key=lambda source: (source.path != home.path, source.path))


def source_of(page: Page, sources: list[Source]) -> Source | None:
    """The source (site and agency) a found page belongs to."""
    return next((source for source in sources if page.path.startswith(source.path)), None)


def search_pages(
    *,
    sources: list[Source],
    query: str,
    category: Page | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """Live public pages under the homes of `sources` (or under `category`) matching every word of
    `query`, best first. Answers `count()` and slices (a Paginator takes it as it is)."""
    published_from = _start_of(date_from) if date_from else None
    published_before = _start_of(date_to + dt.timedelta(days=1)) if date_to else None
    terms = search_words(query)
    if category is not None:
        subtrees = ((category.path, category.depth),)
    else:
        subtrees = tuple((source.path, source.depth + 1) for source in sources)
    if uses_database_index():
        restricted = restricted_paths()  # read once per request, shared with the rest of the page
        return RankedResults(terms, PageScope(subtrees, restricted, published_from, published_before))
    within = Q(pk__in=[])
    for path, min_depth in subtrees:
        within |= subtree_q(path) & Q(depth__gte=min_depth)
    pages = Page.objects.live().filter(within, public_q())
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
