"""E-mails about applications: to the applicant in the language they applied in, to staff in their own."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

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


def site_base_url(agency: AgencySettings | None = None) -> str:
    """Scheme and host of an agency's public site, for links in mails: the installation's address
    (WAGTAILADMIN_BASE_URL) for the default site's agency, that agency's own host name for another's."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if agency is None or agency.site.is_default_site:
        return base
    site = agency.site
    port = "" if site.port in (80, 443) else f":{site.port}"
    return f"{urlsplit(base).scheme}://{site.hostname}{port}"


def absolute(path: str, agency: AgencySettings | None = None) -> str:
    return f"{site_base_url(agency)}{path}"


def tracking_path(application: Application) -> str:
    return reverse("applications:track", kwargs={"public_id": application.public_id, "secret": application.secret})


def tracking_url(application: Application) -> str:
    """The secret tracking link on the application's agency's site, in the application's language."""
    with translation.override(application.language):
        return absolute(tracking_path(application), application.agency)


def _render(event: str, context: dict, agency: AgencySettings | None = None) -> tuple[str, str]:
    # Named and signed as the agency (by default the default site's), in the language being rendered.
    agency = agency or AgencySettings.load()
    context = {
        "agency_name": agency.name,
        "agency_address": agency.address,
        "agency_phone": agency.phone,
        **context,
    }
    subject = render_subject(f"applications/emails/{event}_subject.txt", context)
    body = render_text(f"applications/emails/{event}.txt", context)
    return subject, body


def to_applicant(application: Application, event: str, **extra) -> None:
    """A mail to the applicant, named and signed by the agency the application was made to."""
    agency = application.agency
    with translation.override(application.language):
        context = {
            "application": application,
            "version": application.version,
            "tracking_url": absolute(tracking_path(application), agency),
            **extra,
        }
        subject, body = _render(event, context, agency)
    EmailMessage(subject=subject, body=body, from_email=sender(agency=agency), to=[application.email]).send()


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
            subject, body = _render(event, context, application.agency)
        EmailMessage(subject=subject, body=body, from_email=sender(agency=application.agency), to=[user.email]).send()


def sign_in_link(email: str, url: str, language: str, agency: AgencySettings | None = None) -> None:
    agency = agency or AgencySettings.load()
    with translation.override(language):
        subject, body = _render("sign_in", {"url": url, "email": email}, agency)
    EmailMessage(subject=subject, body=body, from_email=sender(agency=agency), to=[email]).send()


def overdue_digest(user, entries: list[Application]) -> None:
    agency = entries[0].agency if entries else AgencySettings.load()  # a unit's applications: one agency's
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        context = {
            "recipient": user,
            "entries": [(a, absolute(reverse("applications_admin:detail", args=[a.pk]))) for a in entries],
            "queue_url": absolute(reverse("applications_admin:queue")),
        }
        subject, body = _render("overdue", context, agency)
    EmailMessage(subject=subject, body=body, from_email=sender(agency=agency), to=[user.email]).send()
