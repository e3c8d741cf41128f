"""The benchmark server's public URLs (portal.core.urlconfs): the portal's, plus the ceiling."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from portal.public_urls import handler404, handler500
from portal.public_urls import urlpatterns as public_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


@never_cache  # measured through the whole middleware stack every time, never from the page cache
def ceiling(request: HttpRequest) -> HttpResponse:
    """The cheapest response Django can give: what no page of the portal can beat."""
    return HttpResponse(b"ok", content_type="text/plain")


ceiling_urlpatterns = [path("__bench__/ceiling/", ceiling)]
urlpatterns = [*ceiling_urlpatterns, *public_urlpatterns]
