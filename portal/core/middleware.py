"""Guards before views that trust their input (the Permissions-Policy header is django-permissions-policy's)."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import DisallowedHost, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.request import split_domain_port
from wagtail.admin.views import workflows
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page, Site

from .per_request import per_publication


class MethodGuardMiddleware:
    """TRACE never, and OPTIONS only where a view answers it (the open data API's CORS): 405 with Allow,
    not a page with 200 (which tells a scanner the method is served)."""

    ALLOW = ("GET", "HEAD", "POST")
    OPTIONS_PREFIXES = ("/api/",)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "TRACE" or (
            request.method == "OPTIONS" and not request.path.startswith(self.OPTIONS_PREFIXES)
        ):
            return HttpResponseNotAllowed(self.ALLOW)
        return self.get_response(request)


class OwnNotFoundPageMiddleware:
    """With DEBUG on (`make run`), a missing page is the portal's own 404 page in the visitor's language, as in
    production, not Django's English technical page. Views' own 404 pages are left as they are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return self._page(request)  # no view matched the address (Django answered it itself)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return self._page(request, exception) if settings.DEBUG and isinstance(exception, Http404) else None

    @staticmethod
    def _page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
        from portal.core.views import page_not_found

        return page_not_found(request, exception)


class AdminInputGuardMiddleware:
    """A 404 or a corrected page number, not a 500, where Wagtail trusts the address too much.

    Each guard names the view it protects and checks, before the view runs, what that view would
    otherwise turn into an exception:

    - Wagtail's chooser "chosen" views look the object up with the id from the URL and catch
      DoesNotExist only, so `/admin/snippets/choose/units/unit/chosen/abc/` raised ValueError (and
      `chosen-multiple/?id=abc` the same): an id the model's primary key cannot take is a 404.
    - Wagtail's workflow edit view reads its list of pages' `?p=` with `int()` and `Paginator.page()`
      (Wagtail issue #14386): `?p=abc` raised ValueError, `?p=99` EmptyPage. The number is corrected
      as Wagtail's listings do (`Paginator.get_page`: page 1 for what is not a number, else the last).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        view_class = getattr(view_func, "view_class", None)
        if view_class is not None and issubclass(view_class, ChosenViewMixin | ChosenMultipleViewMixin):
            _check_chosen_ids(request, view_func, view_class, view_kwargs)
        elif view_class is not None and issubclass(view_class, workflows.Edit) and "p" in request.GET:
            _correct_workflow_page_number(request, view_class, view_kwargs)
        return None


def _check_chosen_ids(request: HttpRequest, view_func, view_class, view_kwargs) -> None:
    model = getattr(view_func, "view_initkwargs", {}).get("model") or view_class.model
    if not model:
        return
    if issubclass(view_class, ChosenViewMixin):
        ids = [unquote(str(view_kwargs.get("pk", "")))]
    else:
        ids = request.GET.getlist("id")
    pk_field = resolve_model_string(model)._meta.pk
    try:
        for value in ids:
            pk_field.to_python(value)
    except ValidationError as error:
        raise Http404 from error


def _correct_workflow_page_number(request: HttpRequest, view_class, view_kwargs) -> None:
    # The view's own query (workflows.Edit.get_paginated_pages), counted once more for the page number.
    pages = Page.objects.filter(workflowpage__workflow_id=view_kwargs.get("pk"))
    number = str(Paginator(pages, view_class.MAX_PAGES).get_page(request.GET["p"]).number)
    if request.GET["p"] != number:
        request.GET = request.GET.copy()
        request.GET["p"] = number


ADMIN_PREFIX = "/admin/"  # portal/urls.py


class KeptSiteMiddleware:
    """Wagtail's site for the request's host and port, kept until the next publication (sites are
    shown publicly: saving one bumps the generation) instead of asked of the database on every
    request (1.3 ms), and the agency's settings with it. Wagtail keeps the site of a request on
    `request._wagtail_site` (`Site.find_for_request`): set here, every later lookup of the request
    finds it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(ADMIN_PREFIX):
            return self.get_response(request)  # the admin asks for a site only where it needs one
        try:
            # Only hosts of ALLOWED_HOSTS are kept (a few keys, not one per Host header sent);
            # for the others CommonMiddleware answers 400 as before.
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            return self.get_response(request)
        key = f"site:{hashlib.sha256(hostname.encode()).hexdigest()[:32]}:{request.get_port()}"
        site = request._wagtail_site = per_publication(key, lambda: Site._find_for_request(request))
        # The site's agency too (every page's header and footer; saving it bumps the generation):
        # Wagtail's settings look on the request before asking the database.
        from .models import AgencySettings  # models are not ready when middleware modules load

        if site is not None:
            agency = per_publication(f"agency-settings:{site.pk}", lambda: AgencySettings.for_site(site))
            setattr(request, AgencySettings.get_cache_attr_name(), agency)
        return self.get_response(request)
