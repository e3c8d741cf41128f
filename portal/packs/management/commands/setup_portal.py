"""`manage.py setup_portal PACK`: install an agency's portal from its pack (packs/*.yaml)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.packs.install import install_pack, plan_agency, plan_next_year, plan_next_year_check
from portal.packs.loading import PackInvalid, read_pack
from portal.packs.services import administrator_check, first_administrator
from portal.planning.services import PlanError


class Command(BaseCommand):
    help = "Install or update the agency's portal from its pack: site, categories, units, people, plan, royalties."

    def add_arguments(self, parser):
        parser.add_argument(
            "pack", nargs="?", help="The agency pack (YAML), e.g. packs/so-ngoai-vu-thua-thien-hue.yaml"
        )
        parser.add_argument("--check", action="store_true", help="Print what would change; change nothing.")
        parser.add_argument("--admin-email", help="Create the first administrator and print a one-time sign-in link.")
        parser.add_argument(
            "--plan", type=int, metavar="YEAR", help="Copy the latest plan and royalty schedule to YEAR."
        )
        parser.add_argument("--hostname", help="Serve the site at this host name instead of the pack's.")
        parser.add_argument(
            "--site",
            metavar="HOSTNAME",
            help="Add the pack's agency beside the installation's as a site of its own, served at HOSTNAME; "
            "with --plan, copy the plan of the agency whose site that is.",
        )
        parser.add_argument("--agency", metavar="CODE", help="With --plan: copy the plan of the agency with this code.")

    def handle(self, *args, **options):
        if options["agency"] is not None and not options["plan"]:
            raise CommandError(_("--agency names whose plan --plan YEAR copies: add --plan YEAR."))
        if not (options["pack"] or options["plan"] or options["admin_email"]):
            raise CommandError(_("Name a pack, or --plan YEAR, or --admin-email."))
        if options["site"] is not None and options["hostname"]:
            raise CommandError(_("--site names the new site's host: leave out --hostname."))
        if options["pack"]:
            try:
                pack = read_pack(options["pack"])
                report = install_pack(
                    pack,
                    check=options["check"],
                    hostname=options["hostname"],
                    site=options["site"].strip().lower() if options["site"] is not None else None,
                    progress=lambda step: self.stdout.write(f"… {step}"),
                )
            except PackInvalid as error:
                for problem in error.problems:
                    self.stderr.write(problem.in_language("vi"))
                    self.stderr.write("  " + problem.in_language("en"))
                raise CommandError(
                    _("The pack was refused: %(count)s problem(s), nothing was written.")
                    % {"count": len(error.problems)}
                ) from error
            self._print(report, check=options["check"])
        if options["plan"]:
            try:
                # The agency named by --site or --agency (with a pack, the one it installs); else the default site's.
                try:
                    agency = plan_agency(site=options["site"], code=options["agency"])
                except ValueError:
                    if not (options["pack"] and options["check"]):
                        raise
                    agency = None  # the pack's agency is not installed yet: --check installs nothing
                if options["check"]:
                    self.stdout.write(
                        plan_next_year_check(year=options["plan"], agency=agency)
                        if agency is not None
                        else _("The plan would be copied once the pack's agency is installed.")
                    )
                else:
                    plan = plan_next_year(year=options["plan"], agency=agency)
                    self.stdout.write(_("Plan of %(year)s: %(title)s") % {"year": plan.year, "title": plan.title})
            except (ValueError, PlanError) as error:
                raise CommandError(str(error)) from error
        if options["admin_email"] and options["check"]:
            self.stdout.write(administrator_check(email=options["admin_email"]))
        elif options["admin_email"]:
            user, link = first_administrator(email=options["admin_email"])
            self.stdout.write(
                _("Administrator %(name)s: open this link once to choose a password (it works once, for three days):")
                % {"name": user.get_username()}
            )
            self.stdout.write(link)

    def _print(self, report, *, check: bool) -> None:
        for title, lines in (
            (pgettext("setup report", "Created"), report.created),
            (pgettext("setup report", "Updated"), report.updated),
            (pgettext("setup report", "Left alone (edited by staff since)"), report.kept),
            (pgettext("setup report", "Removed"), report.removed),
        ):
            if lines:
                self.stdout.write(f"{title} ({len(lines)}):")
                for line in lines:
                    self.stdout.write(f"  {line}")
        if check:
            self.stdout.write(_("Check only: nothing was written.") if report.changed else _("Nothing to change."))
        elif not report.changed:
            self.stdout.write(_("Nothing to change: the portal is as the pack says."))

    def execute(self, *args, **options):
        with translation.override("vi"):
            return super().execute(*args, **options)
