from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services, views
from .models import FeedSource


class FeedSourceViewSet(SnippetViewSet):
    """The list of source sites the secretariat keeps (needs the model permissions on FeedSource)."""

    model = FeedSource
    icon = "link-external"
    menu_label = _("News sources")
    menu_name = "collected-sources"
    url_prefix = "collected/sources"
    list_display = ["name", "feed_url", "default_category", "active", "last_fetched_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["name", "feed_url"]


feed_sources = FeedSourceViewSet()
register_snippet(feed_sources)


class InboxMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return services.can_use_inbox(request.user)


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [
        path("collected/inbox/", views.inbox, name="collected_inbox"),
        path("collected/inbox/<int:pk>/draft/", views.make_draft, name="collected_make_draft"),
        path("collected/inbox/<int:pk>/dismiss/", views.dismiss, name="collected_dismiss"),
    ]


@hooks.register("register_admin_menu_item")
def register_collected_menu():
    menu = Menu(
        items=[
            InboxMenuItem(_("Inbox"), reverse("collected_inbox"), name="collected-inbox", icon_name="tasks", order=100),
            feed_sources.get_menu_item(order=200),
        ]
    )
    return SubmenuMenuItem(_("Collected items"), menu, name="collected", icon_name="clipboard-list", order=250)
