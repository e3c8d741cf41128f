from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.templatetags.portal_tags import money
from portal.planning.agencies import request_agency
from portal.units.agencies import AgencyPermissionPolicy, AgencyScopedChooserViewSet, AgencyScopedViewSet

from . import selectors, services, views
from .models import RoyaltyEntry, RoyaltyPeriod, RoyaltyRate, RoyaltySchedule, RoyaltyWork
from .permissions import entry_policy, period_policy, work_policy

# A schedule and its rates, the ledger, its works and periods are their agency's staff's only.
register_permission_policy(RoyaltySchedule, AgencyPermissionPolicy(RoyaltySchedule))
register_permission_policy(RoyaltyRate, AgencyPermissionPolicy(RoyaltyRate, agency_lookup="schedule__agency"))
register_permission_policy(RoyaltyEntry, entry_policy)
register_permission_policy(RoyaltyPeriod, period_policy)
register_permission_policy(RoyaltyWork, work_policy)


class RoyaltyScheduleViewSet(AgencyScopedViewSet, SnippetViewSet):
    """The yearly schedule the secretariat keeps (model permissions on RoyaltySchedule, in its own agency)."""

    model = RoyaltySchedule
    chooser_viewset_class = AgencyScopedChooserViewSet
    icon = "list-ul"
    menu_label = _("Royalty schedules")
    menu_name = "royalty-schedules"
    url_prefix = "royalties/schedules"
    list_display = ["year", "title", "decision"]
    ordering = ["-year"]


schedules = RoyaltyScheduleViewSet()
register_snippet(schedules)


@hooks.register("register_admin_urls")
def register_royalty_urls():
    return [
        path("royalties/ledger/", views.LedgerView.as_view(), name="royalties_ledger"),
        path("royalties/ledger/results/", views.LedgerView.as_view(results_only=True), name="royalties_ledger_results"),
        path("royalties/ledger/<int:pk>/adjust/", views.adjust, name="royalties_adjust"),
        path("royalties/periods/", views.periods, name="royalties_periods"),
        path("royalties/periods/<int:pk>/", views.period_detail, name="royalties_period"),
        path("royalties/periods/<int:pk>/settle/", views.period_settle, name="royalties_period_settle"),
        path(
            "royalties/periods/<int:pk>/sheet.<str:extension>",
            views.period_sheet,
            name="royalties_period_sheet",
        ),
        path("royalties/budget/", views.budget, name="royalties_budget"),
        path("royalties/assess/<int:page_id>/", views.assess, name="royalties_assess"),
    ]


class _ShownTo(MenuItem):
    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request) -> bool:
        return self.shown_to(request.user)


@hooks.register("register_admin_menu_item")
def register_royalties_menu():
    menu = Menu(
        items=[
            _ShownTo(
                _("Ledger"),
                reverse("royalties_ledger"),
                name="royalties-ledger",
                icon_name="table",
                order=100,
                shown_to=services.can_view_ledger,
            ),
            _ShownTo(
                _("Periods and payment sheets"),
                reverse("royalties_periods"),
                name="royalties-periods",
                icon_name="calendar-alt",
                order=200,
                shown_to=services.can_view_ledger,
            ),
            _ShownTo(
                _("Budget"),
                reverse("royalties_budget"),
                name="royalties-budget",
                icon_name="table",
                order=300,
                shown_to=services.can_view_budget,
            ),
            schedules.get_menu_item(order=400),
        ]
    )
    return SubmenuMenuItem(_("Royalties"), menu, name="royalties", icon_name="list-ul", order=260)


@hooks.register("register_page_header_buttons")
def royalty_coefficient_button(page, user, view_name=None, next_url=None):
    if view_name == "edit" and services.can_assess(user) and services.assessable_rate(page):
        yield Button(
            _("Royalty coefficient"), reverse("royalties_assess", args=[page.pk]), icon_name="form", priority=75
        )


# --- Dashboard panels -------------------------------------------------------------------------


class DueRoyaltiesPanel(Component):
    """Unpaid royalties approaching or past the 60 days Decree 18/2014 allows."""

    name = "royalties_due"
    order = 120
    template_name = "royalties/panels/due.html"

    def __init__(self, request=None):
        self.request = request

    def get_context_data(self, parent_context):
        agency = request_agency(self.request) if self.request is not None else None
        return {"lines": selectors.due_lines(limit=10, agency=agency), "horizon": selectors.APPROACHING_DAYS}


class BudgetPanel(Component):
    name = "royalties_budget"
    order = 130
    template_name = "royalties/panels/budget.html"

    def __init__(self, request=None):
        self.request = request

    def get_context_data(self, parent_context):
        agency = request_agency(self.request) if self.request is not None else None  # the reader's agency's
        budget = selectors.budget_for_year(year=timezone.localdate().year, agency=agency)
        return {"budget": budget, "chart": budget.chart()}


@hooks.register("construct_homepage_panels")
def add_royalty_panels(request, panels):
    if services.can_view_ledger(request.user):
        panels.append(DueRoyaltiesPanel(request))
    if services.can_view_budget(request.user):
        panels.append(BudgetPanel(request))


# --- Audit log --------------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("royalties.record", _("Royalty recorded"), _("Royalty recorded on publication"))
    actions.register_action("royalties.void", _("Royalty voided"), _("Royalty voided: unpublished before settlement"))
    actions.register_action(
        "royalties.void_refused", _("Royalty kept"), _("Unpublished after settlement: the royalty stays paid")
    )
    actions.register_action("royalties.assess", _("Royalty coefficient set"), _("Royalty coefficient set"))

    @actions.register_action("royalties.adjust")
    class AdjustFormatter(LogFormatter):
        label = _("Royalty adjusted")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Royalty adjusted from %(from)s to %(to)s: %(reason)s") % {
                "from": money(data.get("from", 0)),
                "to": money(data.get("to", 0)),
                "reason": data.get("reason", ""),
            }

    @actions.register_action("royalties.settle")
    class SettleFormatter(LogFormatter):
        label = _("Period settled")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Period settled: %(count)d entries, %(total)s") % {
                "count": data.get("entries", 0),
                "total": money(data.get("total", 0)),
            }
