"""Sign-in lockout by account and address together, and the limit per address (portal.accounts.lockout)."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.accounts import services
from portal.accounts.testing import confirmed_device, pass_second_factor
from portal.testing.factories import StaffFactory
from portal.units import roles

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
HOME = reverse("wagtailadmin_home")
ATTACKER, OFFICE, ELSEWHERE = "203.0.113.66", "198.51.100.10", "192.0.2.44"


def sign_in(client, username: str, password: str, address: str):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def vietnamese(**kwargs) -> str:
    """The portal's own lockout message as the sign-in page shows it, translated."""
    with translation.override("vi"):
        message = services.lockout_message(**kwargs)
    with translation.override("en"):
        assert message != services.lockout_message(**kwargs), "no Vietnamese translation"
    return message


def test_failures_from_one_address_do_not_lock_the_real_user_out_from_another(client):
    chief = StaffFactory(role=roles.EDITOR_IN_CHIEF)  # who may publish: an authenticator of his own
    confirmed_device(chief)
    for attempt in range(4):
        assert sign_in(client, chief.username, f"doan-{attempt}", ATTACKER).status_code == 200
    locked = sign_in(client, chief.username, "doan-5", ATTACKER)
    assert locked.status_code == 429
    assert vietnamese() in locked.content.decode()  # "Tài khoản đã bị tạm khóa sau 5 lần ..."
    assert "Tài khoản đã bị tạm khóa" in locked.content.decode()
    refused = sign_in(client, chief.username, PASSWORD, ATTACKER)  # even the right password, from there
    assert refused.status_code == 429 and "_auth_user_id" not in client.session

    response = sign_in(client, chief.username, PASSWORD, OFFICE)
    assert response.status_code == 302 and response["Location"] == HOME
    pass_second_factor(client, chief)
    assert client.get(HOME).status_code == 200


def test_many_failures_over_many_names_from_one_address_are_blocked(client, make_user):
    make_user("ctvthat", role=roles.CONTRIBUTOR)
    statuses = []
    for round_ in range(3):
        for number in range(20):  # 60 guesses, three per name: no single name reaches its limit
            statuses.append(sign_in(client, f"doanten{number}", f"sai-{round_}", ATTACKER).status_code)
    assert 429 in statuses
    first_blocked = statuses.index(429)
    assert first_blocked < 60 and set(statuses[first_blocked:]) == {429}

    blocked = sign_in(client, "ctvthat", PASSWORD, ATTACKER)  # a real account, right password: that address waits
    assert blocked.status_code == 429
    html = blocked.content.decode()
    assert vietnamese(address=True) in html and "Có quá nhiều lần đăng nhập không thành công" in html
    assert "_auth_user_id" not in client.session

    assert sign_in(client, "ctvthat", PASSWORD, ELSEWHERE)["Location"] == HOME  # every other address is untouched


def test_the_client_address_is_not_taken_from_a_header_the_client_writes(client):
    chief = StaffFactory(role=roles.EDITOR_IN_CHIEF)
    for attempt in range(5):
        response = client.post(
            LOGIN,
            {"username": chief.username, "password": f"doan-{attempt}"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}",
        )
    assert response.status_code == 429  # five guesses from one address, whatever the header said
