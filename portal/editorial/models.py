from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, Task, TaskState

from portal.news.models import SectionPage

from .services import held_to_a_unit, may_act_on_unit, pages_of_unit, unit_scope


def category_of(page: Page) -> SectionPage | None:
    """The category an item belongs to (its nearest category ancestor, or itself)."""
    specific = page.specific
    if isinstance(specific, SectionPage):
        return specific
    return SectionPage.objects.ancestor_of(page).order_by("-depth").first()


def category_editors(page: Page):
    """The users who review `page` at the category step: the editors this year's plan names for its
    category (or the head of the item's unit, where the plan makes the unit heads its editors), else
    every category editor of the page's own agency."""
    from portal.planning.agencies import page_agency, role_members
    from portal.planning.selectors import plan_row_editors
    from portal.units.roles import CATEGORY_EDITOR

    category = category_of(page)
    if category is not None:
        named = plan_row_editors(category, unit_id=getattr(page.specific, "unit_id", None))
        if named is not None and named.exists():
            return named
    return role_members(CATEGORY_EDITOR, page_agency(page))


def is_author(obj, user) -> bool:
    """Did `user` write `obj` (its owner) or send it for review (the workflow's requester)? Authors
    never approve their own item, at any step (plan: the four-eyes rule)."""
    if getattr(obj, "owner_id", None) == user.pk:
        return True
    state = getattr(obj, "current_workflow_state", None)
    return state is not None and state.requested_by_id == user.pk


def authored_task_states(states, user):
    """`states` without those of items `user` wrote or submitted."""
    owned = [str(pk) for pk in Page.objects.filter(owner=user).values_list("pk", flat=True)]
    return states.exclude(workflow_state__requested_by=user).exclude(
        workflow_state__base_content_type__app_label="wagtailcore",
        workflow_state__base_content_type__model="page",
        workflow_state__object_id__in=owned,
    )


class AuthorsDoNotApproveMixin:
    """A task whose reviewers get no action, no lock and no review entry on their own items, and
    (a unit head) none on another unit's items."""

    def _may_review(self, obj, user) -> bool:
        return may_act_on_unit(user, obj) and not is_author(obj, user)

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and may_act_on_unit(user, obj)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not may_act_on_unit(user, obj)

    def user_can_lock(self, obj, user):
        return self._may_review(obj, user) and super().user_can_lock(obj, user)

    def get_actions(self, obj, user):
        if not self._may_review(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = authored_task_states(super().get_task_states_user_can_moderate(user, **kwargs), user)
        if held_to_a_unit(user):
            own = Page.objects.filter(pages_of_unit(unit_scope(user))).values_list("pk", flat=True)
            states = states.filter(workflow_state__object_id__in=[str(pk) for pk in own])
        return states


class CategoryEditorReviewTask(Task):
    """First approval step: the category's editor approves, approves with a comment, or asks for changes."""

    def _can_review(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        # Wagtail asks it of one item several times a request (editor, lock, actions): worked out once per
        # item read and user, since who reviews a category comes from the plan's rows, a few queries each time
        known = obj.__dict__.setdefault("_category_reviewers", {})
        if user.pk not in known:
            known[user.pk] = category_editors(obj).filter(pk=user.pk).exists()
        return known[user.pk]

    def user_can_access_editor(self, obj, user):
        return self._can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_review(obj, user) and not is_author(obj, user)

    def get_actions(self, obj, user):
        if not self._can_review(obj, user) or is_author(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = authored_task_states(
            TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS), user
        )
        if user.is_superuser:
            return in_progress
        from .selectors import states_in_users_categories  # the selectors import this module

        # Every dashboard asks this: the categories first (a few queries for the whole queue), then the
        # full check on the items left, so the count follows what the user reviews, not the queue's length.
        candidates = in_progress.filter(
            pk__in=states_in_users_categories(user, in_progress.select_related("workflow_state"))
        ).select_related("workflow_state")
        return in_progress.filter(
            pk__in=[state.pk for state in candidates if self._can_review(state.workflow_state.content_object, user)]
        )

    @classmethod
    def get_description(cls):
        return _("The editor of the item's category (or the category editors' group) reviews it")

    class Meta:
        verbose_name = _("category editor review")
        verbose_name_plural = _("category editor reviews")


class GroupReviewTask(AuthorsDoNotApproveMixin, AbstractGroupApprovalTask):
    """A later approval step (the editor-in-chief's): Wagtail's group approval, but the item's author
    is never its approver, whatever their group."""

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve the item, never its own author")

    class Meta:
        verbose_name = _("group review")
        verbose_name_plural = _("group reviews")
