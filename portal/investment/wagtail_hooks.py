from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Investment sectors")
    list_display = ["name_vi", "sort_order"]  # the English name is on the form: this list is read in Vietnamese
    add_to_settings_menu = True


register_snippet(SectorViewSet)
