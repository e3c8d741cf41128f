"""The provincial portal's admin views: the board (every agency side by side, an agency's dashboard
read-only, the quarterly summary) and the carrying of agencies' items. Each view's right is the
provincial portal's permission policy (permissions.py), checked by Wagtail's PermissionCheckedMixin."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.core.models import AgencySettings
from portal.core.tree import any_subtree_q
from portal.planning.charts import progress_chart, weekly_chart
from portal.planning.selectors import plan_dashboard, plan_for_year

from .charts import board_charts
from .documents import summary_docx, summary_filename, summary_pdf
from .forms import ExportForm, PeriodForm
from .models import ProvincialPortal
from .permissions import CARRY, OVERSEE
from .selectors import (
    BoardError,
    agencies,
    agency_figures,
    board_figures_kept,
    carries_of,
    carry_candidates,
    period_of,
    plan_years,
)
from .services import CarryRefused, carry_destinations, carry_withdraw, item_carry

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ProvinceView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = ProvincialPortal  # whose permission policy decides (PermissionCheckedMixin)
    permission_required = OVERSEE

    def period_form(self) -> PeriodForm:
        form = PeriodForm(self.request.GET or None, initial=PeriodForm.current())
        if form.is_bound and not form.is_valid():
            messages.error(self.request, _("The year or quarter was not understood; showing the current quarter."))
        return form


class BoardView(ProvinceView):
    page_title = gettext_lazy("Provincial board")
    header_icon = "table"
    template_name = "province/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.period_form()
        context |= {"form": form, "years": plan_years(), **form.period_values()}
        try:
            period = period_of(**form.period_values())
        except BoardError as error:
            context["error"] = str(error)
            return context
        rows = board_figures_kept(period)
        return context | {"period": period, "rows": rows, "charts": board_charts(rows)}


class AgencyDashboardView(ProvinceView):
    """An agency's plan dashboard as its own board sees it, read-only: nothing here edits."""

    template_name = "province/agency_dashboard.html"
    header_icon = "view"

    def get_page_title(self):
        return self.agency.name_vi

    def dispatch(self, request, *args, **kwargs):
        self.agency = get_object_or_404(AgencySettings.objects.select_related("site"), pk=kwargs["agency_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.period_form()
        values = form.period_values()
        context |= {"agency": self.agency, "form": form, "years": plan_years(), **values}
        plan = plan_for_year(values["year"], agency_id=self.agency.pk)
        context["plan"] = plan
        if plan is not None:
            board = plan_dashboard(plan)
            context |= {
                "board": board,
                "progress_svg": progress_chart(board.progress),
                "weekly_svg": weekly_chart(board.weeks, band=(plan.weekly_min, plan.weekly_max)),
            }
        try:
            context["figures"] = agency_figures(self.agency, period_of(**values))
        except BoardError as error:
            context["error"] = str(error)
        return context


class SummaryExportView(PermissionCheckedMixin, View):
    model = ProvincialPortal
    permission_required = OVERSEE

    def get(self, request):
        form = ExportForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("Choose a year, a quarter and a format (DOCX or PDF)."))
            return redirect("province_board")
        try:
            period = period_of(year=form.cleaned_data["year"], quarter=form.cleaned_data["quarter"])
        except BoardError as error:
            messages.error(request, str(error))
            return redirect("province_board")
        issuer = AgencySettings.objects.filter(is_province=True).first()
        if issuer is None:
            messages.error(request, _("No agency of this installation is the province's portal."))
            return redirect("province_board")
        rows = board_figures_kept(period)
        extension = form.cleaned_data["format"]
        render, content_type = (summary_pdf, "application/pdf") if extension == "pdf" else (summary_docx, DOCX)
        response = HttpResponse(render(rows, period, issuer=issuer), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, summary_filename(period, extension))
        return response


# --- carrying ------------------------------------------------------------------------------------


class CarryIndexView(ProvinceView):
    permission_required = CARRY
    page_title = gettext_lazy("Agencies' items to carry")
    header_icon = "doc-full"
    template_name = "province/carry.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = (
            AgencySettings.objects.filter(pk=self.request.GET.get("agency") or None).first()
            if ((self.request.GET.get("agency") or "").isdigit())
            else None
        )
        rows, by_language = [], {}
        for item, agency, carry in carry_candidates(agency=chosen):
            if item.locale_id not in by_language:  # the same categories for every item of a language
                by_language[item.locale_id] = carry_destinations(self.request.user, item)
            destinations = [] if carry else by_language[item.locale_id]
            rows.append({"item": item, "agency": agency, "carry": carry, "destinations": destinations})
        return context | {
            "rows": rows,
            "agencies": [agency for agency in agencies() if not agency.is_province],
            "chosen": chosen,
        }


def _back(request, default: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


class CarryView(PermissionCheckedMixin, View):
    model = ProvincialPortal
    permission_required = CARRY

    def post(self, request, page_id: int):
        source = get_object_or_404(Page, pk=page_id)
        destination = None
        if (chosen := request.POST.get("destination", "")).isdigit():
            destination = Page.objects.filter(pk=chosen).first()
        try:
            carry = item_carry(user=request.user, source=source, destination=destination)
        except CarryRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("“%(title)s” is now on the provincial portal, in “%(category)s”.")
                % {"title": carry.title, "category": carry.get_parent().title},
            )
        return _back(request, reverse("province_carry"))


class WithdrawView(PermissionCheckedMixin, View):
    model = ProvincialPortal
    permission_required = CARRY

    def post(self, request, page_id: int):
        carry = get_object_or_404(Page, pk=page_id)
        title = carry.title
        try:
            carry_withdraw(user=request.user, carry=carry)
        except CarryRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("“%(title)s” was withdrawn from the provincial portal.") % {"title": title})
        return _back(request, reverse("province_carry"))


class CarriedReportView(WagtailAdminTemplateMixin, TemplateView):
    """Where the agency's items were carried: for its staff, the items below the pages they may explore."""

    page_title = gettext_lazy("Items carried to the provincial portal")
    header_icon = "doc-full"
    template_name = "province/carried.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The pages the user is given rights on (each language's home of their agency), not their
        # common ancestor, which for two homes is the root of every agency.
        roots = PagePermissionPolicy().instances_with_direct_explore_permission(self.request.user)
        scope = any_subtree_q({page.path for page in roots})
        return context | {"carries": list(carries_of(scope)[:200])}
