import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.royalties import exports, selectors
from portal.royalties.models import RoyaltyPeriod

from ._agencies import agency_by_code

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})-(?:(?P<quarter>[Qq][1-4])|(?P<month>\d{1,2}))$")


def parse_period(text: str, *, agency=None) -> RoyaltyPeriod:
    """The period `text` names of `agency` (the default site's agency's unless named)."""
    match = PERIOD_PATTERN.match(text.strip())
    if not match or (match["month"] and not 1 <= int(match["month"]) <= 12):
        raise CommandError(f"Period {text!r}: write YYYY-MM for a month or YYYY-Q1..Q4 for a quarter.")
    year = int(match["year"])
    if match["quarter"]:
        kind, number = RoyaltyPeriod.KIND_QUARTER, int(match["quarter"][1])
    else:
        kind, number = RoyaltyPeriod.KIND_MONTH, int(match["month"])
    periods = selectors.periods_of(agency).select_related("agency")
    period = periods.filter(kind=kind, year=year, number=number).first()
    if period is None:
        raise CommandError(f"Period {text} is not open: the accountant opens it under Royalties > Periods.")
    return period


class Command(BaseCommand):
    help = (
        "Write the payment sheet of a period (YYYY-MM or YYYY-Q1..Q4) as XLSX and/or PDF: the default site's "
        "agency's, or with --agency CODE another agency's."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", help="2026-11 for November 2026, 2026-Q4 for the fourth quarter")
        parser.add_argument("--format", choices=["xlsx", "pdf", "both"], default="both")
        parser.add_argument("--output", default=".", help="Folder to write into (default: the current one).")
        parser.add_argument("--agency", help="The code of the agency (default: the default site's).")

    def handle(self, *args, period: str, format: str, output: str, agency: str | None = None, **options):
        owner = agency_by_code(agency) if agency else None
        sheet = selectors.payment_sheet(period=parse_period(period, agency=owner))
        folder = Path(output)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        writers = {"xlsx": exports.sheet_xlsx, "pdf": exports.sheet_pdf}
        for extension in ["xlsx", "pdf"] if format == "both" else [format]:
            path = folder / exports.filename(sheet, extension)
            path.write_bytes(writers[extension](sheet))
            self.stdout.write(f"{path}: {len(sheet.people)} people, {sheet.line_count} lines, total {sheet.total} đ")
        if sheet.draft:
            self.stdout.write(self.style.WARNING("The period is not settled: the sheet is a draft."))
