"""Reads shared by the public views: the home of the language being shown."""

from django.http import Http404, HttpRequest
from wagtail.models import Page, Site


def home_for_request(request: HttpRequest) -> Page:
    """The root page of the current language's site (the Vietnamese root is the site's root)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site.root_page.localized.specific
