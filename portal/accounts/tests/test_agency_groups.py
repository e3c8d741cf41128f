"""Settings → Users of several agencies (issue 22, item 2): whoever manages an agency's people gives them its
own groups only; another agency's group is neither offered nor accepted, by the form or the bulk action."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.accounts.testing import login_with_second_factor
from portal.testing.agencies import agency
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit
from portal.units.tests.test_agency_isolation import people_manager

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]
User = get_user_model()
REFUSED = "Chỉ được giao nhóm của cơ quan mình: có nhóm đã chọn không thuộc cơ quan này."


def _group(role, key: str) -> Group:
    return Group.objects.get(name=roles.group_name(role, agency(key)))


def _offered(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="groups" value="(\d+)"', html)}


@pytest.fixture
def manager(client):
    login_with_second_factor(client, people_manager("second"))
    return client


def test_the_user_form_offers_only_the_agencys_own_groups(manager):
    offered = _offered(manager.get("/admin/users/new/").content.decode())
    assert _group(roles.CONTRIBUTOR, "second").pk in offered
    assert _group(roles.CONTRIBUTOR, "first").pk not in offered
    assert offered == set(Group.objects.filter(agency_link__agency=agency("second")).values_list("pk", flat=True))


def test_another_agencys_group_posted_by_hand_is_refused_with_a_message(manager):
    unit = Unit.objects.filter(agency=agency("second")).first()
    response = manager.post(
        "/admin/users/new/",
        {
            "username": "nguoimoi",
            "email": "nguoimoi@example.gov.vn",
            "first_name": "Lê Văn",
            "last_name": "Mới",
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
            "unit": unit.pk,
            "groups": [_group(roles.CONTRIBUTOR, "second").pk, _group(roles.EDITOR_IN_CHIEF, "first").pk],
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not User.objects.filter(username="nguoimoi").exists()


def test_editing_a_person_keeps_the_groups_the_editor_is_not_offered(manager):
    by_hand = Group.objects.create(name="Nhóm do quản trị hệ thống lập")  # of no agency
    person = StaffFactory(username="nguoi-hai-nhom", unit=Unit.objects.filter(agency=agency("second")).first())
    person.groups.add(by_hand, _group(roles.CONTRIBUTOR, "second"))
    response = manager.post(
        f"/admin/users/edit/{person.pk}/",
        {
            "username": "nguoi-hai-nhom",
            "email": "nguoi-hai-nhom@example.gov.vn",
            "first_name": "Trần",
            "last_name": "Hai",
            "is_active": "on",
            "unit": person.staff_profile.unit_id,
            "groups": [_group(roles.UNIT_HEAD, "second").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(person.groups.all()) == {by_hand, _group(roles.UNIT_HEAD, "second")}


def test_the_bulk_assign_role_offers_and_accepts_only_the_agencys_groups(manager):
    own = StaffFactory(username="nguoi-cua-so", unit=Unit.objects.filter(agency=agency("second")).first())
    other = StaffFactory(username="nguoi-so-khac", unit=Unit.objects.filter(agency=agency("first")).first())
    url = f"/admin/bulk/auth/user/assign_role/?id={own.pk}&id={other.pk}&next=/admin/users/"
    page = manager.get(url).content.decode()
    assert f'value="{_group(roles.ACCOUNTANT, "second").pk}"' in page
    assert f'value="{_group(roles.ACCOUNTANT, "first").pk}"' not in page
    assert "nguoi-so-khac" not in page  # another agency's person is not even named

    manager.post(url, {"role": _group(roles.ACCOUNTANT, "first").pk})
    assert not own.groups.exists() and not other.groups.exists()
    manager.post(url, {"role": _group(roles.ACCOUNTANT, "second").pk})
    assert list(own.groups.all()) == [_group(roles.ACCOUNTANT, "second")]
    assert not other.groups.exists()  # not theirs to touch


def test_an_agencys_staff_cannot_make_an_administrator(manager):
    unit = Unit.objects.filter(agency=agency("second")).first()
    form = manager.get("/admin/users/new/").content.decode()
    assert re.search(r'<input[^>]*name="is_superuser"[^>]*disabled', form)
    data = {
        "username": "quantri-gia",
        "email": "quantri-gia@example.gov.vn",
        "first_name": "Lê Văn",
        "last_name": "Giả",
        "password1": "Mat-khau-rat-dai-2026",
        "password2": "Mat-khau-rat-dai-2026",
        "unit": unit.pk,
        "is_superuser": "on",
        "groups": [_group(roles.CONTRIBUTOR, "second").pk],
    }
    assert manager.post("/admin/users/new/", data).status_code == 302
    made = User.objects.get(username="quantri-gia")
    assert not made.is_superuser and list(made.groups.all()) == [_group(roles.CONTRIBUTOR, "second")]
