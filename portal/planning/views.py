import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .agencies import all_agencies, request_agency, user_agency
from .charts import progress_chart, weekly_chart
from .forms import CalendarForm, CopyForwardForm, DocumentFormatForm, NarrativeForm, ReportForm
from .models import Plan, ReportNarrative
from .publishing import publications_generation
from .report import (
    narrative_for,
    plan_docx,
    plan_filename,
    plan_pdf,
    quarterly_report,
    report_docx,
    report_filename,
    report_pdf,
    report_xlsx,
)
from .selectors import (
    anniversaries_between,
    category_lines,
    editorial_calendar,
    plan_dashboard,
    plan_for_year,
    planning_generation,
)
from .services import PlanError, plan_copy_forward

DASHBOARD_PERMISSION = "planning.view_dashboard"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _own_plan(request, pk: int) -> Plan:
    """A plan of the user's own agency (any agency's for someone of none, a superuser); another's is not found."""
    agency = user_agency(request.user)
    return get_object_or_404(Plan, pk=pk, **({"agency": agency} if agency is not None else {}))


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def dashboard_cache_key(plan: Plan, *, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"planning:dashboard:{plan.pk}:{today}:{get_language()}:{publications_generation()}:{planning_generation()}"


def dashboard_context(plan: Plan, *, today: dt.date | None = None) -> dict:
    """The dashboard's figures, kept in the cache for DASHBOARD_CACHE_SECONDS: they sum up the year,
    so they are worked out again after a publication or a change to the plans, or when that time
    is over (for the Q&A, applications and royalty figures, which change without a publication)."""
    from portal.core.figures import figure_sections

    seconds = settings.DASHBOARD_CACHE_SECONDS
    key = dashboard_cache_key(plan, today=today)
    today = today or timezone.localdate()
    if seconds and (cached := cache.get(key)) is not None:
        return cached
    board = plan_dashboard(plan, today=today)
    context = {
        "board": board,
        "weekly_svg": weekly_chart(board.weeks, band=(plan.weekly_min, plan.weekly_max)),
        "progress_svg": progress_chart(board.progress),
        "sections": figure_sections(start=board.start, end=board.end, agency=plan.agency),
        "computed_at": timezone.now(),
        "refresh_minutes": max(1, seconds // 60),
    }
    if seconds:
        cache.set(key, context, seconds)
    return context


def warm_dashboards(*, today: dt.date | None = None) -> int:
    """Work out this year's dashboard figures ahead of the board, in each language of the admin,
    where they are not kept yet (after a publication or a change to the plans): the scheduler's
    job, where the cache is shared with the web servers (Redis), for every agency's plan. Returns how
    many it worked out."""
    if not settings.DASHBOARD_CACHE_SECONDS:
        return 0
    year = (today or timezone.localdate()).year
    worked_out = 0
    for agency in all_agencies():
        plan = plan_for_year(year, agency=agency)
        if plan is None:
            continue
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                if cache.get(dashboard_cache_key(plan, today=today)) is None:
                    dashboard_context(plan, today=today)
                    worked_out += 1
    return worked_out


def dashboard_view(request):
    _require(request, DASHBOARD_PERMISSION)
    year = _year(request)
    agency = request_agency(request)
    plan = plan_for_year(year, agency=agency)
    context = {
        "page_title": _("Plan dashboard"),
        "header_title": _("Plan dashboard"),
        "header_icon": "table",
        "year": year,
        "plans": list(Plan.objects.filter(agency=agency).values_list("year", flat=True)),
        "plan": plan,
    }
    if plan is not None:
        figures = dashboard_context(plan)
        context |= figures | {"figures_html": dashboard_figures_html(plan, figures)}
    return render(request, "planning/dashboard.html", context)


def dashboard_figures_html(plan: Plan, figures: dict) -> str:
    """The figures' tables and charts, rendered once for the figures kept (most of the dashboard's
    time at 100,000 items went to rendering them on every request); the same for every reader."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    key = f"{dashboard_cache_key(plan)}:html:{figures['computed_at'].timestamp()}"
    if seconds and (kept := cache.get(key)) is not None:
        return mark_safe(kept)  # noqa: S308 - rendered below from the template
    html = render_to_string("planning/includes/dashboard_figures.html", {"plan": plan, **figures})
    if seconds:
        cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - rendered from the template


def calendar_view(request):
    _require(request, DASHBOARD_PERMISSION)
    today = timezone.localdate()
    agency = request_agency(request)
    plan = plan_for_year(today.year, agency=agency)
    lines = category_lines(plan) if plan else []
    form = CalendarForm(request.GET or None, lines=lines, agency=agency)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters were not understood; showing this week for everything."))
    start = form.week_start()
    end = start + dt.timedelta(days=6)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    days = editorial_calendar(
        plan, start=start, end=end, category=data.get("category"), unit=data.get("unit"), agency=agency
    )
    anniversaries = {day: [] for day in days}  # the agency's round anniversaries of the week, on their day
    for entry in anniversaries_between(start=start, end=end, agency=agency):
        anniversaries[entry.on].append(entry)
    counts = {"scheduled": 0, "in_review": 0, "published": 0}
    for entries in days.values():
        for entry in entries:
            counts[entry.state] += 1
    query = request.GET.copy()
    query.pop("week", None)
    return render(
        request,
        "planning/calendar.html",
        {
            "page_title": _("Editorial calendar"),
            "header_title": _("Editorial calendar"),
            "header_icon": "date",
            "form": form,
            "days": days,
            "week": [(day, entries, anniversaries[day]) for day, entries in days.items()],
            "start": start,
            "end": end,
            "counts": counts,
            "previous_week": (start - dt.timedelta(days=7)).isoformat(),
            "next_week": (start + dt.timedelta(days=7)).isoformat(),
            "filters": query.urlencode(),
        },
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EDIT_TEXTS_PERMISSION = "planning.change_plan"  # the secretariat writes the texts beside the figures


def _attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _narrative_form(request, narrative):
    """The texts' form for whoever may edit them (None for the others); saved on POST."""
    if not request.user.has_perm(EDIT_TEXTS_PERMISSION):
        if request.method == "POST":
            raise PermissionDenied
        return None, False
    form = NarrativeForm(request.POST if request.method == "POST" else None, instance=narrative)
    if request.method == "POST" and form.is_valid():
        narrative = form.save(commit=False)
        narrative.updated_by = request.user
        narrative.save()
        messages.success(request, _("The texts of the document were saved."))
        return form, True
    return form, False


def report_view(request):
    _require(request, DASHBOARD_PERMISSION)
    today = timezone.localdate()
    initial = {"year": today.year, "quarter": (today.month - 1) // 3 + 1}
    form = ReportForm(request.GET or None, initial=initial)
    context = {
        "page_title": _("Quarterly report"),
        "header_title": _("Quarterly report"),
        "header_icon": "doc-full",
        "form": form,
    }
    if form.is_bound and form.is_valid():
        year, quarter, kind = form.cleaned_data["year"], form.cleaned_data["quarter"], form.cleaned_data["format"]
        try:
            report = quarterly_report(year=year, quarter=quarter, agency=request_agency(request))
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            if kind == "xlsx":
                return _attachment(report_xlsx(report), XLSX, report_filename(report, "xlsx"))
            if kind == "docx":
                return _attachment(report_docx(report), DOCX, report_filename(report, "docx"))
            if kind == "pdf":
                return _attachment(report_pdf(report), "application/pdf", report_filename(report, "pdf"))
            narrative_form, saved = _narrative_form(request, narrative_for(report.plan, quarter))
            if saved:
                return redirect(request.get_full_path())
            query = f"?year={year}&quarter={quarter}&format="
            context.update(
                report=report,
                narrative_form=narrative_form,
                downloads=[(label, f"{query}{kind}") for kind, label in ReportForm.FORMATS],
                plan_document_url=reverse("planning_plan_document", args=[report.plan.pk]),
            )
    return render(request, "planning/report_form.html", context)


def plan_document_view(request, pk: int):
    _require(request, DASHBOARD_PERMISSION)
    plan = _own_plan(request, pk)
    download = DocumentFormatForm(request.GET)
    if download.is_valid():
        if download.cleaned_data["format"] == "docx":
            return _attachment(plan_docx(plan), DOCX, plan_filename(plan, "docx"))
        return _attachment(plan_pdf(plan), "application/pdf", plan_filename(plan, "pdf"))
    narrative_form, saved = _narrative_form(request, narrative_for(plan, ReportNarrative.PLAN_DOCUMENT))
    if saved:
        return redirect(request.path)
    title = _("The plan of %(year)s as a document") % {"year": plan.year}
    return render(
        request,
        "planning/plan_document.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "doc-full",
            "plan": plan,
            "narrative_form": narrative_form,
            "downloads": [("DOCX", "?format=docx"), ("PDF", "?format=pdf")],
        },
    )


def copy_forward_view(request, pk: int):
    _require(request, "planning.add_plan")
    source = _own_plan(request, pk)
    form = CopyForwardForm(request.POST or None, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_copy_forward(source=source, year=form.cleaned_data["year"], user=request.user)
        except PlanError as error:
            form.add_error("year", str(error))
        else:
            messages.success(
                request,
                _("The plan of %(year)s was copied from %(source)s.") % {"year": plan.year, "source": source.year},
            )
            return redirect(reverse("plans:edit", args=[plan.pk]))
    return render(
        request,
        "planning/copy_forward.html",
        {
            "page_title": _("Copy the plan to a new year"),
            "header_title": _("Copy the plan to a new year"),
            "header_icon": "copy",
            "form": form,
            "source": source,
        },
    )
