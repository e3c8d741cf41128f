"""Reads shared by the public views: the home of the language being shown."""

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .per_request import per_publication


def home_for_request(request: HttpRequest) -> Page:
    """The root page of the current language's site (the Vietnamese root is the site's root),
    kept until the next publication (two queries otherwise, on every search and form page)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return per_publication(f"home:{site.pk}:{get_language()}", lambda: site.root_page.localized.specific)


def in_language(pages, language: str, *, fallback: str | None = None):
    """The first of `pages` (a kind of page with one per site, such as the Q&A page) in `language`,
    else in `fallback`; None if neither. Chosen here among the few: asked of the database by
    language, SQLite went through every page of the language (70,000 on the benchmark) to find one."""
    first_of: dict[str, Page] = {}
    for page in pages.select_related("locale"):
        first_of.setdefault(page.locale.language_code, page)
    return first_of.get(language) or (first_of.get(fallback) if fallback else None)
