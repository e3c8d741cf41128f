"""`manage.py remove_agency CODE`: export an agency of the installation, then remove it (issue 22)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.packs.removal import RemovalRefused, agency_to_remove, default_export_path, export, records_of, remove


class Command(BaseCommand):
    help = "Export an agency's site, pages and records, then remove them (asks for the agency's code to confirm)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The agency's code, as in its pack (agency.code)")
        parser.add_argument(
            "--export", metavar="PATH", help="Where the export goes (a .zip); default: BACKUP_ROOT/agencies/"
        )
        parser.add_argument(
            "--check", action="store_true", help="Say what would be exported and removed; change nothing."
        )
        parser.add_argument(
            "--confirm", metavar="CODE", help="The agency's code again, instead of typing it when asked (scripts)."
        )

    def handle(self, *args, code, **options):
        try:
            agency = agency_to_remove(code)
            records = records_of(agency)
        except RemovalRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("%(name)s (%(host)s) holds:") % {"name": agency.name_vi, "host": records.site.hostname})
        for kind, count in sorted(records.counts().items(), key=lambda item: str(item[0])):
            if count:
                self.stdout.write(f"  {kind}: {count}")
        if options["check"]:
            self.stdout.write(_("Nothing was exported or removed (--check)."))
            return
        typed = options["confirm"]
        if typed is None:
            typed = input(_("Type the agency's code to export and remove it: ")).strip()
        if typed != agency.code:
            raise CommandError(_("The code typed is not the agency's; nothing was exported or removed."))
        path = Path(options["export"]) if options["export"] else default_export_path(agency)
        self.stdout.write(_("… exporting to %(path)s") % {"path": path})
        try:
            manifest = export(records, path)
            self.stdout.write(
                _("Exported %(rows)s records and %(files)s files.")
                % {"rows": sum(manifest["rows"].values()), "files": len(manifest["files"])}
            )
            self.stdout.write(_("… removing"))
            remove(records)
        except RemovalRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(_("%(name)s was removed; its export: %(path)s") % {"name": agency.name_vi, "path": path})
        )
