"""Count public page views; placed before the page cache so that pages served from it count too."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port

from .privacy import is_private_path
from .services import record_visit

ROBOT_MARKS = ("bot", "spider", "crawl", "slurp", "preview")


def is_counted(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not is_private_path(request.path)  # the staff side, files, and addresses that carry a secret
        # Staff signed in to the newsroom are not the public.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(mark in request.headers.get("User-Agent", "").lower() for mark in ROBOT_MARKS)
    )


class VisitCounterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_counted(request, response):
            # Counted for the site of the host asked (resolved when the counts are written, not here).
            record_visit(request.path, host=split_domain_port(request.get_host())[0])
        return response
