"""The HTTP side every address below /api/v1/ shares, around django-ninja's views: the language of
the messages, OPTIONS and the read-only refusal, caching headers with Django's ETag and 304, the
rate limit and the JSON 404.

Home-made because django-ninja answers neither OPTIONS nor HEAD for a GET operation, refuses other
methods in plain text, and sets no caching headers; the rest (parameters, records, description,
errors) is django-ninja's.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.throttling import BaseThrottle

from portal.core import ratelimit
from portal.core.clients import client_address

from . import conf

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
LANGUAGES = ("vi", "en")


def error_body(status: int, code: str, message: str, *, parameter: str | None = None) -> dict:
    error = {"status": status, "code": code, "message": str(message)}
    if parameter is not None:
        error["parameter"] = parameter
    return {"error": error}


def error_response(status: int, code: str, message: str) -> HttpResponse:
    response = JsonResponse(
        error_body(status, code, message),
        status=status,
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    return _finish(None, response)


def not_found_message() -> str:
    return _("There is nothing at this address of the open data API.")


class AddressThrottle(BaseThrottle):
    """`OPENDATA_RATE_LIMIT` requests per client address and window, counted as every public form
    counts (`portal.core.ratelimit`, by `portal.core.clients`' address, which knows the proxy's
    header), not by ninja's own throttles (which read X-Forwarded-For and a rate fixed at start)."""

    def __init__(self):
        self._verdict = threading.local()  # one instance serves every thread: wait() reads this request's

    def allow_request(self, request: HttpRequest) -> bool:
        limits = [(conf.get("OPENDATA_RATE_WINDOW_SECONDS"), conf.get("OPENDATA_RATE_LIMIT"))]
        self._verdict.last = ratelimit.attempt("opendata", client_address(request), limits)
        return self._verdict.last.allowed

    def wait(self) -> int:
        """Seconds until this address's window ends (what Retry-After says)."""
        return self._verdict.last.retry_after


def _finish(request: HttpRequest | None, response: HttpResponse) -> HttpResponse:
    if response.status_code == 200 and request is not None:
        patch_cache_control(response, public=True, max_age=conf.get("OPENDATA_CACHE_SECONDS"))
        set_response_etag(response)
        response = get_conditional_response(request, etag=response["ETag"], response=response)
    elif response.status_code != 304:
        response["Cache-Control"] = "no-store"
    # Open data: any web page may read it (nothing here depends on cookies or a session).
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    patch_vary_headers(response, ("Accept-Language",))
    return response


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """One of django-ninja's views, read-only, with messages in the language asked with `lang`,
    else the browser's (Accept-Language), else Vietnamese."""

    @csrf_exempt  # read-only: every method but GET, HEAD and OPTIONS is refused below
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        lang = request.GET.get("lang", "")
        if lang not in LANGUAGES:
            # Outside the site's language prefixes, so read the browser's languages here.
            lang = translation.get_language_from_request(request)
        with translation.override(lang):
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = ALLOWED_METHODS
                response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
                response["Access-Control-Allow-Headers"] = "If-None-Match"
                return _finish(request, response)
            if request.method not in ("GET", "HEAD"):
                response = error_response(
                    405, "method_not_allowed", _("The open data API is read-only: only GET and HEAD are allowed.")
                )
                response["Allow"] = ALLOWED_METHODS
                return response
            if request.method == "HEAD":
                request.method = "GET"  # as Django's class-based views answer HEAD with their GET
            return _finish(request, view(request, *args, **kwargs))

    return wrapper


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address below /api/v1/: a JSON 404 (or the address with its missing slash)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return error_response(404, "not_found", not_found_message())
