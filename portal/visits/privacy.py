"""Addresses never counted: the staff side, files, and every address that carries a secret.

The secret addresses are read from the URL configuration, not listed by hand: a route with a
parameter named in SECRET_PARAMETERS (an application's tracking link and its sub-pages, an
applicant's sign-in link, a question's private link, a password reset link...) is one, wherever it
is mounted, in every language; so is a route of a routable page, under whatever page it sits.
Whoever reads the visit figures (the dashboard, the quarterly report) must not be able to open a
citizen's application or question from them.
"""

from __future__ import annotations

import functools
import re

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, get_urlconf
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin

from portal.core.urlconfs import STAFF_PREFIXES, public_urlconf

SECRET_PARAMETERS = frozenset({"secret", "token", "uidb64"})
NAMED_GROUP = re.compile(r"\(\?P<[^>]+>")


def is_private_path(path: str) -> bool:
    """True for an address that is not a public page: staff side, files, or one carrying a secret."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    # The staff side is never counted, whatever its routes: the rest is read from the public part
    # alone, which a page from the page cache has not loaded the admin's routes for either.
    prefixes, secret = _rules(public_urlconf(urlconf) or urlconf)
    return path.startswith(prefixes) or secret.match(path) is not None


@functools.lru_cache(maxsize=4)
def _rules(urlconf: str) -> tuple[tuple[str, ...], re.Pattern[str]]:
    # Files, the staff side, and the open data API (JSON, never a page): their routes are not read,
    # which would build the API's routes (django-ninja) in a worker that only counts pages.
    prefixes = {settings.STATIC_URL, settings.MEDIA_URL, "/documents/", "/__bench__/", "/api/"}
    prefixes.update("/" + prefix for prefix in STAFF_PREFIXES)
    skipped = tuple(prefix for prefix in prefixes if prefix)
    secret: set[str] = set()
    routable = [model for model in apps.get_models() if issubclass(model, RoutablePageMixin)]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            secret.update("/" + regex for regex in _secret_routes(get_resolver(urlconf).url_patterns, skipped=skipped))
            for model in routable:
                # A routable page's routes follow the page's own address, whatever it is.
                secret.update("/(?:.*/)?" + regex for regex in _secret_routes(model.get_resolver().url_patterns))
    pattern = "|".join(f"(?:{regex})" for regex in sorted(secret)) or r"(?!)"
    return tuple(sorted(skipped)), re.compile(pattern)


def _secret_routes(patterns, prefix: str = "", secret: bool = False, skipped: tuple[str, ...] = ()):
    """The regexes (from the root, without their leading ^) of the routes that take a secret, but
    for those under the `skipped` prefixes (never counted anyway)."""
    for entry in patterns:
        regex = entry.pattern.regex
        piece = NAMED_GROUP.sub("(?:", regex.pattern.removeprefix("^"))  # group names repeat across levels
        takes_secret = secret or bool(SECRET_PARAMETERS & set(regex.groupindex))
        if isinstance(entry, URLResolver):
            if ("/" + prefix + piece).startswith(skipped):
                continue
            yield from _secret_routes(entry.url_patterns, prefix + piece, takes_secret, skipped)
        elif isinstance(entry, URLPattern) and takes_secret:
            yield prefix + piece
