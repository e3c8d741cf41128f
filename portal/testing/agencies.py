"""The other agencies of one installation, as the tests marked `agencies` find them (the root conftest.py
copies a template of them, built once per run: portal/testing/databases.py).

Beside the skeleton's agency (the Huế pack on the default site, `localhost`):
- a second department, the Lam Sơn pack's Department of Culture and Sports, on its own site;
- the province's own portal (`level: province`), on a third site above both.

Tests read them by key: `agency("second")`, `site("province")`, visit a site with `visitor("second")`
and make a member of an agency's role group with `staff("second", roles.CONTRIBUTOR)`.
"""

from pathlib import Path

from django.conf import settings
from django.test import Client
from wagtail.models import Site

from portal.core.models import AgencySettings

PACKS = Path(settings.BASE_DIR) / "packs"
HOSTS = {"second": "svhtt.lamson.example", "province": "lamson.example"}
PACK_FILES = {"second": PACKS / "vi-du-so-van-hoa-lam-son.yaml", "province": PACKS / "vi-du-cong-tinh-lam-son.yaml"}


def install_other_agencies() -> None:
    from portal.packs.install import install_pack
    from portal.packs.loading import read_pack

    for key, path in PACK_FILES.items():
        install_pack(read_pack(path), site=HOSTS[key])


def site(key: str) -> Site:
    """The site of an agency: "first" (the skeleton's, the default site), "second" or "province"."""
    if key == "first":
        return Site.objects.get(is_default_site=True)
    return Site.objects.get(hostname=HOSTS[key])


def agency(key: str) -> AgencySettings:
    return AgencySettings.for_site(site(key))


def staff(key: str, role):
    """A member of agency `key`'s first unit in its group of `role` (a `portal.units.roles.Role`)."""
    from django.contrib.auth.models import Group

    from portal.testing.factories import StaffFactory
    from portal.units import roles
    from portal.units.models import Unit

    owner = agency(key)
    unit = Unit.objects.filter(agency=owner).order_by("pk").first()
    user = StaffFactory(username=f"{key}-{role.group_name}".replace(" ", "-"), unit=unit)
    user.groups.add(Group.objects.get(name=roles.group_name(role, owner)))
    return user


def visitor(key: str, **extra) -> Client:
    """A browser on an agency's site: every request carries its Host header."""
    host = "localhost" if key == "first" else HOSTS[key]
    return Client(HTTP_HOST=host, **extra)
