from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.planning.report import (
    plan_docx,
    plan_filename,
    plan_pdf,
    quarterly_report,
    report_docx,
    report_filename,
    report_pdf,
    report_xlsx,
)
from portal.planning.selectors import plan_for_year
from portal.planning.services import PlanError
from portal.units.agencies import UnknownAgency, agency_by_code


class Command(BaseCommand):
    help = (
        "Write the quarterly report on the website's operation (DOCX or PDF in the form of Decree 30/2020, or XLSX) "
        "for any quarter, or with --plan the year's plan as a document."
    )

    def add_arguments(self, parser):
        today = timezone.localdate()
        parser.add_argument("--year", type=int, default=today.year)
        parser.add_argument("--quarter", type=int, default=(today.month - 1) // 3 + 1, choices=[1, 2, 3, 4])
        parser.add_argument("--plan", action="store_true", help="The year's plan instead of a quarterly report.")
        parser.add_argument("--format", choices=["pdf", "docx", "xlsx"], default="pdf")
        parser.add_argument("--output", help="File or folder to write (default: the current folder).")
        parser.add_argument("--agency", help="The agency's code (default: the default site's agency).")

    def handle(self, *args, year: int, quarter: int, plan: bool, format: str, output: str | None, **options):
        target = Path(output or ".")
        agency = None
        if options.get("agency"):
            try:
                agency = agency_by_code(options["agency"])
            except UnknownAgency as error:
                raise CommandError(str(error)) from error
        if plan:
            if format == "xlsx":
                raise CommandError("The plan is written as DOCX or PDF.")
            the_plan = plan_for_year(year, agency=agency)
            if the_plan is None:
                raise CommandError(f"There is no plan for {year}.")
            name, data = plan_filename(the_plan, format), (plan_pdf if format == "pdf" else plan_docx)(the_plan)
        else:
            try:
                report = quarterly_report(year=year, quarter=quarter, agency=agency)
            except PlanError as error:
                raise CommandError(str(error)) from error
            render = {"pdf": report_pdf, "docx": report_docx, "xlsx": report_xlsx}[format]
            name, data = report_filename(report, format), render(report)
        if target.is_dir():
            target = target / name
        target.write_bytes(data)
        self.stdout.write(f"Wrote {target}")
