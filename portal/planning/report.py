"""The quarterly operations report (IV.1: "định kỳ hàng quý tổng hợp báo cáo tình hình vận hành") and the year's plan.

One function gathers the figures (`quarterly_report`, from the dashboard's selectors); the report
is a workbook (XLSX with openpyxl) and a formal document in the form of Decree 30/2020/NĐ-CP
(DOCX and PDF through portal.formaldocs), where the figures sit between the texts the secretariat
keeps in a ReportNarrative. The year's plan is a formal document the same way (`plan_document`).
The admin view and the `plan_report` command call these. Both are in Vietnamese, as the agency
files them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from io import BytesIO

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from portal.core.figures import FigureSection, figure_sections
from portal.core.models import AgencySettings
from portal.core.spreadsheets import text_cells
from portal.core.templatetags.portal_tags import money
from portal.formaldocs import FormalDocument, Signer, agency_heading, number_and_symbol, render_docx, render_pdf
from portal.operations.models import site_incidents
from portal.visits.selectors import most_visited_pages, visits_per_month, visits_total

from .charts import weekly_chart
from .models import Plan, ReportNarrative
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
    visits: int  # the page views of the agency's site
    visits_by_month: list[tuple[dt.date, int]]
    top_pages: list[tuple[str, int]]
    incidents: int  # the server errors of the agency's site (the default site's: also those of no site)
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


def quarterly_report(
    *, year: int, quarter: int, today: dt.date | None = None, agency: AgencySettings | None = None
) -> QuarterlyReport:
    """The quarter's report of `agency` (the default site's unless named), from its plan of `year`."""
    if quarter not in (1, 2, 3, 4):
        raise PlanError(_("Choose a quarter from 1 to 4."))
    plan = plan_for_year(year, agency=agency)
    if plan is None:
        raise PlanError(_("There is no plan for %(year)s.") % {"year": year})
    today = today or timezone.localdate()
    start, quarter_end = quarter_bounds(year, quarter)
    if today < start:
        raise PlanError(_("The quarter has not begun yet."))
    end = min(quarter_end, today)
    lines = category_lines(plan)
    queries = ItemQueries(plan.agency)
    year_to_end = category_progress(plan, today=end, lines=lines, queries=queries)
    if quarter > 1:
        before = category_progress(plan, today=start - dt.timedelta(days=1), lines=lines, queries=queries)
        earlier = {id(entry.line): entry.count for entry in before}
    else:
        earlier = {}
    categories = [CategoryQuarter(entry, entry.count - earlier.get(id(entry.line), 0)) for entry in year_to_end]
    per_day_and_unit = items_per_day_and_unit(start=start, end=end, queries=queries)
    months, units = unit_contributions(plan, start=start, end=end, per_day_and_unit=per_day_and_unit)
    period_end = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    site_id = plan.agency.site_id  # visits are counted per site: the agency's own
    per_month = visits_per_month(start=start, end=end, site_id=site_id)
    # Server errors are counted per site as well: those of requests to the agency's own site (an incident of
    # no site, from before sites were kept, is the default site's).
    incidents = site_incidents(plan.agency.site).filter(
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
        agency_name=plan.agency.name_vi,
        categories=categories,
        weeks=weekly_frequency(plan, start=start, end=end, per_day_and_unit=per_day_and_unit),
        deadlines=deadline_summary(
            plan, start=start, end=end, now=min(timezone.now(), period_end), lines=lines, queries=queries
        ),
        months=months,
        units=units,
        key_tasks=key_task_states(plan, today=end),
        sections=figure_sections(start=start, end=end, agency=plan.agency),
        visits=visits_total(start=start, end=end, site_id=site_id),
        visits_by_month=[(month, per_month.get((month.year, month.month), 0)) for month in months],
        top_pages=most_visited_pages(start=start, end=end, site_id=site_id),
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


# --- The formal documents (Decree 30/2020/NĐ-CP) ---------------------------------------------

ROMAN = ("", "I", "II", "III", "IV")
NARRATIVE_CARRIED = ("recipients", "archive", "signer_authority", "signer_title", "signer_name")
_ROMAN_HEADING = re.compile(r"^[IVXL]+\.\s")


def narrative_for(plan: Plan, quarter: int) -> ReportNarrative:
    """The texts of a document; a new one starts with the recipients, filing and signer of the last one written."""
    narrative = ReportNarrative.objects.filter(plan=plan, quarter=quarter).first()
    if narrative is not None:
        return narrative
    narrative = ReportNarrative(plan=plan, quarter=quarter)
    written = ReportNarrative.objects.order_by("-plan__year", "-updated_at")
    same_kind = written.filter(quarter__gt=0) if quarter else written.filter(quarter=ReportNarrative.PLAN_DOCUMENT)
    previous = same_kind.first()
    if previous is not None:
        narrative.symbol = previous.symbol
    previous = previous or written.first()
    if previous is not None:
        for name in NARRATIVE_CARRIED:
            setattr(narrative, name, getattr(previous, name))
    return narrative


def text_blocks(text: str) -> list[dict]:
    """One paragraph a line; a line in capitals, or starting with a Roman numeral ("II. "), is a heading."""
    blocks = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        capitals = line == line.upper() and " " in line and any(char.isalpha() for char in line)
        kind = "heading" if capitals or _ROMAN_HEADING.match(line) else "paragraph"
        blocks.append({"type": kind, "text": line})
    return blocks


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _heading(text: str, level: int = 1) -> dict:
    return {"type": "heading", "text": text, "level": level}


def _paragraph(text: str, **style) -> dict:
    return {"type": "paragraph", "text": text, **style}


def _signer(narrative: ReportNarrative) -> Signer | None:
    if not (narrative.signer_title or narrative.signer_name):
        return None
    return Signer(authority=narrative.signer_authority, title=narrative.signer_title, name=narrative.signer_name)


def _document(
    plan: Plan, narrative: ReportNarrative, *, kind: str, symbol: str, date: dt.date | None = None, **fields
) -> FormalDocument:
    return FormalDocument(
        **agency_heading(REPORT_LANGUAGE, plan.agency),
        number=number_and_symbol(narrative.number or None, narrative.symbol or symbol),
        date=narrative.issued_on or date or timezone.localdate(),
        kind=kind,
        recipients=narrative.recipients.splitlines(),
        archive=narrative.archive,
        signer=_signer(narrative),
        language=REPORT_LANGUAGE,
        **fields,
    )


def _default_symbol(kind: str, plan: Plan) -> str:
    agency = plan.agency.symbol
    return f"{kind}-{agency}" if agency else kind


def quarterly_document(report: QuarterlyReport, narrative: ReportNarrative | None = None) -> FormalDocument:
    """The quarterly report as the agency files it: the secretariat's texts around the dashboard's figures."""
    narrative = narrative or narrative_for(report.plan, report.quarter)
    deadlines = report.deadlines
    with translation.override(REPORT_LANGUAGE):
        body = text_blocks(narrative.opening)
        body.append(_heading(_("I. RESULTS IN THE QUARTER")))
        period = _("Quarter %(quarter)s/%(year)s") % {"quarter": report.quarter, "year": report.year}
        body.append(_paragraph(f"{period} ({_date(report.start)} - {_date(report.end)}). {_('Plan')}: {report.plan}."))
        if not report.complete:
            body.append(_paragraph(f"{_('The quarter is not over: figures up to')} {_date(report.end)}.", italic=True))

        body.append(_heading("1. " + _("Items published by category, against the plan"), 2))
        body.append(
            {
                "type": "table",
                "header": [
                    [
                        pgettext("report column", "No."),
                        pgettext("report column", "Category"),
                        pgettext("report column", "Yearly quantity"),
                        pgettext("report column", "Quarter's share"),
                        pgettext("report column", "Published in the quarter"),
                        pgettext("report column", "Published this year"),
                        pgettext("report column", "Status"),
                    ]
                ],
                "rows": [
                    [
                        entry.line.number,
                        entry.line.title,
                        entry.line.quantity_text or "—",
                        entry.quarter_target or "—",
                        _count(entry.in_quarter),
                        _count(entry.progress.count),
                        str(entry.progress.status_label),
                    ]
                    for entry in report.categories
                ],
                "widths": [1.1, 4.4, 2.6, 1.7, 1.9, 1.9, 2.0],
            }
        )

        body.append(_heading("2. " + _("Contributions by unit"), 2))
        body.append(
            {
                "type": "table",
                "header": [
                    [
                        pgettext("report column", "Unit"),
                        pgettext("report column", "Minimum a month"),
                        *[month.strftime("%m/%Y") for month in report.months],
                        pgettext("report column", "Total"),
                    ]
                ],
                "rows": [
                    [row.unit.name_vi, row.monthly_minimum or "—", *map(_count, row.counts), _count(row.total)]
                    for row in report.units
                ],
            }
        )

        body.append(_heading("3. " + _("Weekly frequency"), 2))
        body.append(
            _paragraph(
                _(
                    "%(total)s items published; %(within)s of %(weeks)s full weeks within the band of "
                    "%(low)s-%(high)s updates a week."
                )
                % {
                    "total": _count(report.published_in_quarter),
                    "within": report.weeks_within,
                    "weeks": len(report.judged_weeks),
                    "low": report.plan.weekly_min,
                    "high": report.plan.weekly_max,
                }
            )
        )

        body.append(_heading("4. " + _("Deadlines"), 2))
        body.append(
            _paragraph(
                _(
                    "%(measured)s items measured against a deadline: %(on_time)s on time, %(late)s late; "
                    "%(overdue)s overdue and not yet published."
                )
                % {
                    "measured": deadlines.measured,
                    "on_time": deadlines.on_time,
                    "late": deadlines.late_count,
                    "overdue": deadlines.overdue_count,
                }
            )
        )
        if deadlines.late:
            body.append(
                {
                    "type": "table",
                    "header": [
                        [
                            pgettext("report column", "Item"),
                            pgettext("report column", "Category"),
                            pgettext("report column", "Unit"),
                            pgettext("report column", "Due"),
                            pgettext("report column", "Published"),
                            pgettext("report column", "Working days late"),
                        ]
                    ],
                    "rows": [
                        [
                            item.title,
                            f"{item.line.number}. {item.line.title}",
                            item.unit.name_vi if item.unit else "—",
                            _date(timezone.localtime(item.deadline - dt.timedelta(seconds=1)).date()),
                            _date(timezone.localtime(item.published).date()) if item.published else _("not published"),
                            f"{item.working_days_late:g}",
                        ]
                        for item in deadlines.late
                    ],
                }
            )

        body.append(_heading("5. " + _("Key tasks"), 2))
        body.append(
            {
                "type": "table",
                "header": [
                    [
                        pgettext("report column", "No."),
                        pgettext("report column", "Task"),
                        pgettext("report column", "Time"),
                        pgettext("report column", "Unit"),
                        pgettext("report column", "Status"),
                    ]
                ],
                "rows": [
                    [
                        state.task.number,
                        state.task.content,
                        state.task.period_text,
                        state.task.unit_text,
                        str(state.task.get_status_display()) + (f" ({_('overdue')})" if state.overdue else ""),
                    ]
                    for state in report.key_tasks
                ],
                "widths": [1.1, 7.5, 2.4, 2.6, 2.0],
            }
        )

        number = 5
        for section in report.sections:
            number += 1
            body.append(_heading(f"{number}. {section.title}", 2))
            body.append(
                {
                    "type": "table",
                    "header": [
                        [
                            pgettext("report column", "Figure"),
                            pgettext("report column", "Value"),
                            pgettext("report column", "Target"),
                            pgettext("report column", "Met"),
                        ]
                    ],
                    "rows": [
                        [
                            str(figure.label),
                            str(figure.value),
                            str(figure.target or "—"),
                            "—" if figure.ok is None else (_("yes") if figure.ok else _("no")),
                        ]
                        for figure in section.figures
                    ],
                }
            )

        body.append(_heading(f"{number + 1}. {_('Budget')}", 2))
        budget_rows = [[line.label, money(line.amount)] for line in report.plan.budget_lines.all()]
        body.append(
            {
                "type": "table",
                "header": [[pgettext("report column", "Budget item"), pgettext("report column", "Amount")]],
                "rows": [*budget_rows, [_("Budget of the plan"), money(report.budget_planned)]],
                "widths": [12.0, 3.5],
            }
        )

        body.append(_heading(f"{number + 2}. {_('Visits')}", 2))
        body.append(
            _paragraph(
                _(
                    "%(visits)s page views in the quarter, counted by the portal itself "
                    "(no cookies, no third-party scripts)."
                )
                % {"visits": _count(report.visits)}
            )
        )
        body.append(
            {
                "type": "table",
                "header": [[pgettext("report column", "Month"), pgettext("report column", "Page views")]],
                "rows": [[month.strftime("%m/%Y"), _count(views)] for month, views in report.visits_by_month],
            }
        )
        if report.top_pages:
            body.append(
                {
                    "type": "table",
                    "header": [
                        [pgettext("report column", "Most visited pages"), pgettext("report column", "Page views")]
                    ],
                    "rows": [[path, _count(views)] for path, views in report.top_pages],
                }
            )

        body.append(_heading(f"{number + 3}. {_('Technical incidents')}", 2))
        incidents = ngettext(
            "%(counter)s server error in the quarter.",
            "%(counter)s server errors in the quarter.",
            report.incidents,
        ) % {"counter": report.incidents}
        body.append(_paragraph(incidents))
        if report.incidents_by_error:
            body.append(
                {
                    "type": "table",
                    "header": [[pgettext("report column", "Error"), pgettext("report column", "Occurrences")]],
                    "rows": [[error or "—", count] for error, count in report.incidents_by_error],
                }
            )

        if narrative.closing.strip():
            closing = text_blocks(narrative.closing)
            if closing[0]["type"] != "heading":
                body.append(_heading(_("II. ASSESSMENT AND PROPOSALS")))
            body += closing

        return _document(
            report.plan,
            narrative,
            kind=pgettext("document kind", "Report"),
            symbol=_default_symbol("BC", report.plan),
            summary=_("The operation of the website in quarter %(quarter)s of %(year)s")
            % {"quarter": ROMAN[report.quarter], "year": report.year},
            body=body,
            filename=report_filename(report, "").rstrip("."),
        )


def report_docx(report: QuarterlyReport) -> bytes:
    return render_docx(quarterly_document(report))


def report_pdf(report: QuarterlyReport) -> bytes:
    return render_pdf(quarterly_document(report))


def plan_filename(plan: Plan, extension: str) -> str:
    return f"ke-hoach-trang-ttdt-{plan.year}.{extension}"


def plan_document(plan: Plan, narrative: ReportNarrative | None = None) -> FormalDocument:
    """The year's plan as the agency issues it: the secretariat's text, the key tasks, Appendices I and II."""
    narrative = narrative or narrative_for(plan, ReportNarrative.PLAN_DOCUMENT)
    with translation.override(REPORT_LANGUAGE):
        body = text_blocks(narrative.opening)
        tasks = list(plan.key_tasks.all())
        if tasks:
            body.append(_heading(_("KEY TASKS")))
            body.append(
                {
                    "type": "table",
                    "header": [
                        [
                            pgettext("report column", "No."),
                            pgettext("report column", "Task"),
                            pgettext("report column", "Time"),
                            pgettext("report column", "Unit in charge"),
                        ]
                    ],
                    "rows": [[task.number, task.content, task.period_text, task.unit_text] for task in tasks],
                    "widths": [1.1, 9.0, 2.6, 2.8],
                }
            )
        body += text_blocks(narrative.closing)
        kind = pgettext("document kind", "Plan")
        # "Kế hoạch hoạt động của ..." under "KẾ HOẠCH" reads "Hoạt động của ...", as the plan itself is written.
        summary = plan.title or str(plan.year)
        if summary.lower().startswith(kind.lower() + " "):
            summary = summary[len(kind) + 1 :]
            summary = summary[:1].upper() + summary[1:]
        document = _document(
            plan,
            narrative,
            kind=kind,
            symbol=_default_symbol("KH", plan),
            date=plan.issued_on,
            summary=summary,
            body=body,
            filename=plan_filename(plan, "").rstrip("."),
        )
        attached = _("(Attached to the plan No. %(number)s of %(date)s of %(issuer)s)") % {
            "number": document.number,
            "date": _date(document.date),
            "issuer": plan.agency.name_vi,
        }
        rows = list(plan.rows.all())
        document.annexes_landscape = True  # Appendix I has six columns of text
        document.annexes = [
            _heading(_("APPENDIX I"), 1) | {"align": "center"},
            _paragraph(attached, italic=True, align="center"),
            {
                "type": "table",
                "header": [
                    [
                        pgettext("report column", "Category"),
                        pgettext("report column", "Content"),
                        pgettext("report column", "Quantity"),
                        pgettext("report column", "Sources"),
                        pgettext("report column", "Deadline"),
                        pgettext("report column", "Editor"),
                    ]
                ],
                "rows": [
                    [
                        f"{row.number}. {row.title}".strip(". "),
                        row.content,
                        row.quantity_text,
                        row.sources_text,
                        row.deadline_text,
                        row.editor_text,
                    ]
                    for row in rows
                ],
                "widths": [4.2, 7.6, 2.6, 3.8, 4.0, 3.0],
            },
        ]
        lines = list(plan.budget_lines.all())
        if lines:
            document.annexes += [
                {"type": "page_break"},
                _heading(_("APPENDIX II"), 1) | {"align": "center"},
                _paragraph(attached, italic=True, align="center"),
                {
                    "type": "table",
                    "header": [
                        [
                            pgettext("report column", "No."),
                            pgettext("report column", "Budget item"),
                            pgettext("report column", "Calculation"),
                            pgettext("report column", "Amount"),
                        ]
                    ],
                    "rows": [
                        *[
                            [
                                str(index),
                                line.label,
                                f"{_count(line.quantity)} × {money(line.unit_amount)}",
                                money(line.amount),
                            ]
                            for index, line in enumerate(lines, start=1)
                        ],
                        ["", pgettext("report column", "Total"), "", money(sum(line.amount for line in lines))],
                    ],
                    "widths": [1.1, 8.0, 3.6, 3.0],
                },
            ]
        return document


def plan_docx(plan: Plan) -> bytes:
    return render_docx(plan_document(plan))


def plan_pdf(plan: Plan) -> bytes:
    return render_pdf(plan_document(plan))
