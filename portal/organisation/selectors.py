"""Reads of the organisation: the directory in a fixed number of queries, whatever its size."""

from django.db.models import Prefetch
from wagtail.images import get_image_model

from portal.core.models import AgencySettings

from .models import Leader, UnitProfile

PORTRAIT_SPEC = "fill-160x200"


def _active_leaders():
    photos = get_image_model().objects.prefetch_renditions(PORTRAIT_SPEC)
    return (
        Leader.objects.filter(active=True)
        .prefetch_related(Prefetch("photo", queryset=photos))
        .order_by("sort_order", "full_name")
    )


def leadership(agency: AgencySettings) -> list[Leader]:
    """The agency's own leaders (Ban Giám đốc), not those of one of its units."""
    return list(_active_leaders().filter(agency=agency, unit__isnull=True))


def directory(agency: AgencySettings) -> list[tuple[UnitProfile, list[Leader]]]:
    """Every unit of the agency with a profile, in the units' order, with its leaders in post."""
    profiles = (
        UnitProfile.objects.filter(unit__agency=agency)
        .select_related("unit")
        .prefetch_related(Prefetch("unit__leaders", queryset=_active_leaders(), to_attr="active_leaders"))
    )
    return [(profile, profile.unit.active_leaders) for profile in profiles]


def unit_directory_entry(unit_id) -> tuple[UnitProfile | None, list[Leader]]:
    if unit_id is None:
        return None, []
    profile = UnitProfile.objects.select_related("unit").filter(unit_id=unit_id).first()
    return profile, list(_active_leaders().filter(unit_id=unit_id))
