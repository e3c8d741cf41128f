"""Wagtail's apps without the v3 API the portal does not serve (issue 21: a worker's memory).

Wagtail 8's redirects, snippets, images, documents and locales apps register themselves with its
read-write API v3 in their ready(): django-ninja routers, and pydantic schemas of each page,
snippet, image and document model. They do so whether or not
the API is installed (`wagtail.api.v3` in INSTALLED_APPS) and its URLs served; the portal does
neither (its open data API is portal.opendata, under /api/v1/). That work held some 20 MiB of each
web worker, for routes no URL leads to.

Each app here is Wagtail's own, its ready() run as it is, with the API's modules standing in as
no-ops while it runs (and removed after): permissions, signal handlers, choosers, comparisons and
the reference index are registered exactly as before. With `wagtail.api.v3` installed, they are
Wagtail's apps unchanged.

Likewise Wagtail's images and documents hooks import their viewsets of the admin API (v2, on the
REST framework and pydantic: some 20 MiB) only to register them when the admin's URLs are built,
which a visitor's request never does (portal.core.urlconfs). While the hooks are imported, at
start, those two modules stand in; the real viewsets are registered in their place when the admin
API is built (portal.core.wagtail_hooks.admin_api_viewsets).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

API_APP = "wagtail.api.v3"
# What each app's ready() imports of the API (the registry of the API itself included).
API_MODULES = {
    "wagtail.contrib.redirects": ("wagtail.contrib.redirects.api.v3",),
    "wagtail.snippets": ("wagtail.snippets.api.v3", "wagtail.snippets.api.v3.router"),
    "wagtail.images": ("wagtail.images.api.v3.registry", "wagtail.images.api.v3.router"),
    "wagtail.documents": ("wagtail.documents.api.v3.registry", "wagtail.documents.api.v3.router"),
    "wagtail.locales": ("wagtail.locales.api.v3",),
}


# The admin API's viewsets Wagtail's hooks import, and the endpoint each is registered as.
ADMIN_API_VIEWSETS = {
    "documents": ("wagtail.documents.api.admin.views", "DocumentsAdminAPIViewSet"),
    "images": ("wagtail.images.api.admin.views", "ImagesAdminAPIViewSet"),
}


class _Unserved:
    """The API and its routers as ready() sees them: adding a router does nothing."""

    def add_router(self, *args, **kwargs) -> None:
        return None


def _register_nothing() -> None:
    return None


@contextmanager
def _standing_in(modules: dict[str, dict], purpose: str) -> Iterator[None]:
    """Modules with the given attributes in sys.modules while the block runs, where none is imported yet."""
    stand_ins = {}
    for name, attributes in modules.items():
        if name in sys.modules:  # imported for real already (a test of Wagtail's API): used as it is
            continue
        module = types.ModuleType(name, purpose)
        module.__dict__.update(attributes)
        stand_ins[name] = sys.modules[name] = module
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _api_unserved(app_name: str):
    def unserved() -> dict:
        api = _Unserved()
        return {"api": api, "router": api, "register_content_types": _register_nothing}

    names = ("wagtail.api.v3.api", *API_MODULES[app_name])
    return _standing_in(
        {name: unserved() for name in names}, "Stands in for Wagtail's v3 API while an app's ready() runs."
    )


def _admin_api_deferred():
    # None in the router until admin_api_viewsets() replaces it
    viewsets = {module_name: {class_name: None} for module_name, class_name in ADMIN_API_VIEWSETS.values()}
    return _standing_in(viewsets, "Stands in for an admin API viewset while the hooks are imported.")


class _WithoutUnservedAPI:
    """Runs Wagtail's ready() with the API's modules standing in, unless the API is installed."""

    name: str

    def ready(self) -> None:
        if apps.is_installed(API_APP):
            super().ready()
            return
        with _api_unserved(self.name):
            super().ready()


class RedirectsAppConfig(_WithoutUnservedAPI, WagtailRedirectsAppConfig):
    pass


class SnippetsAppConfig(_WithoutUnservedAPI, WagtailSnippetsAppConfig):
    def ready(self) -> None:
        from wagtail.snippets.models import get_snippet_models

        super().ready()
        # What Wagtail's API registration did as it listed the snippets: every app's wagtail_hooks
        # imported now, at start, in the site's language. Some of Wagtail's admin modules translate
        # their labels as they are imported (the redirects' filters, the collections' permissions):
        # imported later, within a visitor's English request, they would stay in English.
        with _admin_api_deferred():
            get_snippet_models()


class ImagesAppConfig(_WithoutUnservedAPI, WagtailImagesAppConfig):
    pass


class DocumentsAppConfig(_WithoutUnservedAPI, WagtailDocsAppConfig):
    pass


class LocalesAppConfig(_WithoutUnservedAPI, WagtailLocalesAppConfig):
    pass
