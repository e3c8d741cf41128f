"""Staff who type a wrong address into the admin get "not found" or the nearest page, never a server error."""

import itertools

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Workflow

from portal.accounts.testing import confirmed_device, login_with_second_factor
from portal.operations.testing import admin_routes_with_arguments, fill_route, staff_paths
from portal.testing.factories import StaffFactory, UnitFactory
from portal.units import roles
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    client.raise_request_exception = False  # a 500 is an answer here, to be seen as one
    login_with_second_factor(client, StaffFactory(superuser=True))
    return client


# Wagtail's chosen view catches DoesNotExist only: "abc" for a numeric id was a ValueError, a 500.
@pytest.mark.parametrize("pk", ["abc", "1.5", "%20", "999999"])
def test_a_snippet_chooser_answers_not_found_for_an_id_that_is_not_one(administrator, pk):
    response = administrator.get(f"/admin/snippets/choose/units/unit/chosen/{pk}/")
    assert response.status_code == 404


def test_several_chosen_snippets_with_a_bad_id_are_not_found(administrator):
    response = administrator.get("/admin/snippets/choose/units/unit/chosen-multiple/", {"id": ["1", "abc"]})
    assert response.status_code == 404


def test_the_snippet_chooser_still_returns_a_real_unit(administrator):
    unit = Unit.objects.order_by("pk").first()
    response = administrator.get(f"/admin/snippets/choose/units/unit/chosen/{unit.pk}/")
    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    assert response.json()["result"]["id"] == str(unit.pk)
    several = administrator.get("/admin/snippets/choose/units/unit/chosen-multiple/", {"id": [unit.pk]})
    assert several.status_code == 200 and [item["id"] for item in several.json()["result"]] == [str(unit.pk)]


def test_the_guard_does_not_open_the_chooser_to_anonymous_visitors(client):
    unit = Unit.objects.order_by("pk").first()
    response = client.get(f"/admin/snippets/choose/units/unit/chosen/{unit.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Wagtail issue #14386: the workflow edit view read ?p= with int() and Paginator.page().
@pytest.mark.parametrize("number", ["abc", "0", "-1", "99", "99999999999999999999", ""])
def test_a_workflow_with_a_bad_page_number_shows_its_first_or_last_page_of_pages(administrator, number):
    workflow = Workflow.objects.order_by("pk").first()
    response = administrator.get(f"/admin/workflows/edit/{workflow.pk}/", {"p": number})
    assert response.status_code == 200
    pages = response.context["pages"]
    assert pages.number in (1, pages.paginator.num_pages)


def test_a_workflow_with_a_good_page_number_shows_that_page(administrator):
    workflow = Workflow.objects.order_by("pk").first()
    response = administrator.get(f"/admin/workflows/edit/{workflow.pk}/", {"p": "1"})
    assert response.status_code == 200 and response.context["pages"].number == 1


# django-otp's TOTPDeviceAdmin.config_view and qrcode_view used objects.get() (an unknown device was a 500);
# with OTP_ADMIN_HIDE_SENSITIVE_DATA they refuse before looking: no secret, and no telling which devices exist.
@pytest.mark.parametrize("view", ["config", "qrcode"])
def test_no_totp_device_secret_is_shown_in_the_django_admin_known_or_not(administrator, view):
    missing = (TOTPDevice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    device = TOTPDevice.objects.order_by("pk").first()
    for pk in (missing, device.pk):
        assert administrator.get(f"/django-admin/otp_totp/totpdevice/{pk}/{view}/").status_code == 403


def test_the_device_guard_tells_an_anonymous_visitor_nothing_but_to_sign_in(client):
    device = confirmed_device(StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=UnitFactory()))
    for pk in (device.pk, 999999):
        response = client.get(f"/django-admin/otp_totp/totpdevice/{pk}/config/")
        assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


# Bad query strings, a pagination one and a search/ordering one per URL, rotating over the URLs so that
# every pair is tried somewhere: 20 s on this machine (every input on every URL took 100 s).
BAD_PAGES = ["p=abc", "page=-1", "page=99999999999999999999", "p=-1", "p=99999999999999999999", "page=abc"]
BAD_SEARCHES = ["ordering=nonsense", "q=" + "x" * 10_000, "q=%00"]
PAIRS = list(itertools.product(BAD_PAGES, BAD_SEARCHES))
DELIBERATE = {"/admin/failwhale/"}  # Wagtail's view that raises on purpose, to test error reporting


def test_no_admin_screen_answers_a_bad_query_string_with_a_server_error(administrator):
    paths = [path for path in staff_paths(arguments=False) if path not in DELIBERATE]
    assert len(paths) > 150 and "/admin/workflows/list/" in paths and "/django-admin/otp_totp/totpdevice/" in paths
    failed = {}
    for index, path in enumerate(paths):
        for query in PAIRS[index % len(PAIRS)]:
            status = administrator.get(f"{path}?{query}").status_code
            if status >= 500:
                failed[f"{path}?{query[:40]}"] = status
    assert failed == {}


# Every admin route that takes an argument, with a word and an unknown number for its text arguments
# (most are primary keys), unknown numbers and ids for the others, read and posted to. A route without a
# text argument gives one address for both: it is asked once.
UNKNOWN = {"int": "999999", "uuid": "00000000-0000-0000-0000-000000000000", "slug": "khong-co", "path": "khong/co"}


def admin_addresses_with_unknown_ids() -> list[str]:
    routes = admin_routes_with_arguments()
    assert len(routes) > 250 and "admin/pages/<int:page_id>/edit/" in routes
    return sorted({fill_route(route, UNKNOWN | {"str": word}) for route in routes for word in ("abc", "999999")})


def test_no_admin_address_with_an_unknown_or_malformed_id_answers_with_a_server_error(administrator):
    paths = admin_addresses_with_unknown_ids()
    assert "/admin/pages/999999/edit/" in paths and "/admin/snippets/choose/units/unit/chosen/abc/" in paths
    failed = {}
    for path in paths:
        for method in ("get", "post"):
            status = getattr(administrator, method)(path).status_code
            if status >= 500:
                failed[f"{method} {path}"] = status
    assert failed == {}
