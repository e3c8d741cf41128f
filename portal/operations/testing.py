"""Test helpers: every staff URL of the portal, enumerated from the URL configuration."""

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver

# Open to anyone by design: signing in, resetting a password, the admin's translations and icons.
OPEN = re.compile(r"^/admin/(login|logout|password_reset|jsi18n|sprite)/|^/django-admin/(login|logout)/")
# str parameters are most often primary keys (Wagtail's snippet and chooser routes): a number.
SAMPLE = {"int": "1", "str": "1", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}
PARAMETER = re.compile(r"<(?:(\w+):)?\w+>")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _concrete(route: str) -> str | None:
    """A path for `route` with sample values; None for regular-expression routes (their shapes vary)."""
    if "^" in route or "$" in route or "(?P<" in route:
        return None
    path = PARAMETER.sub(lambda match: SAMPLE.get(match.group(1) or "str", "x"), route)
    return "/" + path.lstrip("/")


def fill_route(route: str, values: dict[str, str]) -> str:
    """`route` with each parameter replaced by the value for its converter (str when it names none)."""
    return "/" + PARAMETER.sub(lambda match: values[match.group(1) or "str"], route).lstrip("/")


def admin_routes_with_arguments() -> list[str]:
    """The staff routes that take arguments (not the open ones, not regular expressions)."""
    routes = {route for route in _walk(get_resolver().url_patterns) if PARAMETER.search(route)}
    return sorted(
        route
        for route in routes
        if route.startswith(("admin/", "django-admin/")) and _concrete(route) and not OPEN.match(_concrete(route))
    )


def staff_paths(*, arguments: bool = True) -> list[str]:
    """Every path under /admin/ and /django-admin/ but the open ones; `arguments=False`: only routes that take none."""
    routes = [route for route in _walk(get_resolver().url_patterns) if arguments or not PARAMETER.search(route)]
    paths = {_concrete(route) for route in routes}
    return sorted(p for p in paths if p and p.startswith(("/admin/", "/django-admin/")) and not OPEN.match(p))
