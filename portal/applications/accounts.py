"""The applicants' light accounts: an e-mail address proved by a single-use sign-in link, kept in the session.

Separate from staff on purpose: an applicant is not a Django user, has no password and can never
reach the admin; signing in only lets them see their own applications and reuse what they gave.
"""

from __future__ import annotations

from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from portal.core.models import AgencySettings

from . import guards
from .models import Applicant, Application
from .notifications import absolute, sign_in_link

SESSION_KEY = "applicant_id"
LINK_SALT = "portal.applications.sign-in"
LINK_MAX_AGE = 30 * 60  # seconds


def current_applicant(request: HttpRequest) -> Applicant | None:
    applicant_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not applicant_id:
        return None
    return Applicant.objects.filter(pk=applicant_id).first()


def _stamp(applicant: Applicant) -> str:
    return applicant.last_login_at.isoformat() if applicant.last_login_at else ""


def send_sign_in_link(
    *, email: str, language: str, address: str | None = None, agency: AgencySettings | None = None
) -> bool:
    """E-mail a link that signs in as `email`: only whoever reads that mailbox can use it.

    The address is not proved yet, so it gets a limited number of links an hour, as does the
    client `address` asking for them (False: not sent)."""
    if address is not None and not guards.unconfirmed_mail_allowed(email, address):
        return False
    applicant, _created = Applicant.objects.get_or_create(email=email.strip().lower(), defaults={"language": language})
    token = signing.dumps({"a": applicant.pk, "s": _stamp(applicant)}, salt=LINK_SALT)
    # The link opens on the site it was asked from (`agency`'s): the applicant's session lives there.
    url = absolute(reverse("applications:sign_in_confirm", kwargs={"token": token}), agency)
    sign_in_link(applicant.email, url, language, agency)
    return True


def sign_in_with_token(request: HttpRequest, token: str) -> Applicant | None:
    """The applicant the link was made for, signed in; None if the link is forged, expired or used."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    with transaction.atomic():
        applicant = Applicant.objects.select_for_update().filter(pk=payload.get("a")).first()
        if applicant is None or payload.get("s") != _stamp(applicant):
            return None  # signing in changes the stamp, so each link works once
        applicant.last_login_at = timezone.now()
        applicant.save(update_fields=["last_login_at"])
        # Applications sent to this address without signing in become part of the account.
        Application.objects.filter(applicant__isnull=True, email=applicant.email).update(applicant=applicant)
    request.session.cycle_key()
    request.session[SESSION_KEY] = applicant.pk
    return applicant


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
