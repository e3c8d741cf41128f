"""URLs of the benchmark server: the portal's own, plus the ceiling every figure is compared with."""

from portal.bench_public_urls import ceiling_urlpatterns
from portal.urls import handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]

# i18n_patterns only work in the root URLconf, so the portal's patterns are reused, not include()d.
urlpatterns = [*ceiling_urlpatterns, *portal_urlpatterns]
