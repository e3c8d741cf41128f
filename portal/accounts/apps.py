from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")
    default = True


class StaffUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users with the staff profile on its user forms and groups of one agency each (Wagtail's
    documented way to extend them)."""

    user_viewset = "portal.accounts.viewsets.StaffUserViewSet"
    group_viewset = "portal.accounts.viewsets.AgencyGroupViewSet"
