from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.widgets import PersonSelect

from .agencies import AgencyPermissionPolicy, AgencyScopedChooserViewSet, AgencyScopedViewSet
from .models import Unit

register_permission_policy(Unit, AgencyPermissionPolicy(Unit))


class UnitViewSet(AgencyScopedViewSet, SnippetViewSet):
    model = Unit
    chooser_viewset_class = AgencyScopedChooserViewSet
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
