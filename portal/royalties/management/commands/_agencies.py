"""The `--agency CODE` option of the royalty commands."""

from django.core.management.base import CommandError

from portal.core.models import AgencySettings


def agency_by_code(code: str) -> AgencySettings:
    agency = AgencySettings.objects.select_related("site").filter(code=code).first()
    if agency is None:
        codes = ", ".join(AgencySettings.objects.exclude(code="").order_by("code").values_list("code", flat=True))
        raise CommandError(f"No agency has the code {code!r} (the agencies: {codes or 'none with a code'}).")
    return agency
