import sys
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@lru_cache(maxsize=1)
def _favicon() -> bytes:
    path = finders.find("portal/favicon.ico")
    with open(path, "rb") as icon:
        return icon.read()


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever the page links: answer it, not 404."""
    response = HttpResponse(_favicon(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


# How long a visitor, a crawler or a load balancer is asked to wait when the database is away.
DATABASE_RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors and no database: whatever broke must not break the error page too.
    # Django calls this inside its `except`, so the error is at hand. The database unreachable
    # (restarting, failing over, a connection cut) is an outage, not a fault of the page: 503 with
    # Retry-After tells visitors to try again shortly, and search engines keep the page indexed.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid token (left open too long, or cookies blocked).

    The visitor is told, in the site's language and look, that nothing was sent, with a link back to
    the form when the Referer is a page of this site (else the home page). The technical reason is
    already logged by Django (django.security.csrf) and is not shown.
    """
    referer = request.META.get("HTTP_REFERER", "")
    ours = referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return render(request, "csrf_failure.html", {"back_url": referer if ours else ""}, status=403)
