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
        asked = [*objects, *context["items_with_no_access"]]
        # one query for all the chosen people, not one each
        own = set(
            policy_registry.get_by_type(get_user_model())
            .visible_instances(self.request.user)
            .filter(pk__in=[each.pk for each in asked])
            .values_list("pk", flat=True)
        )
        context["items_with_no_access"] = [each for each in context["items_with_no_access"] if each.pk in own]
        return [each for each in objects if each.pk in own], context


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
