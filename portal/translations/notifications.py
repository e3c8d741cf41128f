"""E-mails to the unit that owes a translation, each in the recipient's admin language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from portal.core.mail import render_subject, render_text, sender

from .models import TranslationTask
from .services import unit_members

EVENTS = ("created", "due_today", "overdue")


def send_task_mail(task: TranslationTask, *, event: str) -> int:
    """One message per member of the task's unit; returns how many were sent."""
    assert event in EVENTS
    queue_url = f"{settings.WAGTAILADMIN_BASE_URL}{reverse('translations_queue')}"
    sent = 0
    for user in unit_members(task):
        # The recipient's own choice, else the site's language (not that of whoever triggered the mail).
        language = UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {"recipient": user, "task": task, "page": task.original, "queue_url": queue_url}
            subject = render_subject(f"translations/emails/{event}_subject.txt", context)
            body = render_text(f"translations/emails/{event}.txt", context)
        EmailMessage(subject=subject, body=body, from_email=sender(), to=[user.email]).send()
        sent += 1
    return sent
