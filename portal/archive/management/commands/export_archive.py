from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Site

from portal.archive.export import STAGE_LABELS, ArchiveError, archive_export, format_summary


class Command(BaseCommand):
    help = "Export a year of the public site as a static archive, in both languages, that opens from disk."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The year of first publication, e.g. 2026.")
        parser.add_argument(
            "--output", required=True, help="The folder to write (an earlier archive there is replaced)."
        )
        parser.add_argument("--zip", action="store_true", help="Also write <output>.zip beside the folder.")
        parser.add_argument(
            "--live-url", help="The live site's address for links outside the archive (default: the site's)."
        )
        parser.add_argument(
            "--site", metavar="HOSTNAME", help="The agency's site to archive (default: the default site)."
        )

    def handle(self, *args, **options):
        year = options["year"]
        if not 1900 <= year <= 9999:
            raise CommandError(_("%(year)s is not a year the site can have content for.") % {"year": year})
        site = None
        if options["site"]:
            host = options["site"].strip().lower()
            site = Site.objects.filter(hostname=host).first()
            if site is None:
                raise CommandError(_("No site is served at %(host)s.") % {"host": host})
        try:
            summary = archive_export(
                site=site,
                year=year,
                output=options["output"],
                make_zip=options["zip"],
                live_url=options["live_url"],
                progress=lambda items, stage: tqdm(items, desc=str(STAGE_LABELS[stage]), unit="page", file=self.stderr),
                report=lambda line: self.stderr.write(f"  {line}"),
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(format_summary(summary))
