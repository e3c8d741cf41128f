import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.core.page_cache import current_generation

from .charts import progress_chart, weekly_chart
from .forms import CalendarForm, CopyForwardForm, ReportForm
from .models import Plan
from .report import quarterly_report, report_filename, report_pdf, report_xlsx
from .selectors import category_lines, editorial_calendar, plan_dashboard, plan_for_year, planning_generation
from .services import PlanError, plan_copy_forward

DASHBOARD_PERMISSION = "planning.view_dashboard"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def dashboard_cache_key(plan: Plan, *, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"planning:dashboard:{plan.pk}:{today}:{get_language()}:{current_generation()}:{planning_generation()}"


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
        "sections": figure_sections(start=board.start, end=board.end),
        "computed_at": timezone.now(),
        "refresh_minutes": max(1, seconds // 60),
    }
    if seconds:
        cache.set(key, context, seconds)
    return context


def warm_dashboards(*, today: dt.date | None = None) -> int:
    """Work out this year's dashboard figures ahead of the board, in each language of the admin,
    where they are not kept yet (after a publication or a change to the plans): the scheduler's
    job, where the cache is shared with the web servers (Redis). Returns how many it worked out."""
    plan = plan_for_year((today or timezone.localdate()).year)
    if plan is None or not settings.DASHBOARD_CACHE_SECONDS:
        return 0
    worked_out = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if cache.get(dashboard_cache_key(plan, today=today)) is None:
                dashboard_context(plan, today=today)
                worked_out += 1
    return worked_out


def dashboard_view(request):
    _require(request, DASHBOARD_PERMISSION)
    year = _year(request)
    plan = plan_for_year(year)
    context = {
        "page_title": _("Plan dashboard"),
        "header_title": _("Plan dashboard"),
        "header_icon": "table",
        "year": year,
        "plans": list(Plan.objects.values_list("year", flat=True)),
        "plan": plan,
    }
    if plan is not None:
        context |= dashboard_context(plan)
    return render(request, "planning/dashboard.html", context)


def calendar_view(request):
    _require(request, DASHBOARD_PERMISSION)
    today = timezone.localdate()
    plan = plan_for_year(today.year)
    lines = category_lines(plan) if plan else []
    categories = [line.category for line in lines if line.category is not None]
    form = CalendarForm(request.GET or None, categories=categories)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters were not understood; showing this week for everything."))
    start = form.week_start()
    end = start + dt.timedelta(days=6)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    days = editorial_calendar(plan, start=start, end=end, category=data.get("category"), unit=data.get("unit"))
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
            "start": start,
            "end": end,
            "counts": counts,
            "previous_week": (start - dt.timedelta(days=7)).isoformat(),
            "next_week": (start + dt.timedelta(days=7)).isoformat(),
            "filters": query.urlencode(),
        },
    )


def report_view(request):
    _require(request, DASHBOARD_PERMISSION)
    today = timezone.localdate()
    initial = {"year": today.year, "quarter": (today.month - 1) // 3 + 1, "format": "pdf"}
    form = ReportForm(request.GET or None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            report = quarterly_report(year=form.cleaned_data["year"], quarter=form.cleaned_data["quarter"])
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            if form.cleaned_data["format"] == "xlsx":
                content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                response = HttpResponse(report_xlsx(report), content_type=content_type)
                name = report_filename(report, "xlsx")
            else:
                response = HttpResponse(report_pdf(report), content_type="application/pdf")
                name = report_filename(report, "pdf")
            response["Content-Disposition"] = content_disposition_header(True, name)
            return response
    return render(
        request,
        "planning/report_form.html",
        {
            "page_title": _("Quarterly report"),
            "header_title": _("Quarterly report"),
            "header_icon": "doc-full",
            "form": form,
        },
    )


def copy_forward_view(request, pk: int):
    _require(request, "planning.add_plan")
    source = get_object_or_404(Plan, pk=pk)
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
