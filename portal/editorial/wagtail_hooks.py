from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .selectors import page_history_seen_by, review_queue
from .services import editing_refused_by_unit
from .views import review_queue_view


@hooks.register("before_edit_page")
def keep_unit_heads_to_their_unit(request, page):
    if editing_refused_by_unit(request.user, page):
        messages.error(request, _("You review the items of your own unit only."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


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
