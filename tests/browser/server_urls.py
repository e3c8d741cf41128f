"""The portal's URLs plus media serving, which Django only adds by itself when DEBUG is on."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from portal.urls import handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *portal_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
