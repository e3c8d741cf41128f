"""Every staff URL of the portal, enumerated from the URL configuration, refuses an anonymous visitor."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Open to anyone by design: signing in, resetting a password, the admin's translations and icons.
OPEN = re.compile(r"^/admin/(login|logout|password_reset|jsi18n|sprite)/|^/django-admin/(login|logout)/")
# str parameters are most often primary keys (Wagtail's snippet and chooser routes): a number.
SAMPLE = {"int": "1", "str": "1", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


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
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLE.get(match.group(1) or "str", "x"), route)
    return "/" + path.lstrip("/")


def staff_paths() -> list[str]:
    paths = {_concrete(route) for route in _walk(get_resolver().url_patterns)}
    return sorted(p for p in paths if p and p.startswith(("/admin/", "/django-admin/")) and not OPEN.match(p))


def test_the_enumeration_reaches_the_staff_side_of_every_domain():
    paths = staff_paths()
    assert len(paths) > 300
    for domain in ("royalties", "plan", "questions", "applications", "translations", "collected", "archive"):
        assert any(domain in path for path in paths), domain


def test_no_staff_url_answers_an_anonymous_visitor(client):
    answered = {}
    for path in staff_paths():
        response = client.get(path)
        if response.status_code == 302 and "/login/" in response["Location"]:
            continue
        answered[path] = response.status_code
    assert {path: status for path, status in answered.items() if status not in (401, 403, 404, 405)} == {}


# The money, the plan's settings, citizens' applications and the archive exports: a contributor writes
# items, nothing else.
NOT_FOR_CONTRIBUTORS = ("/royalties/", "/royalty", "/plan/", "/applications/", "/planning/", "/admin/archive/")


def test_a_contributor_is_refused_the_ledger_the_plan_settings_and_the_applications(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="congtacvien"))
    # Wagtail's snippet choosers are open to every editor (they list names to pick): the royalty
    # schedule's is the only one here, and its rates are the plan's public Appendix II.
    chooser = "/admin/snippets/choose/royalties/royaltyschedule/"
    guarded = [
        p for p in staff_paths() if any(part in p for part in NOT_FOR_CONTRIBUTORS) and not p.startswith(chooser)
    ]
    assert len(guarded) > 20
    answered = {}
    for path in guarded:
        response = client.get(path)
        refused = response.status_code in (403, 404, 405) or (
            response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
        )
        if not refused:
            answered[path] = response.status_code
    assert answered == {}
