"""Demo accounts, one per role. They exist only in demo data: `load_demo` refuses to run in production."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.models import StaffProfile
from portal.accounts.services import DEVICE_NAME, demo_key_hex, has_second_factor, requires_second_factor
from portal.core.text import fold
from portal.units import roles
from portal.units.models import Unit

# (user name, password, role or None for the site administrator, full name, unit code)
DEMO_ACCOUNTS = [
    ("congtacvien", "Demo@CTV2026", roles.CONTRIBUTOR, "Trần Thị Mai", "hop-tac-quoc-te"),
    ("truongphong", "Demo@TP2026", roles.UNIT_HEAD, "Lê Văn Hùng", "hop-tac-quoc-te"),
    ("bientap", "Demo@BT2026", roles.CATEGORY_EDITOR, "Nguyễn Thị Hồng", "hop-tac-quoc-te"),
    ("thuongtruc", "Demo@TT2026", roles.SECRETARIAT, "Phạm Minh Tuấn", "van-phong"),
    ("truongban", "Demo@TB2026", roles.EDITOR_IN_CHIEF, "Hoàng Đức Anh", "van-phong"),
    ("ketoan", "Demo@KT2026", roles.ACCOUNTANT, "Võ Thị Lan", "van-phong"),
    ("quantri", "Demo@QT2026", None, "Đặng Quốc Bảo", "van-phong"),
    ("xulyhoso", "Demo@XL2026", roles.APPLICATION_OFFICER, "Phan Thị Thảo", "lanh-su"),
    ("duyethoso", "Demo@DH2026", roles.APPLICATION_APPROVER, "Ngô Văn Khánh", "lanh-su"),
]


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


def _bank_holder_name(full_name: str) -> str:
    return fold(full_name).upper()  # as banks print it: capitals without diacritics
