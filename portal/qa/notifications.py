"""E-mails of the Q&A: to the asker in the language they asked in, to staff in their admin language."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from portal.core.mail import render_subject, render_text, sender
from portal.core.models import AgencySettings

from .models import Question
from .text import subject_line

logger = logging.getLogger(__name__)


def admin_url(question: Question) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{reverse('qa_questions:inspect', args=[question.pk])}"


def list_url() -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{reverse('qa_questions:index')}"


def _render(event: str, context: dict) -> tuple[str, str]:
    subject = render_subject(f"qa/emails/{event}_subject.txt", context)
    body = render_text(f"qa/emails/{event}.txt", context)
    return subject_line(subject, limit=200), body


def _reply_to(agency: AgencySettings) -> list[str]:
    return [agency.email] if agency.email else []


def to_asker(question: Question, event: str, **context) -> None:
    """A mail to the asker, named and signed by the agency the question was asked of."""
    agency = question.agency
    with translation.override(question.language):
        subject, body = _render(
            event,
            {
                "question": question,
                "title": subject_line(question.title, limit=80),
                "agency_name": agency.name,
                "agency_address": agency.address,
                "agency_phone": agency.phone,
                "received_at": timezone.localtime(question.received_at),
                "due_at": timezone.localtime(question.due_at),
                **context,
            },
        )
    EmailMessage(
        subject=subject, body=body, from_email=sender(agency=agency), to=[question.email], reply_to=_reply_to(agency)
    ).send()


def to_staff(users: Iterable, event: str, *, question: Question | None = None, actor=None, **context) -> int:
    """One e-mail per recipient with an address, rendered in the recipient's admin language."""
    sent, seen = 0, set()
    for user in users:
        if not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
            subject, body = _render(
                event,
                {
                    "recipient": user,
                    "question": question,
                    "title": subject_line(question.title, limit=80) if question else "",
                    "actor": actor,
                    "url": admin_url(question) if question else "",
                    "due_at": timezone.localtime(question.due_at) if question else None,
                    **context,
                },
            )
        from_email = sender(agency=question.agency) if question else sender()
        EmailMessage(subject=subject, body=body, from_email=from_email, to=[user.email]).send()
        sent += 1
    return sent
