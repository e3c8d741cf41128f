from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Task, TaskState

from portal.news.models import SectionPage

CATEGORY_EDITORS_GROUP = "Phụ trách biên tập"


def category_of(page: Page) -> SectionPage | None:
    """The category an item belongs to (its nearest category ancestor, or itself)."""
    specific = page.specific
    if isinstance(specific, SectionPage):
        return specific
    return SectionPage.objects.ancestor_of(page).order_by("-depth").first()


def category_editors(page: Page):
    """The users who review `page` at the category step: the editors this year's plan names for its
    category (or the head of the item's unit, where the plan makes the unit heads its editors), else
    every member of the category editors' group."""
    from portal.planning.selectors import plan_row_editors

    User = get_user_model()
    category = category_of(page)
    if category is not None:
        named = plan_row_editors(category, unit_id=getattr(page.specific, "unit_id", None))
        if named is not None and named.exists():
            return named
    return User.objects.filter(is_active=True, groups__name=CATEGORY_EDITORS_GROUP).distinct()


class CategoryEditorReviewTask(Task):
    """First approval step: the category's editor approves, approves with a comment, or asks for changes."""

    def _can_review(self, obj, user) -> bool:
        return user.is_superuser or category_editors(obj).filter(pk=user.pk).exists()

    def user_can_access_editor(self, obj, user):
        return self._can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_review(obj, user)

    def get_actions(self, obj, user):
        if not self._can_review(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
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
