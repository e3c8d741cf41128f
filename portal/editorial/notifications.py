"""E-mails for every step of the approval workflow, in each recipient's language.

Wagtail's own workflow e-mails are replaced (see apps.py) because they stay silent on two
cases the newsroom needs: an approval with a comment, and a rejection at the second step,
which must reach the first step's reviewers too.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.utils import translation
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import AbstractGroupApprovalTask, TaskState
from wagtail.users.models import UserProfile

from portal.core.mail import render_subject, render_text, sender

from .models import CategoryEditorReviewTask, category_editors

User = get_user_model()


def reviewers_of(task, page):
    """Who may act on `task` for `page` (never its author: models.is_author)."""
    task = task.specific
    if isinstance(task, CategoryEditorReviewTask):
        return category_editors(page).exclude(pk=page.owner_id)
    if isinstance(task, AbstractGroupApprovalTask):
        return User.objects.filter(is_active=True, groups__in=task.groups.all()).exclude(pk=page.owner_id).distinct()
    return User.objects.none()


def _authors(task_state: TaskState) -> list:
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    return [user for user in (workflow_state.requested_by, getattr(page, "owner", None)) if user is not None]


def _send(recipients: Iterable, *, event: str, task_state: TaskState, actor=None) -> None:
    """One e-mail per recipient, rendered in the recipient's admin language."""
    page = task_state.workflow_state.content_object
    edit_path = AdminURLFinder().get_edit_url(page) or ""
    seen = set()
    for user in recipients:
        if not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        language = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(language):
            context = {
                "recipient": user,
                "page": page,
                "task": task_state.task,
                "actor": actor,
                "comment": task_state.comment,
                "edit_url": f"{settings.WAGTAILADMIN_BASE_URL}{edit_path}",
                "next_task": task_state.workflow_state.current_task_state,
            }
            subject = render_subject(f"editorial/emails/{event}_subject.txt", context)
            body = render_text(f"editorial/emails/{event}.txt", context)
        EmailMessage(subject=subject, body=body, from_email=sender(), to=[user.email]).send()


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs) -> None:
    page = instance.workflow_state.content_object
    _send(reviewers_of(instance.task, page), event="review_requested", task_state=instance, actor=user)
    _send(_authors(instance), event="moved_to_step", task_state=instance, actor=user)


def on_task_approved(sender, instance: TaskState, user=None, **kwargs) -> None:
    if instance.comment:
        _send(_authors(instance), event="approved_with_comment", task_state=instance, actor=user)


def on_task_rejected(sender, instance: TaskState, user=None, **kwargs) -> None:
    page = instance.workflow_state.content_object
    earlier_reviewers = []
    for earlier in instance.workflow_state.task_states.exclude(pk=instance.pk).select_related("task"):
        earlier_reviewers.extend(reviewers_of(earlier.task, page))
    _send([*_authors(instance), *earlier_reviewers], event="changes_requested", task_state=instance, actor=user)


def on_workflow_approved(sender, instance, user=None, **kwargs) -> None:
    last_step = instance.task_states.order_by("-started_at", "-pk").first()
    if last_step is not None:
        _send(_authors(last_step), event="published", task_state=last_step, actor=user)
