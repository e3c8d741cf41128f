"""E-mails about applications: to the applicant in the language they applied in, to staff in their own."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from portal.core.mail import render_subject, render_text, sender
from portal.core.models import AgencySettings

from .models import Application

User = get_user_model()


def absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def tracking_path(application: Application) -> str:
    return reverse("applications:track", kwargs={"public_id": application.public_id, "secret": application.secret})


def tracking_url(application: Application) -> str:
    """The secret tracking link, in the application's language."""
    with translation.override(application.language):
        return absolute(tracking_path(application))


def _render(event: str, context: dict) -> tuple[str, str]:
    # Signed with the agency's name from its details, in the language being rendered.
    context = {"agency_name": AgencySettings.load().name, **context}
    subject = render_subject(f"applications/emails/{event}_subject.txt", context)
    body = render_text(f"applications/emails/{event}.txt", context)
    return subject, body


def to_applicant(application: Application, event: str, **extra) -> None:
    with translation.override(application.language):
        context = {
            "application": application,
            "version": application.version,
            "tracking_url": absolute(tracking_path(application)),
            **extra,
        }
        subject, body = _render(event, context)
    EmailMessage(subject=subject, body=body, from_email=sender(), to=[application.email]).send()


def to_staff(users: Iterable, application: Application, event: str, **extra) -> None:
    seen = set()
    for user in users:
        if not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
            context = {
                "recipient": user,
                "application": application,
                "version": application.version,
                "admin_url": absolute(reverse("applications_admin:detail", args=[application.pk])),
                **extra,
            }
            subject, body = _render(event, context)
        EmailMessage(subject=subject, body=body, from_email=sender(), to=[user.email]).send()


def sign_in_link(email: str, url: str, language: str) -> None:
    with translation.override(language):
        subject, body = _render("sign_in", {"url": url, "email": email})
    EmailMessage(subject=subject, body=body, from_email=sender(), to=[email]).send()


def overdue_digest(user, entries: list[Application]) -> None:
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        context = {
            "recipient": user,
            "entries": [(a, absolute(reverse("applications_admin:detail", args=[a.pk]))) for a in entries],
            "queue_url": absolute(reverse("applications_admin:queue")),
        }
        subject, body = _render("overdue", context)
    EmailMessage(subject=subject, body=body, from_email=sender(), to=[user.email]).send()
