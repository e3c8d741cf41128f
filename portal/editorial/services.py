"""The newsroom's approval workflow as data: category editor review, then the editor-in-chief."""

from wagtail.models import Page


def editing_refused_by_unit(user, page: Page) -> bool:
    """A unit head reviews the drafts of their own unit only (the plan: units answer for their
    field). Everyone with a wider role, and the item's owner, is not held to the unit."""
    from portal.accounts.models import StaffProfile
    from portal.units.roles import UNIT_HEAD

    if user.is_superuser or getattr(page, "owner_id", None) == user.pk:
        return False
    group_names = set(user.groups.values_list("name", flat=True))
    if group_names != {UNIT_HEAD.group_name}:
        return False
    unit_id = getattr(page.specific, "unit_id", None)
    own_unit_id = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    return unit_id is None or unit_id != own_unit_id
