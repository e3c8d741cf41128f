"""Royalties in the Wagtail admin. Thin: each view parses its input and calls one service or selector."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied, user_passes_test
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from portal.core.templatetags.portal_tags import money
from portal.planning.agencies import request_agency

from . import exports, selectors, services
from .forms import AdjustForm, AssessmentForm, OpenPeriodForm
from .models import Kind, RoyaltyAssessment, RoyaltyEntry, RoyaltyPeriod
from .permissions import entry_policy, period_policy

# --- The ledger -------------------------------------------------------------------------------


def _visible(policy, request, pk: int, *related: str):
    """The record `pk` if the model's permission policy lets the user see it (their agency's), else 404 as for
    a record that does not exist. One query: the record is read through the policy's own filter."""
    return get_object_or_404(policy.visible_instances(request.user).select_related(*related), pk=pk)


def _readers_periods(request):
    return selectors.periods_of(request_agency(request)) if request is not None else RoyaltyPeriod.objects.none()


class LedgerFilterSet(WagtailFilterSet):
    # The reader's agency's periods only: another agency's is neither offered nor accepted.
    period = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Settled in"), queryset=_readers_periods, empty_label=gettext_lazy("Any")
    )
    settled = django_filters.BooleanFilter(
        label=gettext_lazy("Settled"), field_name="period", lookup_expr="isnull", exclude=True
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind of work"), choices=Kind.choices)
    entry_type = django_filters.ChoiceFilter(label=gettext_lazy("Entry"), choices=RoyaltyEntry.TYPE_CHOICES)
    # Staff look an item up by the words of its title, as they remember it (issue 19).
    title = django_filters.CharFilter(
        label=gettext_lazy("Title contains"), field_name="work__title", lookup_expr="icontains"
    )
    payee_name = django_filters.CharFilter(label=gettext_lazy("Payee"), lookup_expr="icontains")
    accounting_date = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Accounting date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = RoyaltyEntry
        fields = ["title", "period", "settled", "kind", "entry_type", "payee_name", "accounting_date"]


class AdjustColumn(Column):
    cell_template_name = "royalties/ledger_adjust_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_adjust"] = bool(request) and services.can_adjust(request.user)  # perms are cached per request
        context["adjustable"] = instance.entry_type in (RoyaltyEntry.TYPE_ACCRUAL, RoyaltyEntry.TYPE_FEE)
        return context


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class LedgerView(ReportView):
    """Every entry of the reader's agency's ledger, filterable, exportable to XLSX/CSV; for the accountant and
    the board head (the entries' permission policy decides who)."""

    page_title = gettext_lazy("Royalty ledger")
    header_icon = "table"
    model = RoyaltyEntry
    filterset_class = LedgerFilterSet
    index_url_name = "royalties_ledger"
    index_results_url_name = "royalties_ledger_results"
    paginate_by = 50
    list_export = [
        "accounting_date",
        "title",
        "payee_name",
        "get_kind_display",
        "get_entry_type_display",
        "amount",
        "due_on",
        "period",
        "reason",
    ]
    export_headings = {
        "accounting_date": gettext_lazy("Accounting date"),
        "title": gettext_lazy("Work"),
        "payee_name": gettext_lazy("Payee"),
        "get_kind_display": gettext_lazy("Kind of work"),
        "get_entry_type_display": gettext_lazy("Entry"),
        "amount": gettext_lazy("Amount (đồng)"),
        "due_on": gettext_lazy("Due by"),
        "period": gettext_lazy("Settled in"),
        "reason": gettext_lazy("Reason"),
    }

    permission_policy = entry_policy

    def dispatch(self, request, *args, **kwargs):
        if not services.can_view_ledger(request.user):
            return permission_denied(request)  # to the dashboard with a message, as the other royalty views
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"so-nhuan-but-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return selectors.ledger_entries(request_agency(self.request)).order_by("-accounting_date", "-pk")

    @property
    def columns(self):
        return [
            Column("accounting_date", label=_("Date"), accessor=lambda entry: _day(entry.accounting_date)),
            Column("title", label=_("Work")),
            Column("payee_name", label=_("Payee")),
            Column("kind", label=_("Kind of work"), accessor="get_kind_display"),
            Column("entry_type", label=_("Entry"), accessor="get_entry_type_display"),
            Column("amount", label=_("Amount"), accessor=lambda entry: money(entry.amount)),
            Column("due_on", label=_("Due by"), accessor=lambda entry: _day(entry.due_on)),
            Column("period", label=_("Settled in"), accessor=lambda entry: entry.period.label if entry.period else "—"),
            AdjustColumn("adjust", label=_("Actions")),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_adjust"] = services.can_adjust(self.request.user)
        return context

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["accounting_date"], row["due_on"] = _day(item.accounting_date), _day(item.due_on)
        row["period"] = item.period.label if item.period else ""
        return row


@user_passes_test(services.can_adjust)
def adjust(request, pk: int):
    entry = _visible(entry_policy, request, pk, "work", "agency")
    current = services.entry_net(entry)
    form = AdjustForm(request.POST or None, initial={"new_amount": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_adjust(
                entry=entry,
                new_amount=form.cleaned_data["new_amount"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except PermissionDenied:
            return permission_denied(request)
        except services.RoyaltyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The royalty of “%(title)s” for %(payee)s is now %(amount)s.")
                % {"title": entry.title, "payee": entry.payee_name, "amount": money(form.cleaned_data["new_amount"])},
            )
            return redirect("royalties_ledger")
    return TemplateResponse(
        request,
        "royalties/adjust.html",
        {
            "page_title": _("Adjust a royalty"),
            "header_icon": "edit",
            "entry": entry,
            "current": current,
            "corrections": entry.corrections.select_related("created_by").order_by("pk"),
            "form": form,
        },
    )


# --- Periods and payment sheets (of the reader's agency; another agency's: 404) ----------------


@user_passes_test(services.can_view_ledger)
def periods(request):
    agency = request_agency(request)
    today = timezone.localdate()
    form = OpenPeriodForm(
        request.POST or None, initial={"kind": RoyaltyPeriod.KIND_MONTH, "year": today.year, "number": today.month}
    )
    if request.method == "POST":
        if not services.can_settle(request.user):
            return permission_denied(request)
        if form.is_valid():
            try:
                period = services.period_open(**form.cleaned_data, agency=agency)
            except services.RoyaltyError as error:
                form.add_error(None, str(error))
            else:
                return redirect("royalties_period", period.pk)
    return TemplateResponse(
        request,
        "royalties/periods.html",
        {
            "page_title": _("Settlement periods and payment sheets"),
            "header_icon": "calendar-alt",
            "periods": selectors.periods_of(agency).select_related("settled_by"),
            "form": form,
            "can_settle": services.can_settle(request.user),
        },
    )


@user_passes_test(services.can_view_ledger)
def period_detail(request, pk: int):
    period = _visible(period_policy, request, pk, "settled_by")
    sheet = selectors.payment_sheet(period=period)
    return TemplateResponse(
        request,
        "royalties/period.html",
        {
            "page_title": _("Payment sheet, %(period)s") % {"period": period.label},
            "header_icon": "doc-full",
            "period": period,
            "sheet": sheet,
            "can_settle": services.can_settle(request.user) and not period.is_settled,
            "ended": period.end < timezone.localdate(),
        },
    )


@require_POST
@user_passes_test(services.can_settle)
def period_settle(request, pk: int):
    period = _visible(period_policy, request, pk)
    try:
        services.period_settle(period=period, user=request.user)
    except PermissionDenied:
        return permission_denied(request)
    except services.RoyaltyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(period)s is settled and locked.") % {"period": period.label})
    return redirect("royalties_period", period.pk)


@user_passes_test(services.can_view_ledger)
def period_sheet(request, pk: int, extension: str):
    period = _visible(period_policy, request, pk, "agency")
    if extension not in ("xlsx", "pdf"):
        raise Http404
    sheet = selectors.payment_sheet(period=period)
    if extension == "xlsx":
        content = exports.sheet_xlsx(sheet)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, content_type = exports.sheet_pdf(sheet), "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, exports.filename(sheet, extension))
    return response


# --- Budget -----------------------------------------------------------------------------------


@user_passes_test(services.can_view_budget)
def budget(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= 2100:
        messages.error(request, _("Choose a year from 2000 to 2100."))
        year = today.year
    agency = request_agency(request)
    overview = selectors.budget_for_year(year=year, today=today, agency=agency)
    return TemplateResponse(
        request,
        "royalties/budget.html",
        {
            "page_title": _("Royalty budget %(year)d") % {"year": year},
            "header_icon": "table",
            "budget": overview,
            "chart": overview.chart(),
            "years": sorted({today.year, year, *selectors.budget_years(agency)}, reverse=True),
        },
    )


# --- The coefficient of an item, before publication -------------------------------------------


@user_passes_test(services.can_assess)
def assess(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        return permission_denied(request)
    rate = services.assessable_rate(page)
    assessment = RoyaltyAssessment.objects.filter(page_key=page.pk).first()
    initial = {"coefficient": assessment.coefficient if assessment else (rate.usual_coefficient() if rate else None)}
    form = AssessmentForm(request.POST or None, initial={**initial, "note": assessment.note if assessment else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_set(
                page=page,
                coefficient=form.cleaned_data["coefficient"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except services.RoyaltyError as error:
            form.add_error("coefficient", str(error))
        else:
            messages.success(
                request,
                _("Coefficient %(coefficient)s set for “%(title)s”.")
                % {"coefficient": form.cleaned_data["coefficient"], "title": page.title},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "royalties/assess.html",
        {
            "page_title": _("Royalty coefficient"),
            "header_icon": "form",
            "page": page,
            "rate": rate,
            "example": rate.amount_for(coefficient=rate.usual_coefficient()) if rate else None,
            "unit_value": rate.schedule.unit_value if rate else None,
            "assessment": assessment,
            "form": form,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )
