from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.planning.report import quarterly_report, report_filename, report_pdf, report_xlsx
from portal.planning.services import PlanError


class Command(BaseCommand):
    help = "Write the quarterly report on the website's operation (XLSX or PDF) for any quarter."

    def add_arguments(self, parser):
        today = timezone.localdate()
        parser.add_argument("--year", type=int, default=today.year)
        parser.add_argument("--quarter", type=int, default=(today.month - 1) // 3 + 1, choices=[1, 2, 3, 4])
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--output", help="File or folder to write (default: the current folder).")

    def handle(self, *args, year: int, quarter: int, format: str, output: str | None, **options):
        try:
            report = quarterly_report(year=year, quarter=quarter)
        except PlanError as error:
            raise CommandError(str(error)) from error
        target = Path(output or ".")
        if target.is_dir():
            target = target / report_filename(report, format)
        target.write_bytes(report_pdf(report) if format == "pdf" else report_xlsx(report))
        self.stdout.write(f"Wrote {target}")
