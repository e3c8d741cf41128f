from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Site

from portal.core.models import AgencySettings, default_agency
from portal.demo.synthetic import NoCategories, generate_dataset
from portal.demo.synthetic_applications import generate_applications


class Command(BaseCommand):
    help = (
        "Add synthetic bilingual items (live ArticlePages, a share translated into English) to the demo's "
        "categories, in bulk, and applications for the agency's procedures, for load tests. Never in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=100_000, help="Vietnamese items to add (default 100000).")
        parser.add_argument("--seed", type=int, default=2017, help="Random seed: the same seed gives the same text.")
        parser.add_argument("--batch", type=int, default=2000, help="Items written per transaction (default 2000).")
        parser.add_argument("--english-share", type=float, default=0.4, help="Share of items translated (0.4).")
        parser.add_argument("--years", type=int, default=3, help="Spread publication dates over this many years.")
        parser.add_argument(
            "--site", metavar="HOSTNAME", help="Fill this site's categories only (one agency's); default: every site's."
        )
        parser.add_argument(
            "--applications",
            type=int,
            default=0,
            help="Also add this many applications for the agency's procedures (the site's, or the default site's).",
        )
        parser.add_argument(
            "--no-analyze",
            dest="analyze",
            action="store_false",
            help="Leave PostgreSQL's planner statistics alone (a build of many agencies refreshes them at its end).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not settings.DEMO_ALLOWED:
            raise CommandError("Synthetic content is for development and benchmarks only (DEBUG is off).")
        if options["items"] < 0 or options["batch"] < 1 or options["applications"] < 0:
            raise CommandError("--items and --applications must not be negative, --batch must be positive.")
        if not options["items"] and not options["applications"]:
            raise CommandError("Nothing to add: give --items or --applications.")
        if not 0 <= options["english_share"] <= 1:
            raise CommandError("--english-share must be between 0 and 1.")
        site = None
        if options["site"] is not None:
            site = Site.objects.filter(hostname=options["site"].strip().lower()).first()
            if site is None:
                raise CommandError(f"No site is served at {options['site']!r}.")
        if options["items"]:
            self._items(site, options)
        if options["applications"]:
            agency = AgencySettings.for_site(site) if site else AgencySettings.objects.get(pk=default_agency())
            outcome = generate_applications(
                agency=agency, count=options["applications"], years=options["years"], seed=options["seed"]
            )
            if outcome.procedures:
                self.stdout.write(f"Gave {agency.code} the demo's {outcome.procedures} procedures.")
            self.stdout.write(
                f"Added {outcome.applications} applications ({outcome.late} decided late, {outcome.paid} paid)."
            )

    def _items(self, site, options):
        desc = f"Synthetic items ({site.hostname})" if site else "Synthetic items"
        with tqdm(total=options["items"], desc=desc, unit="item", file=self.stderr) as bar:
            try:
                outcome = generate_dataset(
                    items=options["items"],
                    seed=options["seed"],
                    batch_size=options["batch"],
                    english_share=options["english_share"],
                    years=options["years"],
                    progress=bar.update,
                    site=site,
                    analyze=options["analyze"],
                )
            except NoCategories as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            f"Added {outcome.items} items and {outcome.translations} English translations ({outcome.pages} pages)."
        )
