from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
