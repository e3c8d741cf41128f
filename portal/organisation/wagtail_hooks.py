from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Leader, UnitProfile


class LeaderViewSet(SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = _("Leaders")
    list_display = ["full_name", "post_vi", "unit", "active"]
    list_filter = ["unit", "active"]
    search_fields = ["full_name", "post_vi", "post_en"]


class UnitProfileViewSet(SnippetViewSet):
    model = UnitProfile
    icon = "group"
    menu_label = _("Unit profiles")
    list_display = ["unit", "kind", "phone", "email"]


class OrganisationGroup(SnippetViewSetGroup):
    items = (LeaderViewSet, UnitProfileViewSet)
    menu_icon = "site"
    menu_label = _("Organisation")
    menu_order = 305


register_snippet(OrganisationGroup)
