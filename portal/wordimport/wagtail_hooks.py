from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from portal.news.models import ArticlePage, SectionPage

from . import urls
from .services import categories_for


@hooks.register("register_admin_urls")
def register_urls():
    return [path("word-import/", include(urls, namespace="wordimport"))]


class WordImportMenuItem(MenuItem):
    def is_shown(self, request):
        return categories_for(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return WordImportMenuItem(
        _("Import from Word"), reverse("wordimport:import"), name="word-import", icon_name="doc-full", order=150
    )


@hooks.register("register_page_header_buttons")
def import_into_category_button(page, user, view_name, next_url=None):
    # Next to "Add child page" on a category: import a Word file straight into it.
    if isinstance(page.specific_deferred, SectionPage) and ArticlePage.can_create_at(page):
        if page.permissions_for_user(user).can_add_subpage():
            url = f"{reverse('wordimport:import')}?parent={page.pk}"
            yield Button(_("Import from Word"), url, icon_name="doc-full", priority=16)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action("wordimport.import")
    class WordImportFormatter(LogFormatter):
        label = _("Import from Word")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            images = data.get("images", 0)
            return ngettext(
                "Imported from the Word file “%(file)s” with %(count)d image",
                "Imported from the Word file “%(file)s” with %(count)d images",
                images,
            ) % {"file": data.get("file", ""), "count": images}
