from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.permissions import register_permission_policy

from portal.units.agencies import AgencyPermissionPolicy, UserAgencyPermissionPolicy

from . import urls
from .bulk_actions import BULK_ACTIONS

# Accounts are their agency's (portal.units.agencies.agency_of): another agency's people are not listed or opened.
register_permission_policy(get_user_model(), UserAgencyPermissionPolicy(get_user_model()))
# Groups are their agency's (portal.units.models.AgencyGroup); a group of no agency is the superusers' alone.
register_permission_policy(Group, AgencyPermissionPolicy(Group, agency_lookup="agency_link__agency"))


@hooks.register("register_admin_urls")
def register_admin_urls() -> list:
    return [path("accounts/", include(urls))]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request) -> dict:
    return {
        "url": reverse("accounts_second_factor_enrol"),
        "label": _("Two-step verification"),
        "help_text": _("Sign in with a code from an authenticator app on your phone as well as your password."),
    }


@hooks.register("register_reports_menu_item")
def sign_in_failures_menu_item() -> AdminOnlyMenuItem:
    return AdminOnlyMenuItem(
        _("Sign-in failures"), reverse("accounts_sign_in_failures"), icon_name="warning", order=900
    )


# After Wagtail's own (order 0), which they replace: the same action on the agency's people only.
for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)
