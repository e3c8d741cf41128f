from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "portal.editorial"
    label = "editorial"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from portal.core.pages import use_newsroom_rules

        from .forms import EMERGENCY_REASON, EmergencyReasonPanel, PortalPageForm
        from .permissions import PortalPagePermissionPolicy, PortalPagePermissionTester

        use_newsroom_rules(
            form_class=PortalPageForm,
            tester_class=PortalPagePermissionTester,
            settings_panel=EmergencyReasonPanel(EMERGENCY_REASON),
        )
        # Listings (explorer, search, choosers, reports, the admin API) ask the policy registered for
        # Page; ours holds a unit head to their unit there as the tester does on each page.
        register_permission_policy(Page, PortalPagePermissionPolicy(Page))

        # A member of a group that a review step goes to approves, and so passes a second factor.
        from portal.accounts.services import register_approver_test

        from .selectors import reviews_in_a_group_step

        register_approver_test(reviews_in_a_group_step)

        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import (
            task_approved,
            task_rejected,
            task_submitted,
            workflow_approved,
            workflow_rejected,
            workflow_submitted,
        )

        from portal.core.panels import add_panel
        from portal.news.models import ArticlePage

        from . import notifications
        from .panels import ReviewStatusPanel

        # The item's edit page shows, at the top, who holds it, how long it has waited, and its deadline light.
        add_panel(ArticlePage, ReviewStatusPanel(heading=_("Review status")), name="review-status", first=True)

        # Our notifications replace Wagtail's workflow e-mails (one mail per event, never two);
        # wagtail.admin connected them in its ready(), which ran before ours.
        task_submitted.disconnect(sender=TaskState, dispatch_uid="group_approval_task_submitted_email_notification")
        for signal, uid in (
            (workflow_submitted, "workflow_state_submitted_email_notification"),
            (workflow_rejected, "workflow_state_rejected_email_notification"),
            (workflow_approved, "workflow_state_approved_email_notification"),
        ):
            signal.disconnect(sender=WorkflowState, dispatch_uid=uid)

        task_submitted.connect(notifications.on_task_submitted, dispatch_uid="editorial-task-submitted")
        task_approved.connect(notifications.on_task_approved, dispatch_uid="editorial-task-approved")
        task_rejected.connect(notifications.on_task_rejected, dispatch_uid="editorial-task-rejected")
        workflow_approved.connect(notifications.on_workflow_approved, dispatch_uid="editorial-workflow-approved")
