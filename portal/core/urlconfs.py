"""Which URL configuration resolves a request: a visitor's, the public one alone (issue 21).

The whole configuration (`portal.urls`) holds Wagtail's admin: its views, the routes every app's hooks
register, its admin API and the REST framework under it, some 30 MiB of each web worker. A visitor's
page never needs them, but Django builds every route of a configuration at the first `reverse()`.
So a request is resolved against the public part (`settings.PUBLIC_URLCONFS`) unless it may need a
staff address: the staff side itself, a signed-in user (whatever they open may link to the admin), or
a form sent (its e-mails to officers link to the admin). Tasks, commands and other threads use
the whole configuration, as before.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver, set_urlconf
from django.urls.resolvers import RoutePattern

ADMIN_PREFIX = "admin/"
DJANGO_ADMIN_PREFIX = "django-admin/"
STAFF_PREFIXES = (ADMIN_PREFIX, DJANGO_ADMIN_PREFIX)
READING = ("GET", "HEAD")


def public_urlconf(urlconf: str) -> str | None:
    """The public part of a whole URL configuration (None: it has none, e.g. a test's own)."""
    return settings.PUBLIC_URLCONFS.get(urlconf)


def is_staff_path(path: str) -> bool:
    """/admin, /admin/… and /django-admin/…; not /administration/."""
    return path.lstrip("/").split("/", 1)[0] + "/" in STAFF_PREFIXES


class DeferredResolver(URLResolver):
    """A namespaced part of a URL configuration whose module is imported, and its routes built, when a
    request under its prefix or a `reverse()` into its namespace first needs them; not when the
    configuration around it builds its own names, as Django does for every part at the first
    `reverse()` of any name."""

    def _loaded(self) -> bool:
        return "urlconf_module" in self.__dict__  # URLResolver imports it on first use (a cached_property)

    def _load(self) -> None:
        self.urlconf_module  # noqa: B018 - imports the module

    def _populate(self):
        if self._loaded():  # else asked by the configuration around it, which only needs its namespace
            super()._populate()

    @property
    def reverse_dict(self):
        self._load()
        return super().reverse_dict

    @property
    def namespace_dict(self):
        self._load()
        return super().namespace_dict

    @property
    def app_dict(self):
        self._load()
        return super().app_dict

    def _is_callback(self, name):
        self._load()
        return super()._is_callback(name)

    def _reverse_with_prefix(self, lookup_view, _prefix, *args, **kwargs):
        self._load()
        return super()._reverse_with_prefix(lookup_view, _prefix, *args, **kwargs)


def deferred_include(route: str, module: str, namespace: str) -> DeferredResolver:
    """`path(route, include(module))` for a module with its own namespace, imported when first needed."""
    return DeferredResolver(RoutePattern(route, is_endpoint=False), module, app_name=namespace, namespace=namespace)


class PublicURLConfMiddleware:
    """A visitor reading a public address is resolved against the public URL configuration.

    After the session (whether someone is signed in), before anything that reads the URL
    configuration (the language prefixes, CommonMiddleware's added slash).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        public = public_urlconf(settings.ROOT_URLCONF)
        if (
            public
            and request.method in READING
            and not is_staff_path(request.path_info)
            and SESSION_KEY not in request.session
        ):
            request.urlconf = public
            try:
                return self.get_response(request)
            finally:
                # Django gives the thread back its whole configuration only when the answer is closed: a
                # streamed file left unread would leave code run after it (a test) reversing the public one.
                set_urlconf(None)
        return self.get_response(request)
