import django_filters
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.core.templatetags.portal_tags import money
from portal.operations.models import Incident, site_incidents
from portal.units.agencies import (
    AgencyPermissionPolicy,
    AgencyScopedViewSet,
    agency_of,
    of_users_agency,
    readers_units,
    sees_every_agency,
)

from . import views
from .models import Anniversary, Plan, ReminderLog
from .selectors import plan_for_year

PLAN_MENU_HOOK = "register_plan_menu_item"


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Logs are written by the system: people with the view permission read them, nobody edits them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class IncidentPolicy(AgencyPermissionPolicy):
    """Server errors are written by the system and read by those with the view permission: superusers
    every site's, an agency's staff their own site's (the default site's agency also those of no site)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def visible_instances(self, user):
        if sees_every_agency(user):
            return Incident.objects.all()
        agency = agency_of(user)
        return site_incidents(agency.site) if agency else Incident.objects.none()


register_permission_policy(ReminderLog, ReadOnlyPolicy(ReminderLog))
register_permission_policy(Incident, IncidentPolicy(Incident))
# A plan (its rows, key tasks, minimums and budget lines with it) and an anniversary are their agency's staff's only.
register_permission_policy(Plan, AgencyPermissionPolicy(Plan))
register_permission_policy(Anniversary, AgencyPermissionPolicy(Anniversary))


class PlanIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("planning.add_plan"):
            url = reverse("planning_copy_forward", args=[instance.pk])
            buttons.append(ListingMenuItem(_("Copy to a new year"), url=url, icon_name="copy", priority=20))
        if self.request.user.has_perm(views.DASHBOARD_PERMISSION):
            url = reverse("planning_plan_document", args=[instance.pk])
            buttons.append(ListingMenuItem(_("As a document (DOCX, PDF)"), url=url, icon_name="doc-full", priority=30))
        return buttons


class PlanViewSet(AgencyScopedViewSet, ModelViewSet):
    model = Plan
    index_view_class = PlanIndexView
    copy_view_enabled = False  # copying a plan is the copy-forward service (every row, key task, minimum)
    name = "plans"
    icon = "table"
    menu_label = _("Annual plans")
    list_display = [
        "year",
        "title",
        "weekly_min",
        "weekly_max",
        # Read as staff write money, 26.300.000 đ, not the bare 26300000 of the field.
        Column(
            "budget",
            label=capfirst(Plan._meta.get_field("budget").verbose_name),
            accessor=lambda plan: money(plan.budget),
        ),
    ]
    ordering = ["-year"]
    search_fields = ["title"]


class AnniversaryFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("unit responsible for content"), queryset=readers_units)

    class Meta:
        model = Anniversary
        fields = ["kind", "unit"]


class AnniversaryViewSet(AgencyScopedViewSet, ModelViewSet):
    model = Anniversary
    name = "anniversaries"
    icon = "date"
    menu_label = _("Anniversaries")
    list_display = ["name_vi", "date", "kind", "unit"]
    filterset_class = AnniversaryFilterSet
    search_fields = ["name_vi", "name_en"]


class ReminderLogViewSet(ModelViewSet):
    model = ReminderLog
    name = "plan-reminders"
    icon = "mail"
    menu_label = _("Reminders sent")
    list_display = ["day", "recipient", "summary", "sent_at"]
    list_filter = ["day"]
    list_export = ["day", "recipient", "item_key", "summary", "sent_at"]
    form_fields = ["day"]
    inspect_view_enabled = True
    copy_view_enabled = False


class IncidentIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("site")


def _host(incident: Incident) -> str:
    return incident.site.hostname if incident.site else "—"  # of no site: from before sites were kept


class IncidentViewSet(AgencyScopedViewSet, ModelViewSet):
    model = Incident
    index_view_class = IncidentIndexView
    name = "incidents"
    icon = "warning"
    menu_label = _("Technical incidents")
    list_display = [
        "occurred_at",
        Column("site", label=capfirst(Incident._meta.get_field("site").verbose_name), accessor=_host),
        "method",
        "path",
        "exception",
    ]
    list_export = ["occurred_at", "site", "method", "path", "exception"]
    list_filter = ["exception"]
    form_fields = ["path"]
    inspect_view_enabled = True
    copy_view_enabled = False


class PlanGroup(ViewSetGroup):
    menu_label = _("Annual plan")
    menu_icon = "table"
    menu_order = 140
    submenu_hook = PLAN_MENU_HOOK
    items = (PlanViewSet, AnniversaryViewSet, ReminderLogViewSet, IncidentViewSet)


@hooks.register("register_admin_viewset")
def register_plan_viewsets():
    return PlanGroup()


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register(PLAN_MENU_HOOK)
def dashboard_menu_item():
    return PermittedMenuItem(
        _("Plan dashboard"),
        reverse("planning_dashboard"),
        icon_name="view",
        order=0,
        permission=views.DASHBOARD_PERMISSION,
    )


@hooks.register(PLAN_MENU_HOOK)
def calendar_menu_item():
    return PermittedMenuItem(
        _("Editorial calendar"),
        reverse("planning_calendar"),
        icon_name="date",
        order=1,
        permission=views.DASHBOARD_PERMISSION,
    )


@hooks.register(PLAN_MENU_HOOK)
def report_menu_item():
    return PermittedMenuItem(
        _("Quarterly report"),
        reverse("planning_report"),
        icon_name="doc-full",
        order=2,
        permission=views.DASHBOARD_PERMISSION,
    )


@hooks.register("register_admin_urls")
def register_plan_urls():
    return [
        path("plan/", views.dashboard_view, name="planning_dashboard"),
        path("plan/calendar/", views.calendar_view, name="planning_calendar"),
        path("plan/report/", views.report_view, name="planning_report"),
        path("plan/<int:pk>/copy/", of_users_agency(Plan, views.copy_forward_view), name="planning_copy_forward"),
        path(
            "plan/<int:pk>/document/",
            of_users_agency(Plan, views.plan_document_view),
            name="planning_plan_document",
        ),
    ]


class PlanPanel(Component):
    """The board's first view after sign-in: the year so far against the plan."""

    name = "plan_summary"
    order = 40
    template_name = "planning/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        from django.utils import timezone

        from .agencies import request_agency

        plan = plan_for_year(timezone.localdate().year, agency=request_agency(self.request))
        if plan is None:
            return {"plan": None}
        return {"plan": plan, **views.dashboard_context(plan)}


@hooks.register("construct_homepage_panels")
def add_plan_panel(request, panels):
    if request.user.has_perm(views.DASHBOARD_PERMISSION):
        panels.append(PlanPanel(request))
