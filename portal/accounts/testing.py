"""Test helpers for signing in past the second factor. Tests only: they skip the code on purpose."""

from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import current_code


def confirmed_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def login_with_second_factor(client: Client, user) -> None:
    """`client.force_login`, plus a session verified by the user's device, as after entering a code."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()


def pass_second_factor(client: Client, user) -> None:
    """Enter the current code on the verify page, as the user would after the password."""
    response = client.post(reverse("accounts_second_factor_verify"), {"code": current_code(confirmed_device(user))})
    assert response.status_code == 302, "the second factor was refused"
