import importlib

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .history import use_scoped_log_entries
from .models import WorkingDayChange
from .wagtail_apps import ADMIN_API_VIEWSETS


class WorkingDayChangeViewSet(SnippetViewSet):
    """The days the government moves by decision, kept by the board secretariat (see core.workdays)."""

    model = WorkingDayChange
    icon = "date"
    menu_label = _("Working-day changes")
    menu_order = 320
    add_to_settings_menu = True
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    ordering = ["-date"]


register_snippet(WorkingDayChangeViewSet)


@hooks.register("construct_admin_api", order=1000)  # after Wagtail's own, whose viewsets stood in at start
def admin_api_viewsets(router) -> None:
    """The admin API's images and documents viewsets, imported now that the admin's URLs are built
    (portal.core.wagtail_apps: a worker serving only visitors never imports them)."""
    for endpoint, (module_name, class_name) in ADMIN_API_VIEWSETS.items():
        router.register_endpoint(endpoint, getattr(importlib.import_module(module_name), class_name))


@hooks.register("register_log_actions", order=100)  # after Wagtail's own, which this one amends
def scope_site_history(actions):
    use_scoped_log_entries(actions)


@hooks.register("insert_global_admin_js")
def own_validation_messages():
    """The portal's words, not the browser's, for a field left empty in an admin form (portal/js/validity.js)."""
    return format_html(
        '<script src="{}" data-value-missing="{}" data-invalid="{}"></script>',
        static("portal/js/validity.js"),
        gettext("This field is required."),
        gettext("Enter a valid value."),
    )
