"""The staff profile on Wagtail's user forms."""

import pytest
from django.urls import reverse

from portal.accounts.models import StaffProfile
from portal.accounts.testing import login_with_second_factor
from portal.testing.factories import StaffFactory, UnitFactory
from portal.units import roles

pytestmark = pytest.mark.django_db

PROFILE = {
    "pen_name": "Thu Hà",
    "phone": "0234 3822 999",
    "position": "Chuyên viên",
    "bank_account_holder": "NGUYEN THU HA",
    "bank_account_number": "0161000999999",
    "bank_name": "Vietcombank - Chi nhánh Huế",
    "tax_code": "3301234567",
}


@pytest.fixture
def admin_client(client):
    login_with_second_factor(client, StaffFactory(superuser=True))
    return client


def test_the_user_forms_show_the_profile_fields(admin_client):
    user = StaffFactory(role=roles.CONTRIBUTOR, unit=UnitFactory())
    StaffProfile.objects.filter(user=user).update(pen_name="Mai Trần")
    edit = admin_client.get(reverse("wagtailusers_users:edit", args=[user.pk])).content.decode()
    for name in ["unit", "pen_name", "bank_account_number", "tax_code"]:
        assert f'name="{name}"' in edit
    assert 'value="Mai Trần"' in edit  # the profile's pen name
    assert 'name="bank_name"' in admin_client.get(reverse("wagtailusers_users:add")).content.decode()


def test_creating_a_user_saves_the_profile(admin_client):
    unit = UnitFactory()
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "thuha",
            "email": "thuha@example.invalid",
            "first_name": "Hà",
            "last_name": "Nguyễn Thu",
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
            "unit": unit.pk,
            **PROFILE,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    profile = StaffProfile.objects.get(user__username="thuha")
    assert profile.unit == unit and profile.bank_account_number == "0161000999999" and profile.has_bank_details


def test_a_bad_account_number_or_tax_code_is_refused_and_nothing_saved(admin_client):
    user = StaffFactory(role=roles.ACCOUNTANT, unit=UnitFactory())
    StaffProfile.objects.filter(user=user).update(**PROFILE)
    before = StaffProfile.objects.get(user=user).bank_account_number
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": "on",
            **PROFILE,
            "bank_account_number": "12-AB",
            "tax_code": "123",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"bank_account_number", "tax_code"}
    assert StaffProfile.objects.get(user=user).bank_account_number == before
