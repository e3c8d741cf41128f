"""Static files and media on the embedded default (`make run`, the tests); in production the web server
serves them and none of this is installed.

Every path is judged after it is normalised, as the file system will read it: `/media/./documents/x`
and `/media/documents/../documents/x` are documents' files, which only go through
/documents/<id>/<name> (Wagtail's view checks a private collection's or page's restriction, and their
names under media/documents/ are easily guessed); a path that climbs out of its folder
(`/static/../x`) is not there: 404, never a server error.
"""

from django.conf import settings
from django.contrib.staticfiles.views import serve as serve_static
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.views.static import serve as serve_media

PRIVATE_MEDIA_FOLDERS = {"documents"}  # compared case-blind: some file systems are


def clean_path(path: str) -> str:
    """The path inside its folder, without `.` or empty parts; Http404 if it leaves the folder."""
    if "\\" in path or "\x00" in path:
        raise Http404
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise Http404
    return "/".join(parts)


def media(request: HttpRequest, path: str) -> HttpResponse:
    path = clean_path(path)
    if path.split("/", 1)[0].casefold() in PRIVATE_MEDIA_FOLDERS:
        raise Http404
    return serve_media(request, path, document_root=settings.MEDIA_ROOT)


def static(request: HttpRequest, path: str) -> HttpResponse:
    # insecure: these patterns exist only with DEBUG or SERVE_MEDIA on (portal/urls.py).
    return serve_static(request, clean_path(path), insecure=True)


def urlpatterns() -> list[URLPattern]:
    return [
        re_path(rf"^{settings.STATIC_URL.lstrip('/')}(?P<path>.*)$", static),
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media),
    ]
