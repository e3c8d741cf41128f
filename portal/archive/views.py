"""The secretariat's page of archive exports: start one for a year, follow it, download or delete it.

Each agency's staff see, download and delete their own agency's exports only: another agency's is a 404, as
one that does not exist (`permissions.export_policy`, asked by `of_users_agency` and the selectors)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import user_passes_test

from portal.units.agencies import of_users_agency, sees_every_agency

from . import selectors, services
from .forms import StartExportForm
from .models import ArchiveExport, private_storage


def _listing_context(user) -> dict:
    exports = selectors.archive_exports(user=user)
    return {
        "exports": exports,
        "any_active": any(export.is_active for export in exports),
        "show_agency": sees_every_agency(user),  # a superuser's list holds every agency's
    }


@user_passes_test(services.can_export)
def exports_view(request):
    services.archive_exports_mark_stale()
    site = services.export_site(request.user, request)  # the archive of the user's agency's site
    form = StartExportForm(request.POST or None, site=site)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            services.archive_export_start(user=request.user, year=year, site=site)
        except services.ArchiveExportRefused as refusal:
            form.add_error("year", str(refusal))
        else:
            messages.success(
                request,
                _("The export of %(year)s has started in the background: this page shows how far it has gone.")
                % {"year": year},
            )
            return redirect("archive_exports")
    return TemplateResponse(
        request,
        "archive/admin/exports.html",
        {
            "page_title": _("Archive exports"),
            "header_title": _("Archive exports"),
            "header_icon": "download",
            "form": form,
            "has_years": bool(form.fields["year"].choices),
            **_listing_context(request.user),
        },
    )


@user_passes_test(services.can_export)
def exports_table_view(request):
    """The table alone, which the page asks for again while an export runs (archive/admin-exports.js)."""
    services.archive_exports_mark_stale()
    return TemplateResponse(request, "archive/admin/exports_table.html", _listing_context(request.user))


def _own(view):
    """`view` answering 404 for another agency's export (the exports' policy asked once, before the view reads
    the export); those without the permission are refused first."""
    return user_passes_test(services.can_export)(of_users_agency(ArchiveExport, view))


@_own
def download_view(request, pk: int):
    export = get_object_or_404(ArchiveExport, pk=pk, status=ArchiveExport.FINISHED)  # the user's agency's: `_own`
    if not export.file:
        raise Http404
    try:
        handle = private_storage.open(export.file.name, "rb")
    except FileNotFoundError:
        # Backups leave the ZIPs out (portal/operations/backups.py): after a restore the row is there, its file not.
        title = _("Archive of %(year)s") % {"year": export.year}
        return TemplateResponse(
            request,
            "archive/admin/missing_file.html",
            {"page_title": title, "header_title": title, "header_icon": "download", "export": export},
            status=404,
        )
    except OSError as unreadable:
        raise Http404 from unreadable
    response = FileResponse(handle, as_attachment=True, filename=export.download_name(), content_type="application/zip")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@_own
def delete_view(request, pk: int):
    export = get_object_or_404(ArchiveExport.objects.select_related("requested_by"), pk=pk)  # the agency's: `_own`
    if request.method == "POST":
        try:
            services.archive_export_delete(user=request.user, export=export)
        except services.ArchiveExportRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The export of %(year)s was deleted.") % {"year": export.year})
        return redirect("archive_exports")
    return TemplateResponse(
        request,
        "archive/admin/confirm_delete.html",
        {
            "page_title": _("Delete the export of %(year)s") % {"year": export.year},
            "header_title": _("Delete the export of %(year)s") % {"year": export.year},
            "header_icon": "bin",
            "export": export,
        },
    )
