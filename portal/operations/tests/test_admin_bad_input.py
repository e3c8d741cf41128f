"""Staff who type a wrong address into the admin get "not found", never a server error."""

import pytest
from django.contrib.auth import get_user_model

from portal.accounts.testing import login_with_second_factor
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    client.raise_request_exception = False  # a 500 is an answer here, to be seen as one
    login_with_second_factor(client, get_user_model().objects.get(username="quantri"))
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
