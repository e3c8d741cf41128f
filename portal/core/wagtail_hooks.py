from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .history import use_scoped_log_entries
from .models import WorkingDayChange


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
