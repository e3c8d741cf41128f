from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from . import services, views
from .models import ArchiveExport
from .permissions import export_policy

# An export is its agency's staff's only (the list, the download, the delete, its site history's entries).
register_permission_policy(ArchiveExport, export_policy)


@hooks.register("register_admin_urls")
def register_archive_urls():
    return [
        path("archive/", views.exports_view, name="archive_exports"),
        path("archive/table/", views.exports_table_view, name="archive_exports_table"),
        path("archive/<int:pk>/download/", views.download_view, name="archive_export_download"),
        path("archive/<int:pk>/delete/", views.delete_view, name="archive_export_delete"),
    ]


class ArchiveMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return services.can_export(request.user)


@hooks.register("register_settings_menu_item")
def register_archive_menu_item():
    return ArchiveMenuItem(
        _("Archive exports"), reverse("archive_exports"), name="archive-exports", icon_name="download", order=900
    )


@hooks.register("register_log_actions")
def register_archive_log_actions(actions):
    @actions.register_action("archive.export_started")
    class StartedFormatter(LogFormatter):
        label = _("Archive export started")

        def format_message(self, log_entry):
            return _("Export of the archive of %(year)s started") % {"year": (log_entry.data or {}).get("year", "")}

    @actions.register_action("archive.export_finished")
    class FinishedFormatter(LogFormatter):
        label = _("Archive export finished")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            pages = data.get("pages") or {}
            return _("Archive of %(year)s written: %(pages)s pages, %(size)s") % {
                "year": data.get("year", ""),
                "pages": sum(count for count in pages.values() if isinstance(count, int)),
                "size": filesizeformat(data.get("size", 0)),
            }

    @actions.register_action("archive.export_failed")
    class FailedFormatter(LogFormatter):
        label = _("Archive export failed")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Export of the archive of %(year)s failed: %(reason)s") % {
                "year": data.get("year", ""),
                "reason": data.get("reason", ""),
            }

    @actions.register_action("archive.export_deleted")
    class DeletedFormatter(LogFormatter):
        label = _("Archive export deleted")

        def format_message(self, log_entry):
            return _("Export of the archive of %(year)s deleted") % {"year": (log_entry.data or {}).get("year", "")}
