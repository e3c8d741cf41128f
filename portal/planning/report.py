"""The quarterly operations report (IV.1: "định kỳ hàng quý tổng hợp báo cáo tình hình vận hành").

One function gathers the figures (`quarterly_report`); two render them (XLSX with openpyxl, PDF
with WeasyPrint). The admin view and the `plan_report` command both call them. The report is
in Vietnamese, as the agency files it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.core.figures import FigureSection, figure_sections
from portal.core.models import AgencySettings
from portal.core.spreadsheets import text_cells
from portal.visits.selectors import most_visited_pages, visits_per_month, visits_total

from .charts import weekly_chart
from .models import Incident, Plan
from .selectors import (
    CategoryProgress,
    DeadlineSummary,
    ItemQueries,
    KeyTaskState,
    UnitMonths,
    WeekCount,
    category_lines,
    category_progress,
    deadline_summary,
    items_per_day_and_unit,
    key_task_states,
    plan_for_year,
    quarter_bounds,
    unit_contributions,
    weekly_frequency,
)
from .services import PlanError

REPORT_LANGUAGE = "vi"


@dataclass
class CategoryQuarter:
    progress: CategoryProgress  # the year up to the quarter's end
    in_quarter: int

    @property
    def line(self):
        return self.progress.line

    @property
    def quarter_target(self) -> str:
        low, high = self.line.quantity_min, self.line.quantity_max
        if low is None:
            return ""
        if high is None or round(high / 4) == round(low / 4):
            return str(round(low / 4))
        return f"{round(low / 4)}-{round(high / 4)}"


@dataclass
class QuarterlyReport:
    plan: Plan
    year: int
    quarter: int
    start: dt.date
    end: dt.date
    complete: bool  # False: the quarter is not over, figures run to `end`
    generated_at: dt.datetime
    agency_name: str
    categories: list[CategoryQuarter]
    weeks: list[WeekCount]
    deadlines: DeadlineSummary
    months: list[dt.date]
    units: list[UnitMonths]
    key_tasks: list[KeyTaskState]
    sections: list[FigureSection]
    visits: int
    visits_by_month: list[tuple[dt.date, int]]
    top_pages: list[tuple[str, int]]
    incidents: int
    incidents_by_error: list[tuple[str, int]]

    @property
    def published_in_quarter(self) -> int:
        return sum(week.count for week in self.weeks)

    @property
    def judged_weeks(self) -> list[WeekCount]:
        return [week for week in self.weeks if not week.partial]

    @property
    def weeks_within(self) -> int:
        return sum(1 for week in self.judged_weeks if week.status == "within")

    @property
    def weeks_below(self) -> int:
        return sum(1 for week in self.judged_weeks if week.status == "below")

    @property
    def weeks_above(self) -> int:
        return sum(1 for week in self.judged_weeks if week.status == "above")

    @property
    def budget_planned(self) -> int:
        return self.plan.budget

    @property
    def weekly_chart(self):
        return weekly_chart(self.weeks, band=(self.plan.weekly_min, self.plan.weekly_max), chart_id="report-weeks")


def quarterly_report(*, year: int, quarter: int, today: dt.date | None = None) -> QuarterlyReport:
    if quarter not in (1, 2, 3, 4):
        raise PlanError(_("Choose a quarter from 1 to 4."))
    plan = plan_for_year(year)
    if plan is None:
        raise PlanError(_("There is no plan for %(year)s.") % {"year": year})
    today = today or timezone.localdate()
    start, quarter_end = quarter_bounds(year, quarter)
    if today < start:
        raise PlanError(_("The quarter has not begun yet."))
    end = min(quarter_end, today)
    lines = category_lines(plan)
    queries = ItemQueries()
    year_to_end = category_progress(plan, today=end, lines=lines, queries=queries)
    if quarter > 1:
        before = category_progress(plan, today=start - dt.timedelta(days=1), lines=lines, queries=queries)
        earlier = {id(entry.line): entry.count for entry in before}
    else:
        earlier = {}
    categories = [CategoryQuarter(entry, entry.count - earlier.get(id(entry.line), 0)) for entry in year_to_end]
    per_day_and_unit = items_per_day_and_unit(start=start, end=end, queries=queries)
    months, units = unit_contributions(plan, start=start, end=end, per_day_and_unit=per_day_and_unit)
    per_month = visits_per_month(start=start, end=end)
    period_end = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    incidents = Incident.objects.filter(
        occurred_at__gte=timezone.make_aware(dt.datetime.combine(start, dt.time.min)), occurred_at__lt=period_end
    )
    return QuarterlyReport(
        plan=plan,
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        complete=end == quarter_end,
        generated_at=timezone.localtime(),
        agency_name=AgencySettings.load().name_vi,
        categories=categories,
        weeks=weekly_frequency(plan, start=start, end=end, per_day_and_unit=per_day_and_unit),
        deadlines=deadline_summary(
            plan, start=start, end=end, now=min(timezone.now(), period_end), lines=lines, queries=queries
        ),
        months=months,
        units=units,
        key_tasks=key_task_states(plan, today=end),
        sections=figure_sections(start=start, end=end),
        visits=visits_total(start=start, end=end),
        visits_by_month=[(month, per_month.get((month.year, month.month), 0)) for month in months],
        top_pages=most_visited_pages(start=start, end=end),
        incidents=incidents.count(),
        incidents_by_error=list(
            incidents.values("exception")
            .annotate(n=Count("pk"))
            .order_by("-n", "exception")
            .values_list("exception", "n")
        ),
    )


def report_filename(report: QuarterlyReport, extension: str) -> str:
    return f"bao-cao-trang-ttdt-quy-{report.quarter}-{report.year}.{extension}"


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def report_xlsx(report: QuarterlyReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    with translation.override(REPORT_LANGUAGE):
        book = Workbook()
        summary = book.active
        summary.title = _("Overview of the quarter")[:31]

        def sheet(title: str, header: list[str]):
            ws = book.create_sheet(title[:31])
            ws.append(header)
            for cell in ws[1]:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            return ws

        summary.append([_("Quarterly report on the operation of the website")])
        summary["A1"].font = Font(bold=True, size=14)
        summary.append([report.agency_name])
        summary.append([_("Quarter %(quarter)s/%(year)s") % {"quarter": report.quarter, "year": report.year}])
        summary.append([_("Period"), f"{_date(report.start)} - {_date(report.end)}"])
        if not report.complete:
            summary.append([_("The quarter is not over: figures up to"), _date(report.end)])
        summary.append([_("Plan"), str(report.plan)])
        summary.append([])
        rows = [
            (_("Items published on the Vietnamese site"), report.published_in_quarter),
            (
                _("Weeks within the band of %(low)s-%(high)s updates")
                % {"low": report.plan.weekly_min, "high": report.plan.weekly_max},
                report.weeks_within,
            ),
            (_("Weeks below the band"), report.weeks_below),
            (_("Weeks above the band"), report.weeks_above),
            (_("Items measured against a deadline"), report.deadlines.measured),
            (_("Published on time"), report.deadlines.on_time),
            (_("Published late"), report.deadlines.late_count),
            (_("Overdue, not yet published"), report.deadlines.overdue_count),
            (_("Budget of the plan (đồng)"), report.budget_planned),
            (_("Visits (page views)"), report.visits),
            (_("Technical incidents (server errors)"), report.incidents),
        ]
        for label, value in rows:
            summary.append([label, value])
        summary.column_dimensions["A"].width = 60
        summary.column_dimensions["B"].width = 24

        ws = sheet(
            _("Categories"),
            [
                _("No."),
                _("Category"),
                _("Yearly quantity"),
                _("Quarter's share"),
                _("Published in the quarter"),
                _("Published this year"),
                _("Expected by the quarter's end"),
                _("Status"),
                _("Last published"),
            ],
        )
        for entry in report.categories:
            progress = entry.progress
            expected = ""
            if progress.expected_min is not None:
                expected = f"{round(progress.expected_min)}-{round(progress.expected_max or progress.expected_min)}"
            ws.append(
                [
                    entry.line.number,
                    entry.line.title,
                    entry.line.quantity_text,
                    entry.quarter_target,
                    entry.in_quarter,
                    progress.count,
                    expected,
                    str(progress.status_label),
                    _date(timezone.localtime(progress.last_published).date()) if progress.last_published else "",
                ]
            )
        ws.column_dimensions["B"].width = 45

        ws = sheet(
            _("Units"), [_("Unit"), _("Minimum a month"), *[m.strftime("%m/%Y") for m in report.months], _("Total")]
        )
        for row in report.units:
            ws.append([row.unit.name_vi, row.monthly_minimum or "", *row.counts, row.total])
        ws.column_dimensions["A"].width = 45

        ws = sheet(_("Weekly frequency"), [_("Week"), _("From"), _("To"), _("Updates"), _("Against the band")])
        for week in report.weeks:
            ws.append([week.iso_week, _date(week.start), _date(week.end), week.count, str(week.status_label)])

        ws = sheet(
            _("Deadlines missed"),
            [
                _("Item"),
                _("Category"),
                _("Unit"),
                _("Reference date"),
                pgettext("publishing deadline", "Due"),
                pgettext("date", "Published"),
                _("Working days late"),
            ],
        )
        for item in report.deadlines.late:
            reference = item.reference
            reference_day = timezone.localtime(reference).date() if isinstance(reference, dt.datetime) else reference
            ws.append(
                [
                    item.title,
                    f"{item.line.number}. {item.line.title}",
                    item.unit.name_vi if item.unit else "",
                    _date(reference_day),
                    _date(timezone.localtime(item.deadline - dt.timedelta(seconds=1)).date()),
                    _date(timezone.localtime(item.published).date()) if item.published else _("not published"),
                    item.working_days_late,
                ]
            )
        ws.column_dimensions["A"].width = 50

        ws = sheet(
            _("Key tasks"),
            [
                _("No."),
                pgettext("plan key task", "Task"),
                pgettext("plan key task", "Time"),
                _("Unit"),
                _("Status"),
                _("Note"),
            ],
        )
        for state in report.key_tasks:
            task = state.task
            status = str(task.get_status_display()) + (f" ({_('overdue')})" if state.overdue else "")
            ws.append([task.number, task.content, task.period_text, task.unit_text, status, task.note])
        ws.column_dimensions["B"].width = 70

        ws = sheet(
            _("Other domains"), [pgettext("report domain", "Section"), _("Figure"), _("Value"), _("Target"), _("Met")]
        )
        for section in report.sections:
            for figure in section.figures:
                met = "" if figure.ok is None else (_("yes") if figure.ok else _("no"))
                ws.append([str(section.title), str(figure.label), figure.value, str(figure.target), met])

        ws = sheet(_("Visits"), [_("Month"), _("Page views")])
        for month, views in report.visits_by_month:
            ws.append([month.strftime("%m/%Y"), views])
        ws.append([])
        ws.append([_("Most visited pages"), _("Page views")])
        for path, views in report.top_pages:
            ws.append([path, views])
        ws.column_dimensions["A"].width = 60

        ws = sheet(_("Incidents"), [_("Error"), _("Occurrences")])
        for error, count in report.incidents_by_error:
            ws.append([error, count])
    text_cells(book)  # titles, tasks and addresses typed as formulas stay text
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def report_html(report: QuarterlyReport) -> str:
    with translation.override(REPORT_LANGUAGE):
        return render_to_string("planning/report_pdf.html", {"report": report})


def report_pdf(report: QuarterlyReport) -> bytes:
    from weasyprint import HTML

    from portal.news.pdf import LocalFilesFetcher

    return HTML(string=report_html(report), base_url="http://localhost/", url_fetcher=LocalFilesFetcher()).write_pdf()
