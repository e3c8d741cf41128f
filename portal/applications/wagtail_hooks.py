from django.db.models import F
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from portal.core.history import InstanceScopedPolicy

from . import admin_urls, permissions, selectors
from .models import Application


class ApplicationPermissionPolicy(InstanceScopedPolicy):
    """Staff see the applications of their own unit's procedures only, in the queue and in site history."""

    def visible_instances(self, user):
        return permissions.visible_applications(user)


register_permission_policy(Application, ApplicationPermissionPolicy(Application))


@hooks.register("register_admin_urls")
def register_application_urls():
    return [path("applications/", include(admin_urls, namespace="applications_admin"))]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.has_queue(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(_("Online applications"), reverse("applications_admin:queue"), icon_name="tasks", order=160)


class WorkQueuePanel(Component):
    """On the dashboard of those who handle applications: what waits for them, the overdue first."""

    name = "application_queue"
    order = 60
    template_name = "applications/admin/queue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        open_applications = list(
            permissions.visible_applications(self.user)
            .filter(closed_at__isnull=True)
            .select_related("procedure", "version")
            .order_by(F("due_at").asc(nulls_last=True), "submitted_at")[:50]
        )
        entries = [(a, selectors.deadline_light(a)) for a in open_applications]
        return {
            "entries": entries[:8],
            "open_count": len(open_applications),
            "overdue_count": sum(1 for _a, light in entries if light == selectors.RED),
            "labels": selectors.LIGHT_LABELS,
        }


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request, panels):
    if permissions.has_queue(request.user):
        panels.append(WorkQueuePanel(request.user))


@hooks.register("register_log_actions")
def register_application_log_actions(actions):
    for action, label, message in [
        ("applications.submit", _("Submit application"), _("Application submitted by the applicant")),
        ("applications.supply", _("Supply supplement"), _("Supplement supplied by the applicant")),
        ("applications.receive", _("Receive application"), _("Application received; time limit started")),
        ("applications.request_supplement", _("Request supplement"), _("Supplement requested; clock paused")),
        ("applications.propose", _("Propose decision"), _("Put before the leader for decision")),
        ("applications.approve", _("Approve application"), _("Application approved")),
        ("applications.refuse", _("Refuse application"), _("Application refused")),
        ("applications.issue_result", _("Issue result"), _("Result issued")),
        ("applications.note", _("Processing note"), _("Processing note added")),
        ("applications.paid", _("Fee paid"), _("Fee paid online")),
        ("applications.paid_twice", _("Fee paid twice"), _("Fee paid a second time: to be refunded")),
        ("payments.start", _("Start payment"), _("Online payment started")),
        ("payments.paid", _("Payment confirmed"), _("Payment confirmed by the provider")),
        ("payments.failed", _("Payment failed"), _("The provider reported the payment as not made")),
        ("payments.refused", _("Payment notification refused"), _("A payment notification was refused")),
        ("payments.resume", _("Resume payment"), _("The payment under way was resumed")),
        ("payments.expired", _("Payment expired"), _("The payment was left at the gateway past its time limit")),
        ("payments.duplicate", _("Payment made twice"), _("A second payment of a fee already paid: to be refunded")),
        ("payments.refunded", _("Payment refunded"), _("The second payment was refunded to the payer")),
    ]:
        actions.register_action(action, label, message)
