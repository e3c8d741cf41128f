"""Whole-page cache for anonymous visitors.

Every cached page sits under a *generation* number; publishing, changing or unpublishing
anything the public can see bumps it (the "page-cache" handler of portal.core.publishing),
so the next request renders afresh.
One global generation is coarse but always right, and a site of this size publishes a few
times a day.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age

from .per_request import forget, remember

GENERATION_KEY = "page-cache:generation"
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/media/", "/static/")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")


def current_generation() -> int:
    """Read once per request (the menu, the site, the fragments kept per publication ask it too)."""
    return remember(GENERATION_KEY, _read_generation)


def _read_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_generation() -> None:
    """Forget every cached page (called on commit of any change the public can see)."""
    forget(GENERATION_KEY)  # a request that published reads the new generation from here on
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the key was evicted or never set
        cache.set(GENERATION_KEY, 2, timeout=None)


def _is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        # A signed-in editor (or anyone with a session) sees live state, previews and the userbar.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _is_cacheable_response(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        and "private" not in cache_control
        and "no-store" not in cache_control
        and get_max_age(response) != 0
    )


def _key(request: HttpRequest, generation: int) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request, current_generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _is_cacheable_response(response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
