from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.widgets import PersonSelect

from .models import Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name_vi", "name_en", "code"]
    search_fields = ["name_vi", "name_en", "code"]
    panels = [
        FieldPanel("code"),
        FieldPanel("name_vi"),
        FieldPanel("name_en"),
        FieldPanel("sort_order"),
        FieldPanel("head", widget=PersonSelect),
    ]


register_snippet(UnitViewSet)
