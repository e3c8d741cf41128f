from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.models import Page

from .forms import EMERGENCY_REASON
from .selectors import page_history_seen_by, review_queue
from .services import other_units_drafts
from .views import review_queue_view

EMERGENCY_PUBLISH = "editorial.emergency_publish"


def _refuse_unless_seen(user, page: Page) -> None:
    """Wagtail's explorer, page chooser and move confirmation show a page's title without asking the
    tester anything: these hooks ask it (`can_see`), so nobody reads the title of a draft they may not see."""
    if not page.permissions_for_user(user).can_see():
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


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request, panels):
    panels.append(ReviewQueuePanel(request.user))


@hooks.register("filter_page_history")  # portal.core.history: site history's page entries
def keep_page_history_to_the_unit(user, entries):
    return page_history_seen_by(user, entries)
