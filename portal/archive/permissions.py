"""Who may export the archive, and whose exports they see (issue 22, item 2).

One permission, `archive.export_archive`, is every action on an export (start, follow, download, delete);
an export is its agency's (`ArchiveExport.agency`, the agency whose site it archives), and its agency's staff
see it only (`units.agencies.AgencyPermissionPolicy`: the list, the download and the delete answer 404 for
another agency's); superusers see every agency's."""

from portal.units.agencies import AgencyPermissionPolicy

from .models import ArchiveExport

PERMISSION = "archive.export_archive"


def can_export(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


class ArchiveExportPolicy(AgencyPermissionPolicy):
    """Wagtail's model policy with the archive's one permission for every action, on the user's agency's exports."""

    def user_has_permission(self, user, action):
        return can_export(user)

    def user_has_any_permission(self, user, actions):
        return can_export(user)


export_policy = ArchiveExportPolicy(ArchiveExport)
