"""The second-factor pages, the sign-in lockout and the sign-in failures report."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from portal.accounts import services
from portal.accounts.testing import confirmed_device, login_with_second_factor
from portal.testing.factories import StaffFactory, UnitFactory
from portal.units import roles

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
ENROL = reverse("accounts_second_factor_enrol")
VERIFY = reverse("accounts_second_factor_verify")


def vi(msgid: str) -> str:
    """What the staff pages show: the admin speaks Vietnamese unless the user chose English."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    assert text != msgid, f"{msgid!r} has no Vietnamese translation"
    return text


def wrong_code(device: TOTPDevice) -> str:
    return "123456" if services.current_code(device) != "123456" else "654321"


def approver_with_device(role: roles.Role = roles.CATEGORY_EDITOR):
    """A staff member whose role approves, with the authenticator set up (the code is asked for after the password)."""
    user = StaffFactory(role=role, unit=UnitFactory())
    confirmed_device(user)
    return user


def test_a_wrong_code_is_refused_with_a_message(client):
    user = approver_with_device(roles.CATEGORY_EDITOR)
    client.force_login(user)
    response = client.post(VERIFY, {"code": wrong_code(user.totpdevice_set.get())})
    assert response.status_code == 200
    assert vi("This code is wrong or has expired. Enter the code your app shows now.") in response.content.decode()
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(VERIFY)


def test_a_right_code_opens_the_admin_at_the_page_asked_for(client):
    user = approver_with_device(roles.SECRETARIAT)
    client.force_login(user)
    explorer = reverse("wagtailadmin_explore_root")
    assert client.get(explorer)["Location"] == f"{VERIFY}?next={explorer.replace('/', '%2F')}"
    response = client.post(VERIFY, {"code": services.current_code(user.totpdevice_set.get()), "next": explorer})
    assert response["Location"] == explorer
    assert client.get(explorer).status_code == 200


def test_the_next_address_must_stay_on_this_site(client):
    user = approver_with_device(roles.SECRETARIAT)
    client.force_login(user)
    code = services.current_code(user.totpdevice_set.get())
    response = client.post(VERIFY, {"code": code, "next": "https://example.com/"})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_the_code_must_be_six_digits(client):
    client.force_login(approver_with_device(roles.CATEGORY_EDITOR))
    response = client.post(VERIFY, {"code": "abc"})
    assert vi("Enter the 6 digits shown by your authenticator app.") in response.content.decode()


def test_enrolment_page_shows_a_qr_code_and_the_secret_and_confirms_with_a_valid_code(client, approver_without_device):
    client.force_login(approver_without_device)
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=approver_without_device, confirmed=False)
    assert "<svg" in page and services.secret_base32(device) in page
    assert 'autocomplete="one-time-code"' in page and "<label" in page
    refused = client.post(ENROL, {"code": wrong_code(device)})
    assert vi("This code does not match. Check that your phone's clock is right and enter the code shown now.") in (
        refused.content.decode()
    )
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()
    response = client.post(ENROL, {"code": services.current_code(device)})
    assert response["Location"] == reverse("wagtailadmin_home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # this session is verified


def test_others_enrol_from_their_account_page(client, make_user):
    client.force_login(make_user("ctvtaikhoan", role=roles.CONTRIBUTOR))
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert ENROL in account
    assert client.get(ENROL).status_code == 200


def test_pages_speak_the_users_language(client, approver_without_device):
    client.force_login(approver_without_device)
    assert vi("Set up two-step verification") in client.get(ENROL).content.decode()
    profile = UserProfile.get_for_user(approver_without_device)
    profile.preferred_language = "en"
    profile.save()
    assert "Set up two-step verification" in client.get(ENROL).content.decode()


def sign_in(client, username: str, password: str, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_five_wrong_passwords_lock_the_account_while_others_still_sign_in(client, make_user):
    victim = make_user("ctvbikhoa", role=roles.CONTRIBUTOR)
    make_user("ctvkhac", role=roles.CONTRIBUTOR)
    for attempt in range(4):
        response = sign_in(client, victim.username, f"sai-{attempt}")
        assert response.status_code == 200  # the login form again, with its error
    locked = sign_in(client, victim.username, "sai-5")
    with translation.override("vi"):
        message = services.lockout_message()  # "... sau 5 lần đăng nhập không thành công ... sau 30 phút ..."
    assert "5" in message and "30" in message
    assert locked.status_code == 429 and message in locked.content.decode()

    refused = sign_in(client, victim.username, PASSWORD)
    assert refused.status_code == 429 and message in refused.content.decode()
    assert "_auth_user_id" not in client.session

    assert sign_in(client, "ctvkhac", PASSWORD)["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_failures_and_lockouts_are_recorded(client, make_user):
    make_user("ctvghilog", role=roles.CONTRIBUTOR)
    for attempt in range(5):
        sign_in(client, "ctvghilog", f"sai-{attempt}")
    assert AccessAttempt.objects.get(username="ctvghilog").failures_since_start == 5
    log = AccessFailureLog.objects.filter(username="ctvghilog")
    assert log.count() == 5 and log.filter(locked_out=True).exists()


def test_superusers_see_the_sign_in_failures_report_and_others_do_not(client, make_user):
    make_user("ctvbaocao", role=roles.CONTRIBUTOR)
    sign_in(client, "ctvbaocao", "sai")
    report = reverse("accounts_sign_in_failures")
    login_with_second_factor(client, StaffFactory(superuser=True))
    assert "ctvbaocao" in client.get(report).content.decode()
    assert client.get(report + "?export=xlsx").status_code == 200
    client.force_login(StaffFactory(role=roles.ACCOUNTANT, unit=UnitFactory()))  # staff, not a superuser
    assert client.get(report).status_code == 302  # permission denied: back to the dashboard
