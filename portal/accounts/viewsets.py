from wagtail.users.views.users import UserViewSet

from portal.units.agencies import AgencyScopedViewSet

from .forms import StaffUserCreationForm, StaffUserEditForm


class StaffUserViewSet(AgencyScopedViewSet, UserViewSet):
    """Wagtail's users, with the staff profile (unit, pen name, bank details) on the same form; each
    agency's staff see its own people only (`UserAgencyPermissionPolicy`)."""

    create_template_name = "accounts/users/create.html"
    edit_template_name = "accounts/users/edit.html"

    def get_form_class(self, for_update: bool = False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
