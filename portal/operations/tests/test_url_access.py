"""Every staff URL of the portal, enumerated from the URL configuration, refuses an anonymous visitor."""

import pytest

from portal.operations.testing import staff_paths

pytestmark = pytest.mark.django_db


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
    from portal.testing.factories import StaffFactory, UnitFactory
    from portal.units import roles

    client.force_login(StaffFactory(role=roles.CONTRIBUTOR, unit=UnitFactory()))
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
