"""Staff profiles and staff security: who needs a second factor, enrolment, lockout and password reset messages.

Views, middleware, the demo loader and the tests all call these functions; the rules live here only.
"""

import base64
import binascii
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core import ratelimit
from portal.units import roles
from portal.units.models import Unit

from .models import StaffProfile

# Roles whose members approve or publish (see portal.units.roles): a stolen password alone must not do that.
APPROVER_ROLES = (
    roles.CATEGORY_EDITOR,
    roles.SECRETARIAT,
    roles.EDITOR_IN_CHIEF,
    roles.APPLICATION_APPROVER,  # approves applications: issues legal results
)

# The demo approvers' authenticator secret, printed in README.md. Demo data only.
DEMO_TOTP_SECRET = "SONGOAIVUHUEDEMOTOTPSECRETKEY234"  # noqa: S105 - public on purpose
DEVICE_NAME = "authenticator"


def byline(user: AbstractBaseUser) -> tuple[str, Unit | None]:
    """(author or pen name, unit) that an item written by `user` carries."""
    profile = StaffProfile.objects.filter(user=user).select_related("unit").first()
    name = (profile.pen_name if profile else "") or user.get_full_name() or user.get_username()
    return name, profile.unit if profile else None


# Apps that make people approvers otherwise than by these groups (the plan names a category's editors,
# or makes the unit heads the editors of its news; a workflow step goes to a group) register a test
# here, so that accounts imports none of them.
_approver_tests: list[Callable[[AbstractBaseUser], bool]] = []


def register_approver_test(test: Callable[[AbstractBaseUser], bool]) -> None:
    _approver_tests.append(test)


def requires_second_factor(user: AbstractBaseUser) -> bool:
    """Whether the user must pass a second factor before using the admin: approvers, publishers, superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.groups.filter(roles.groups_in_any_agency(*APPROVER_ROLES)).exists():
        return True
    return any(test(user) for test in _approver_tests)


def has_second_factor(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)


def secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it for manual entry."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device being enrolled: kept between visits so that a scanned code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG, drawn here: the secret never leaves the server."""
    import qrcode  # only for enrolment: not held by every worker (issue 21)
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")


def confirm_device(device: TOTPDevice, code: str) -> bool:
    """Confirm an enrolment if the code is valid for the device now; other pending devices are dropped."""
    with transaction.atomic():
        if not device.verify_token(normalise_code(code)):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


class VerificationRefused(Exception):
    pass


def verify_code(user: AbstractBaseUser, code: str) -> TOTPDevice | None:
    """The confirmed device that accepts the code, or None. Raises VerificationRefused while throttled."""
    code = normalise_code(code)
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))
        allowed = [device for device in devices if device.verify_is_allowed()[0]]
        if devices and not allowed:
            raise VerificationRefused  # django-otp's throttling: each wrong code doubles the wait
        for device in allowed:
            if device.verify_token(code):
                return device
    return None


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now for this device (demo command and tests)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def normalise_code(code: str) -> str:
    return "".join(code.split())  # apps show "123 456"


def lockout_message(*, address: bool = False) -> str:
    """Why the sign-in is refused: the account from this address, or (`address`) this address altogether."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if address:
        return _(
            "Too many failed sign-in attempts came from your network address. Try again in %(minutes)d minutes, "
            "or ask the site administrator."
        ) % {"minutes": minutes}
    return _(
        "This account is locked after %(limit)d failed sign-in attempts. Try again in %(minutes)d minutes, "
        "or ask the site administrator to unlock it."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


# --- Password reset -----------------------------------------------------------------------------

# Requests per hour: from one address, and for one e-mail address typed (known or not: the answer
# must not tell which addresses are staff's).
PASSWORD_RESET_PER_ADDRESS = 10
PASSWORD_RESET_PER_EMAIL = 3
PASSWORD_RESET_WINDOW_SECONDS = 3600
PASSWORD_RESET_SUBJECT_TEMPLATE = "wagtailadmin/account/password_reset/email_subject.txt"
PASSWORD_RESET_EMAIL_TEMPLATE = "wagtailadmin/account/password_reset/email.txt"


class PasswordResetThrottled(Exception):
    pass


def password_reset_request(*, email: str, address: str, domain: str, use_https: bool, language: str) -> None:
    """Count the request, then queue the mail for after the commit. The same work whether or not the
    address is a staff member's: who it belongs to is looked up in the background, never here.
    Raises PasswordResetThrottled past either limit."""
    from .tasks import send_password_reset_task

    window = PASSWORD_RESET_WINDOW_SECONDS
    from_address = ratelimit.attempt("password-reset", address, [(window, PASSWORD_RESET_PER_ADDRESS)])
    for_email = ratelimit.attempt("password-reset-email", email.casefold(), [(window, PASSWORD_RESET_PER_EMAIL)])
    if not (from_address and for_email):
        raise PasswordResetThrottled
    transaction.on_commit(
        lambda: send_password_reset_task.enqueue(email=email, domain=domain, use_https=use_https, language=language)
    )


def password_reset_throttle_message() -> str:
    return _("Too many password reset requests. Check your mailbox, or try again in an hour.")


# --- Demo data ----------------------------------------------------------------------------------


def demo_key_hex() -> str:
    return binascii.hexlify(base64.b32decode(DEMO_TOTP_SECRET)).decode("ascii")
