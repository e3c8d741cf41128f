"""The provincial portal's groups, made when a province's pack is installed.

`province_setup(agency)` is called by `setup_portal` (packs/install.py) for every agency; it does
something only for the province's own portal (`AgencySettings.is_province`, `level: province` in the
pack). Idempotent, like the rest of the installation.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from portal.core.models import AgencySettings
from portal.units.roles import ADMIN_ACCESS, EDITOR_IN_CHIEF, group_name

# Named in Vietnamese in the admin, as the agencies' own role groups are.
BOARD_GROUP = "Ban điều hành cổng tỉnh"
BOARD_LABEL = _("Provincial portal board")


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def province_setup(agency: AgencySettings) -> list[str]:
    """For the province's portal: the board's group (every agency's figures, read-only) and the right
    to carry agencies' items for its editor-in-chief's group, who publishes on its site. Returns
    what it created, for the setup report."""
    if not agency.is_province:
        return []
    created = []
    board, made = Group.objects.get_or_create(name=BOARD_GROUP)
    board.permissions.add(_permission(*ADMIN_ACCESS), _permission("province", "oversee_provincialportal"))
    if made:
        created.append(_("group “%(group)s”") % {"group": BOARD_GROUP})
    editors = Group.objects.filter(name=group_name(EDITOR_IN_CHIEF, agency)).first()
    if editors is not None:
        editors.permissions.add(_permission("province", "carry_provincialportal"))
    return created
