"""Wagtail's bulk actions on users (assign a role, activate or deactivate, delete), kept to the people of the
acting user's agency, and the role to assign to their agency's groups, as the permission policies decide."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.permissions import policy_registry
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction


class OwnAgencysUsers:
    def get_actionable_objects(self):
        # Another agency's people are neither acted on nor named (not even as "no access"): as if none.
        objects, context = super().get_actionable_objects()
        policy = policy_registry.get_by_type(get_user_model())

        def own(each) -> bool:
            return policy.in_users_agency(self.request.user, each)

        context["items_with_no_access"] = [each for each in context["items_with_no_access"] if own(each)]
        return [each for each in objects if own(each)], context


class AgencyAssignRoleBulkAction(OwnAgencysUsers, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = policy_registry.get_by_type(Group).visible_instances(self.request.user)
        return form


class AgencyDeleteBulkAction(OwnAgencysUsers, DeleteBulkAction):
    pass


class AgencySetActiveStateBulkAction(OwnAgencysUsers, SetActiveStateBulkAction):
    pass


BULK_ACTIONS = (AgencyAssignRoleBulkAction, AgencyDeleteBulkAction, AgencySetActiveStateBulkAction)
