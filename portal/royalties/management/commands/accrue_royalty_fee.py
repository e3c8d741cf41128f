import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.planning.agencies import all_agencies
from portal.royalties.services import admin_fees_accrue_through

from ._agencies import agency_by_code


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError as error:
        raise CommandError(f"Month {text!r}: write YYYY-MM.") from error


class Command(BaseCommand):
    help = (
        "Charge the monthly site administration fee of every agency (or of --agency CODE), each at its own "
        "schedule's rate; once per month and agency, so safe to run any number of times."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="YYYY-MM: also charge the months from this one (catching up).")
        parser.add_argument("--agency", help="The code of one agency (default: every agency).")

    def handle(self, *args, since: str | None = None, agency: str | None = None, **options):
        this_month = timezone.localdate().replace(day=1)
        first = _month(since) if since else this_month
        if first > this_month:
            raise CommandError("That month has not begun yet.")
        agencies = [agency_by_code(agency)] if agency else all_agencies()
        created = sum(admin_fees_accrue_through(first=first, last=this_month, agency=each) for each in agencies)
        self.stdout.write(f"Administration fee: {created} month(s) charged.")
