"""manage.py demo_otp_code: the demo approvers' current code, never in production."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.services import DEVICE_NAME, demo_key_hex
from portal.accounts.testing import confirmed_device
from portal.testing.factories import StaffFactory, UnitFactory
from portal.units import roles

pytestmark = pytest.mark.django_db


def test_prints_a_code_the_demo_device_accepts():
    # An approver with a device of the README's secret, as load_demo gives the demo's approvers.
    approver = StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=UnitFactory())
    TOTPDevice.objects.create(user=approver, name=DEVICE_NAME, confirmed=True, key=demo_key_hex())
    out = StringIO()
    call_command("demo_otp_code", approver.username, stdout=out)
    assert TOTPDevice.objects.get(user=approver).verify_token(out.getvalue().strip())


def test_refuses_an_account_without_the_demo_device():
    contributor = StaffFactory(role=roles.CONTRIBUTOR, unit=UnitFactory())
    with pytest.raises(CommandError, match="no device with the demo secret"):
        call_command("demo_otp_code", contributor.username)
    confirmed_device(contributor)  # a device of his own, with another secret: no code printed either
    with pytest.raises(CommandError, match="no device with the demo secret"):
        call_command("demo_otp_code", contributor.username)


@override_settings(DEBUG=False, DEMO_ALLOWED=False)
def test_refuses_when_debug_is_off():
    with pytest.raises(CommandError, match="development only"):
        call_command("demo_otp_code", "truongban")
