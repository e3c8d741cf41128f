"""The HTTP side every endpoint shares: JSON bodies, errors, caching headers and the rate limit."""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.core.clients import client_address, count_attempt

from . import conf
from .params import BadParameter

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
LANGUAGES = ("vi", "en")


class NotFound(Exception):
    pass


def _json(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _common_headers(response: HttpResponse) -> HttpResponse:
    # Open data: any web page may read it (nothing here depends on cookies or a session).
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    patch_vary_headers(response, ("Accept-Language",))
    return response


def error_response(status: int, code: str, message: str, *, parameter: str | None = None) -> HttpResponse:
    error = {"status": status, "code": code, "message": str(message)}
    if parameter is not None:
        error["parameter"] = parameter
    response = HttpResponse(_json({"error": error}), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return _common_headers(response)


def not_found_response() -> HttpResponse:
    return error_response(404, "not_found", _("There is nothing at this address of the open data API."))


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in tags


def data_response(request: HttpRequest, body: dict) -> HttpResponse:
    """200 with the body, or 304 when the client already holds it (If-None-Match)."""
    content = _json(body)
    etag = _etag(content)
    if _matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={conf.get('OPENDATA_CACHE_SECONDS')}"
    return _common_headers(response)


def rate_limited(request: HttpRequest, *, now: float | None = None) -> int:
    """0 if the client may go on, else the seconds it should wait. Counted in Django's cache per
    client address (as every public form counts) and fixed window."""
    limit = conf.get("OPENDATA_RATE_LIMIT")
    if not limit:
        return 0
    window = conf.get("OPENDATA_RATE_WINDOW_SECONDS")
    now = time.time() if now is None else now
    slot = int(now // window)
    if count_attempt("opendata", client_address(request), window_seconds=window, now=now) <= limit:
        return 0
    return max(1, int((slot + 1) * window - now + 0.999))


def api_view(view: Callable[..., dict]) -> Callable[..., HttpResponse]:
    """A read-only endpoint: `view` returns the body as a dict or raises BadParameter / NotFound.

    Messages are in the language asked with `lang`, else the browser's (Accept-Language), else Vietnamese.
    """

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
                return _common_headers(response)
            if request.method not in ("GET", "HEAD"):
                response = error_response(
                    405, "method_not_allowed", _("The open data API is read-only: only GET and HEAD are allowed.")
                )
                response["Allow"] = ALLOWED_METHODS
                return response
            wait = rate_limited(request)
            if wait:
                response = error_response(
                    429,
                    "rate_limited",
                    _("Too many requests from your address: wait %(seconds)s seconds and try again.")
                    % {"seconds": wait},
                )
                response["Retry-After"] = str(wait)
                return response
            try:
                return data_response(request, view(request, *args, **kwargs))
            except BadParameter as problem:
                return error_response(400, "bad_parameter", problem.message, parameter=problem.name)
            except NotFound:
                return not_found_response()

    return wrapper
