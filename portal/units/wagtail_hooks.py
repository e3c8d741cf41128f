from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.widgets import PersonSelect

from .agencies import (
    AgencyPermissionPolicy,
    AgencyScopedChooserViewSet,
    AgencyScopedViewSet,
    agency_of,
    pages_of_users_agency,
    sees_every_agency,
    users_of,
)
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


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_of_ones_agency(pages, request):
    # Wagtail's page chooser (its listing and its search) lists every page of the tree, not the policy's.
    own_agency = pages_of_users_agency(request.user)
    return pages if own_agency is None else pages.filter(own_agency)


@hooks.register("filter_model_history")  # portal.core.history: site history's entries of records
@hooks.register("filter_page_history")
def keep_history_to_ones_agency(user, entries):
    """What another agency's staff did is not this agency's history (its records and pages are scoped by
    their policies already; this also covers records of no agency, e.g. a working-day change)."""
    if sees_every_agency(user):
        return entries
    agency = agency_of(user)
    if agency is None:
        return entries.none()
    return entries.filter(Q(user__isnull=True) | Q(user__is_superuser=True) | Q(user__in=users_of(agency)))
