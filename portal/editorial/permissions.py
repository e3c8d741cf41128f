"""Where Wagtail decides page permissions: the tester every admin view, API action and bulk action
asks (`page.permissions_for_user`), and the policy the explorer, search, choosers, reports and the
admin API list pages with. Two rules of the plan live here:

- contributors and unit heads act on the items of their own unit only (`services.may_act_on_unit`),
  and do not see another unit's drafts at all, not even their titles (`services.may_see`);
- staff see nothing of another agency's site (portal.units.agencies.sees_page): their groups' page
  permissions are on their own site's tree already; this keeps its pages' titles out of the explorer
  and the chooser too;
- nothing is published outside the approval workflow, but by a superuser in an emergency (with a
  reason, see `forms.PortalPageForm`); the workflow's last approval publishes (`workflows.py`).
"""

from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.units.agencies import pages_of_users_agency, sees_page

from .services import (
    UNIT_SCOPED_ACTIONS,
    held_to_a_unit,
    may_act_on_unit,
    may_see,
    other_units_drafts,
    pages_of_unit,
    unit_scope,
)


class PortalPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.outside_unit = not may_act_on_unit(user, page)
        if self.outside_unit:
            # no edit, revert, preview, history, delete of live pages, move, copy or lock
            self.permissions = self.permissions - UNIT_SCOPED_ACTIONS

    def can_see(self):
        """May the user see this page at all (its title in the explorer, a chooser or a confirmation)?
        Not Wagtail's: the newsroom's hooks ask it where Wagtail's views ask nothing."""
        return sees_page(self.user, self.page) and may_see(self.user, self.page)

    def can_add_subpage(self):
        return super().can_add_subpage() and self.can_see()

    def can_move_to(self, destination):
        return super().can_move_to(destination) and may_see(self.user, destination)

    def can_copy_to(self, destination, recursive=False):
        return super().can_copy_to(destination, recursive=recursive) and may_see(self.user, destination)

    def can_view_revisions(self):
        return super().can_view_revisions() and not self.outside_unit

    def can_publish(self):
        # Publishing goes through the workflow; only a superuser publishes outside it.
        return self.user.is_active and self.user.is_superuser and not self.page_is_root

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self.user.is_superuser

    # These asked can_publish(); they stay with the "publish" permission (the editor-in-chief).
    def can_set_view_restrictions(self):
        return PagePermissionTester.can_publish(self)

    def can_unschedule(self):
        return PagePermissionTester.can_publish(self)


class PortalPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the rights of staff held to a unit kept to their unit's items in every
    listing, and other units' drafts left out of what they may explore."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if held_to_a_unit(user) and not may_act_on_unit(user, instance):
            actions -= UNIT_SCOPED_ACTIONS
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        scoped = actions & UNIT_SCOPED_ACTIONS
        if not scoped or not held_to_a_unit(user):
            return super().instances_user_has_any_permission_for(user, actions)
        own = Q(owner=user) | pages_of_unit(unit_scope(user))
        pages = super().instances_user_has_any_permission_for(user, scoped).filter(own)
        if actions - scoped:
            pages |= super().instances_user_has_any_permission_for(user, actions - scoped)
        return pages

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        hidden = other_units_drafts(user)
        # another unit's drafts are not theirs to see, even by title (explorer, search, admin API)
        pages = pages if hidden is None else pages.exclude(hidden)
        own_agency = pages_of_users_agency(user)
        return pages if own_agency is None else pages.filter(own_agency)
