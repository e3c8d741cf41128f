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
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, get_urlconf, reverse
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin

SECRET_PARAMETERS = frozenset({"secret", "token", "uidb64"})
STAFF_URL_NAMES = ("wagtailadmin_home", "admin:index")  # the first segment of each is never counted
NAMED_GROUP = re.compile(r"\(\?P<[^>]+>")


def is_private_path(path: str) -> bool:
    """True for an address that is not a public page: staff side, files, or one carrying a secret."""
    prefixes, secret = _rules(get_urlconf() or settings.ROOT_URLCONF)
    return path.startswith(prefixes) or secret.match(path) is not None


@functools.lru_cache(maxsize=4)
def _rules(urlconf: str) -> tuple[tuple[str, ...], re.Pattern[str]]:
    prefixes = {settings.STATIC_URL, settings.MEDIA_URL, "/documents/", "/__bench__/"}
    for name in STAFF_URL_NAMES:
        try:
            prefixes.add("/" + reverse(name, urlconf=urlconf).lstrip("/").split("/", 1)[0] + "/")
        except NoReverseMatch:
            pass
    secret: set[str] = set()
    routable = [model for model in apps.get_models() if issubclass(model, RoutablePageMixin)]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            secret.update("/" + regex for regex in _secret_routes(get_resolver(urlconf).url_patterns))
            for model in routable:
                # A routable page's routes follow the page's own address, whatever it is.
                secret.update("/(?:.*/)?" + regex for regex in _secret_routes(model.get_resolver().url_patterns))
    pattern = "|".join(f"(?:{regex})" for regex in sorted(secret)) or r"(?!)"
    return tuple(sorted(prefix for prefix in prefixes if prefix)), re.compile(pattern)


def _secret_routes(patterns, prefix: str = "", secret: bool = False):
    """The regexes (from the root, without their leading ^) of the routes that take a secret."""
    for entry in patterns:
        regex = entry.pattern.regex
        piece = NAMED_GROUP.sub("(?:", regex.pattern.removeprefix("^"))  # group names repeat across levels
        takes_secret = secret or bool(SECRET_PARAMETERS & set(regex.groupindex))
        if isinstance(entry, URLResolver):
            yield from _secret_routes(entry.url_patterns, prefix + piece, takes_secret)
        elif isinstance(entry, URLPattern) and takes_secret:
            yield prefix + piece
