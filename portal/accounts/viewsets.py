from django.contrib.auth.models import Group
from django.forms import BaseFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.models import Collection
from wagtail.permissions import policy_registry
from wagtail.users.views import groups, users
from wagtail.users.views.users import UserFilterSet, UserViewSet

from portal.units.agencies import AgencyScopedViewSet, agency_of, pages_of_users_agency, sees_every_agency
from portal.units.models import AgencyCollection, AgencyGroup

from .forms import StaffUserCreationForm, StaffUserEditForm


class AgencyUserFilterSet(UserFilterSet):
    """The listing's filter by group names the reader's agency's groups only (as the group policy decides)."""

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if request is not None:
            self.filters["group"].queryset = policy_registry.get_by_type(Group).visible_instances(request.user)


class OnlyAdministratorsMakeAdministrators:
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "is_superuser" in form.fields and not sees_every_agency(self.request.user):
            # an administrator sees every agency: an agency's staff cannot make one (a posted value is ignored)
            form.fields["is_superuser"].disabled = True
        return form


class StaffUserCreateView(OnlyAdministratorsMakeAdministrators, users.CreateView):
    pass


class StaffUserEditView(OnlyAdministratorsMakeAdministrators, users.EditView):
    pass


class StaffUserViewSet(AgencyScopedViewSet, UserViewSet):
    """Wagtail's users, with the staff profile (unit, pen name, bank details) on the same form; each
    agency's staff see its own people only (`UserAgencyPermissionPolicy`) and give them its own groups only."""

    create_template_name = "accounts/users/create.html"
    edit_template_name = "accounts/users/edit.html"
    filterset_class = AgencyUserFilterSet
    add_view_class = StaffUserCreateView
    edit_view_class = StaffUserEditView

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


def _narrow_to_agency(form, user) -> None:
    """A permission panel's form offers (and accepts) the user's agency's pages, collections and site only."""
    agency = agency_of(user)
    link = AgencyCollection.objects.filter(agency=agency).select_related("collection").first()
    collections = link.collection.get_descendants(inclusive=True) if link else Collection.objects.none()
    for name, field in form.fields.items():
        if name == "page":
            field.queryset = field.queryset.filter(pages_of_users_agency(user))
        elif name == "collection":
            field.queryset = field.queryset.filter(pk__in=collections.values("pk"))
        elif name == "sites":
            field.queryset = field.queryset.filter(pk=agency.site_id if agency else None)


def _narrowing(form_class, user):
    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        _narrow_to_agency(self, user)

    return type(form_class.__name__, (form_class,), {"__init__": __init__})


class AgencyPermissionPanels:
    """The group form's permission panels (pages, collections of images and documents, sites' settings)
    of an agency's staff: their agency's tree, collection and site only."""

    @cached_property
    def permission_panel_forms(self):
        panels = super().permission_panel_forms
        if sees_every_agency(self.request.user):
            return panels
        for panel in panels:
            if isinstance(panel, BaseFormSet):
                panel.form = _narrowing(panel.form, self.request.user)  # its rows are made from it when asked
            else:
                _narrow_to_agency(panel, self.request.user)
        return panels


class AgencyGroupEditView(AgencyPermissionPanels, groups.EditView):
    pass


class AgencyGroupCreateView(AgencyPermissionPanels, groups.CreateView):
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
    edit_view_class = AgencyGroupEditView
