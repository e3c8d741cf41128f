from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Task, TaskState

from portal.news.models import SectionPage

CATEGORY_EDITORS_GROUP = "Phụ trách biên tập"


class CategoryEditor(models.Model):
    """Who reviews the items of a category (Appendix I, "Phụ trách biên tập tin").

    Set on the Vietnamese category; its English translation shares the assignment.
    """

    section = models.ForeignKey(
        SectionPage, verbose_name=_("category"), on_delete=models.CASCADE, related_name="editor_assignments"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("category editor"),
        on_delete=models.CASCADE,
        related_name="category_assignments",
    )

    class Meta:
        verbose_name = _("category editor")
        verbose_name_plural = _("category editors")
        constraints = [models.UniqueConstraint(fields=["section", "editor"], name="unique_category_editor")]

    def __str__(self) -> str:
        return f"{self.section.title}: {self.editor.get_full_name() or self.editor.get_username()}"


def category_of(page: Page) -> SectionPage | None:
    """The category an item belongs to (its nearest category ancestor, or itself)."""
    specific = page.specific
    if isinstance(specific, SectionPage):
        return specific
    return SectionPage.objects.ancestor_of(page).order_by("-depth").first()


def category_editors(page: Page):
    """The users who review `page` at the category step: those assigned to its category
    (in any language), else every member of the category editors' group."""
    User = get_user_model()
    category = category_of(page)
    if category is not None:
        assigned = User.objects.filter(
            is_active=True, category_assignments__section__translation_key=category.translation_key
        ).distinct()
        if assigned.exists():
            return assigned
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
        return in_progress.filter(
            pk__in=[
                state.pk
                for state in in_progress.select_related("workflow_state")
                if self._can_review(state.workflow_state.content_object, user)
            ]
        )

    @classmethod
    def get_description(cls):
        return _("The editor of the item's category (or the category editors' group) reviews it")

    class Meta:
        verbose_name = _("category editor review")
        verbose_name_plural = _("category editor reviews")
