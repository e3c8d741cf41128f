from django.contrib.auth.models import Group
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permissions import policy_registry
from wagtail.users.views import groups
from wagtail.users.views.users import UserFilterSet, UserViewSet

from portal.units.agencies import AgencyScopedViewSet, agency_of, sees_every_agency
from portal.units.models import AgencyGroup

from .forms import StaffUserCreationForm, StaffUserEditForm


class AgencyUserFilterSet(UserFilterSet):
    """The listing's filter by group names the reader's agency's groups only (as the group policy decides)."""

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if request is not None:
            self.filters["group"].queryset = policy_registry.get_by_type(Group).visible_instances(request.user)


class StaffUserViewSet(AgencyScopedViewSet, UserViewSet):
    """Wagtail's users, with the staff profile (unit, pen name, bank details) on the same form; each
    agency's staff see its own people only (`UserAgencyPermissionPolicy`) and give them its own groups only."""

    create_template_name = "accounts/users/create.html"
    edit_template_name = "accounts/users/edit.html"
    filterset_class = AgencyUserFilterSet

    def get_form_class(self, for_update: bool = False):
        return StaffUserEditForm if for_update else StaffUserCreationForm


def _agency_name(group: Group) -> str:
    link = getattr(group, "agency_link", None)
    return link.agency.name_vi if link else _("None (administrators only)")


class AgencyGroupIndexView(groups.IndexView):
    @cached_property
    def columns(self):
        if not sees_every_agency(self.request.user):
            return groups.IndexView.columns
        return [*groups.IndexView.columns, Column("agency", label=_("Agency"), accessor=_agency_name)]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agency_link__agency")


class AgencyGroupCreateView(groups.CreateView):
    def save_instance(self):
        group = super().save_instance()
        agency = agency_of(self.request.user)
        if agency is not None:  # a superuser's group is of no agency: the superusers' alone
            AgencyGroup.objects.create(group=group, agency=agency)
        return group


class AgencyGroupViewSet(AgencyScopedViewSet, groups.GroupViewSet):
    """Wagtail's groups, each of one agency (`AgencyGroup`): its staff list, open and edit their agency's
    only (another's is a 404); a superuser sees every group with its agency."""

    index_view_class = AgencyGroupIndexView
    add_view_class = AgencyGroupCreateView
