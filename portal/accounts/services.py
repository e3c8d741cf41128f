"""Staff profiles and staff security: who needs a second factor, enrolment, the demo's staff data.

Views, middleware, the demo loader and the tests all call these functions; the rules live here only.
"""

import base64
import binascii
from collections.abc import Iterable

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.text import fold
from portal.units import roles
from portal.units.models import Unit

from .models import StaffProfile

# Groups whose members approve or publish (see portal.units.roles): a stolen password alone must not do that.
APPROVER_GROUPS = (
    roles.CATEGORY_EDITOR.group_name,
    roles.SECRETARIAT.group_name,
    roles.EDITOR_IN_CHIEF.group_name,
    roles.APPLICATION_APPROVER.group_name,  # approves applications: issues legal results
)

# The demo approvers' authenticator secret, printed in README.md. Demo data only.
DEMO_TOTP_SECRET = "SONGOAIVUHUEDEMOTOTPSECRETKEY234"  # noqa: S105 - public on purpose
DEVICE_NAME = "authenticator"


def byline(user: AbstractBaseUser) -> tuple[str, Unit | None]:
    """(author or pen name, unit) that an item written by `user` carries."""
    profile = StaffProfile.objects.filter(user=user).select_related("unit").first()
    name = (profile.pen_name if profile else "") or user.get_full_name() or user.get_username()
    return name, profile.unit if profile else None


def requires_second_factor(user: AbstractBaseUser) -> bool:
    """Whether the user must pass a second factor before using the admin: approvers, publishers, superusers."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=APPROVER_GROUPS).exists()


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


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "This account is locked after %(limit)d failed sign-in attempts. Try again in %(minutes)d minutes, "
        "or ask the site administrator to unlock it."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


# --- Demo data ----------------------------------------------------------------------------------

DEMO_PROFILES = {  # user name -> (pen name, phone, position)
    "congtacvien": ("Mai Trần", "0234 3822 101", "Chuyên viên"),
    "truongphong": ("Hùng Lê", "0234 3822 102", "Trưởng phòng"),
    "bientap": ("Hồng Nguyễn", "0234 3822 103", "Chuyên viên, phụ trách biên tập tin"),
    "thuongtruc": ("Minh Tuấn", "0234 3822 104", "Chánh Văn phòng"),
    "truongban": ("Đức Anh", "0234 3822 105", "Phó Giám đốc Sở, Trưởng Ban Biên tập"),
    "ketoan": ("Lan Võ", "0234 3822 106", "Kế toán"),
    "quantri": ("Quốc Bảo", "0234 3822 107", "Quản trị hệ thống"),
    "xulyhoso": ("Thảo Phan", "0234 3822 108", "Chuyên viên Phòng Lãnh sự"),
    "duyethoso": ("Khánh Ngô", "0234 3822 109", "Trưởng phòng Lãnh sự - Việt kiều - Biên giới"),
}


DEMO_SIGNING = {  # user name -> (signing authority, title in a signature)
    "truongban": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    "duyethoso": ("TL. GIÁM ĐỐC", "TRƯỞNG PHÒNG LÃNH SỰ - VIỆT KIỀU - BIÊN GIỚI"),
}


def seed_demo_staff(accounts: Iterable[tuple], units: dict[str, Unit]) -> None:
    """Profiles for the demo accounts and a TOTP device with the README's secret for those who need one.

    Get-or-create only, like the rest of the demo: edits and devices someone enrolled are kept.
    """
    User = get_user_model()
    for number, (username, _password, _role, full_name, unit_code) in enumerate(accounts, start=1):
        user = User.objects.get(username=username)
        pen_name, phone, position = DEMO_PROFILES.get(username, (full_name, "", ""))
        authority, title = DEMO_SIGNING.get(username, ("", ""))
        StaffProfile.objects.get_or_create(
            user=user,
            defaults={
                "unit": units.get(unit_code),
                "pen_name": pen_name,
                "phone": phone,
                "position": position,
                "signing_authority": authority,
                "signing_title": title,
                "bank_account_holder": _bank_holder_name(full_name),
                "bank_account_number": f"0161000{number:06d}",
                "bank_name": "Vietcombank - Chi nhánh Thừa Thiên Huế",
            },
        )
        if requires_second_factor(user) and not has_second_factor(user):
            TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True, key=demo_key_hex())


def demo_key_hex() -> str:
    return binascii.hexlify(base64.b32decode(DEMO_TOTP_SECRET)).decode("ascii")


def _bank_holder_name(full_name: str) -> str:
    return fold(full_name).upper()  # as banks print it: capitals without diacritics
