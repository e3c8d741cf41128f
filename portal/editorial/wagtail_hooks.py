from django.contrib import messages
from django.contrib.messages import SUCCESS
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.log_actions import log
from wagtail.models import Page, TaskState, WorkflowState

from .forms import EMERGENCY_REASON
from .permissions import PortalPagePermissionTester
from .selectors import page_history_seen_by, review_queue
from .services import other_units_drafts
from .views import review_queue_view

EMERGENCY_PUBLISH = "editorial.emergency_publish"


def _refuse_unless_seen(user, page: Page) -> None:
    """Wagtail's explorer, page chooser and move confirmation show a page's title without asking the
    tester anything: these hooks ask it (`can_see`), so nobody reads the title of a draft they may not see."""
    # The portal's tester for any page: the tree's root is Wagtail's own Page, whose tester has no can_see.
    if not PortalPagePermissionTester(user, page).can_see():
        raise PermissionDenied


@hooks.register("construct_explorer_page_queryset")
def explore_only_pages_one_may_see(parent_page, pages, request):
    _refuse_unless_seen(request.user, parent_page)  # the listing's header is the parent's title
    return pages


@hooks.register("construct_page_chooser_queryset")
def hide_other_units_drafts_from_the_chooser(pages, request):
    # Wagtail's page chooser lists every page, not the policy's: it misses other units' drafts for staff
    # held to a unit, and browses no such draft's children (it would head the list with its title).
    parent_id = request.resolver_match.kwargs.get("parent_page_id") if request.resolver_match else None
    if parent_id is not None:
        _refuse_unless_seen(request.user, Page.objects.get(pk=parent_id))
    hidden = other_units_drafts(request.user)
    return pages if hidden is None else pages.exclude(hidden)


@hooks.register("before_move_page")
def move_only_where_the_tester_allows(request, page, destination):
    """Wagtail asks the tester when the move is made, not when it asks "move it here?" with both titles."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def record_publishing_outside_the_workflow(request, page):
    """A superuser published from the editor (the form required a reason): the audit log keeps it."""
    if request.method == "POST" and request.POST.get("action-publish") and request.user.is_superuser:
        reason = request.POST.get(EMERGENCY_REASON, "").strip()
        log(instance=page, action=EMERGENCY_PUBLISH, user=request.user, data={"reason": reason})


@hooks.register("after_edit_page")
def say_what_the_approval_did(request, page):
    """Wagtail answers an approval or a request for changes with "Page '…' has been updated": say
    instead which step was approved and who acts next, or that the item is published."""
    if request.method != "POST" or "action-workflow-action" not in request.POST:
        return
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    acted = (
        state
        and state.task_states.filter(finished_by=request.user)
        .exclude(status=TaskState.STATUS_IN_PROGRESS)
        .order_by("-finished_at", "-pk")
        .select_related("task")
        .first()
    )
    if not acted:
        return
    queued = getattr(request._messages, "_queued_messages", [])  # Django's storage has no public removal
    if queued and queued[-1].level == SUCCESS:
        queued.pop()  # Wagtail's own "has been updated", added just before this hook
    messages.success(request, approval_message(page, state, acted))


def approval_message(page, state, acted) -> str:
    values = {"title": page.get_admin_display_title(), "step": acted.task.name}
    if acted.status == TaskState.STATUS_REJECTED:
        return _("Changes requested at the step “%(step)s”: “%(title)s” goes back to its author.") % values
    if state.status == WorkflowState.STATUS_APPROVED:
        return _("Approved and published: “%(title)s”.") % values
    following = state.current_task_state
    if following is None:
        return _("Approved the step “%(step)s” of “%(title)s”.") % values
    return _("Approved the step “%(step)s” of “%(title)s”. Next step: %(next)s.") % {
        **values,
        "next": following.task.name,
    }


@hooks.register("construct_page_action_menu")
def submit_first(menu_items, request, context):
    """Who may submit the item has submitting as their next step: it is the footer's main button, not
    one hidden under its arrow after "Save draft"."""
    for index, item in enumerate(menu_items):
        if isinstance(item, SubmitForModerationMenuItem):
            menu_items.insert(0, menu_items.pop(index))
            return


@hooks.register("before_bulk_action")
def publish_one_item_at_a_time_with_a_reason(request, action_type, objects, action):
    """Publishing outside the workflow takes a reason, which only the editor asks for: no bulk publishing."""
    if action_type == "publish" and issubclass(getattr(action, "model", object), Page):
        messages.error(
            request,
            _(
                "Items are published through the approval workflow. In an emergency, the administrator "
                "publishes one item from its editor, with a reason."
            ),
        )
        return redirect(action.next_url)
    return None


@hooks.register("construct_admin_api")
def admin_api_without_publishing(router):
    """The admin API's pages endpoint, less its "publish" action (no reason can go with it)."""
    from wagtail.admin.api.views import PagesAdminAPIViewSet

    class PagesWithoutPublishing(PagesAdminAPIViewSet):
        actions = {name: action for name, action in PagesAdminAPIViewSet.actions.items() if name != "publish"}

    router.register_endpoint("pages", PagesWithoutPublishing)


@hooks.register("register_log_actions")
def register_emergency_publish_log_action(actions):
    from wagtail.log_actions import LogFormatter

    @actions.register_action(EMERGENCY_PUBLISH)
    class EmergencyPublish(LogFormatter):
        label = _("Published outside the workflow")

        def format_message(self, log_entry):
            return _("Published outside the approval workflow: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }


@hooks.register("register_admin_urls")
def register_review_queue_url():
    return [path("review-queue/", review_queue_view, name="editorial_review_queue")]


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return MenuItem(_("Review queue"), reverse("editorial_review_queue"), icon_name="tasks", order=150)


class ReviewQueuePanel(Component):
    """On the dashboard: what waits for review that the user may see (their unit's, their categories',
    everything for the secretariat and the editor-in-chief), with its step and deadline light."""

    name = "review_queue"
    order = 50
    template_name = "editorial/review_queue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"entries": review_queue(user=self.user, limit=10, with_holders=False)}


class AwaitingYourReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review", whose step column drew one icon per step of the workflow (no
    text at the waiting step, "Approved" as its tooltip at the steps before): it names the step that waits."""

    template_name = "editorial/awaiting_your_review_panel.html"


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request, panels):
    panels[:] = [
        AwaitingYourReviewPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel for panel in panels
    ]
    panels.append(ReviewQueuePanel(request.user))


@hooks.register("filter_page_history")  # portal.core.history: site history's page entries
def keep_page_history_to_the_unit(user, entries):
    return page_history_seen_by(user, entries)


@hooks.register("insert_global_admin_js")
def own_file_picker_words():
    """The portal's words instead of the browser's "Choose File" on every admin file input
    (portal/js/admin-files.js names Wagtail's own inputs; portal/js/filecheck.js draws them)."""
    return format_html(
        '<script src="{}" data-choose-label="{}" data-none-label="{}"></script><script src="{}"></script>',
        static("portal/js/admin-files.js"),
        gettext("Choose a file"),
        gettext("No file chosen"),
        static("portal/js/filecheck.js"),
    )


@hooks.register("insert_global_admin_css")
def own_file_picker_style():
    return format_html('<link rel="stylesheet" href="{}">', static("portal/css/admin-files.css"))
