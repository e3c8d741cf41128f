"""manage.py demo_otp_code: the demo approvers' current code, never in production."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def test_prints_a_code_the_demo_device_accepts():
    out = StringIO()
    call_command("demo_otp_code", "truongban", stdout=out)
    assert TOTPDevice.objects.get(user__username="truongban").verify_token(out.getvalue().strip())


def test_refuses_an_account_without_the_demo_device():
    with pytest.raises(CommandError):
        call_command("demo_otp_code", "congtacvien")


@override_settings(DEBUG=False, DEMO_ALLOWED=False)
def test_refuses_when_debug_is_off():
    with pytest.raises(CommandError, match="development only"):
        call_command("demo_otp_code", "truongban")
