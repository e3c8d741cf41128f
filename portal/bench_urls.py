"""URLs of the benchmark server: the portal's own, plus the ceiling every figure is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from portal.urls import handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


@never_cache  # measured through the whole middleware stack every time, never from the page cache
def ceiling(request: HttpRequest) -> HttpResponse:
    """The cheapest response Django can give: what no page of the portal can beat."""
    return HttpResponse(b"ok", content_type="text/plain")


# i18n_patterns only work in the root URLconf, so the portal's patterns are reused, not include()d.
urlpatterns = [path("__bench__/ceiling/", ceiling), *portal_urlpatterns]
