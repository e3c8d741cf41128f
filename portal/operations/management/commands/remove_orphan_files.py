from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.operations.orphans import remove_orphan_files


class Command(BaseCommand):
    help = "Remove private uploads that no application or question refers to, a day after they were written."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them without removing anything.")

    def handle(self, *args, dry_run=False, **options):
        report = remove_orphan_files(dry_run=dry_run)
        for path in report.orphans:
            self.stdout.write(f"  {path}")
        if dry_run:
            message = _("%(orphans)d of %(scanned)d private files belong to no record (nothing removed).")
        else:
            message = _("%(orphans)d of %(scanned)d private files belonged to no record and were removed.")
        self.stdout.write(message % {"orphans": len(report.orphans), "scanned": report.scanned})
