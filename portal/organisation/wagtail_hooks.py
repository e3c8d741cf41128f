from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.units.agencies import AgencyPermissionPolicy, AgencyScopedChooserViewSet, AgencyScopedViewSet

from .models import Leader, UnitProfile

# Each agency keeps its own leaders and its units' profiles: another agency's are a 404 in every view.
register_permission_policy(Leader, AgencyPermissionPolicy(Leader))
register_permission_policy(UnitProfile, AgencyPermissionPolicy(UnitProfile, agency_lookup="unit__agency"))


class LeaderViewSet(AgencyScopedViewSet, SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = _("Leaders")
    list_display = ["full_name", "post_vi", "unit", "active"]
    list_filter = ["active"]  # not by unit: the filter would list every agency's units
    search_fields = ["full_name", "post_vi", "post_en"]
    chooser_viewset_class = AgencyScopedChooserViewSet


class UnitProfileViewSet(AgencyScopedViewSet, SnippetViewSet):
    model = UnitProfile
    icon = "group"
    menu_label = _("Unit profiles")
    list_display = ["unit", "kind", "phone", "email"]
    chooser_viewset_class = AgencyScopedChooserViewSet


class OrganisationGroup(SnippetViewSetGroup):
    items = (LeaderViewSet, UnitProfileViewSet)
    menu_icon = "site"
    menu_label = _("Organisation")
    menu_order = 305


register_snippet(OrganisationGroup)
