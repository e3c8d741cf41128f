"""The `--agency CODE` option of the royalty commands: the agency, or the command's error in words."""

from django.core.management.base import CommandError

from portal.core.models import AgencySettings
from portal.units.agencies import UnknownAgency
from portal.units.agencies import agency_by_code as _agency_by_code


def agency_by_code(code: str) -> AgencySettings:
    try:
        return _agency_by_code(code)
    except UnknownAgency as error:
        raise CommandError(str(error)) from error
