"""The application form's guards against automation: the shared mechanisms (`portal.core.formguards`
and `portal.core.ratelimit`, as the Q&A form uses them) with the applications' own numbers, each a
setting with a default here.

From one address: every post of the form, new drafts and submissions are counted per window; the
files its open drafts keep are bounded; and e-mails to an address the sender has not proved is
theirs (by signing in with it) are counted per recipient and per sending address, so that the
form cannot be used to flood someone else's inbox.
"""

from __future__ import annotations

from django.conf import settings

from portal.core import clients, formguards, ratelimit
from portal.core.formguards import TokenProblem  # noqa: F401 - the views name the problems through here

FORM_TOKEN_SALT = "portal.applications.apply-form"

DEFAULTS = {
    # A person needs a few seconds to fill in the form; a form left open for a day is stale.
    "APPLICATIONS_MIN_SECONDS_TO_SUBMIT": 3,
    "APPLICATIONS_MAX_SECONDS_TO_SUBMIT": 24 * 60 * 60,
    # Per client address: posts of the form per 10 minutes, new drafts and submissions per hour.
    "APPLICATIONS_POSTS_PER_10_MINUTES": 60,
    "APPLICATIONS_DRAFTS_PER_HOUR": 25,
    "APPLICATIONS_SUBMISSIONS_PER_HOUR": 10,
    # Files (and bytes) kept in the open drafts made from one address in the last DAYS days.
    "APPLICATIONS_DRAFT_FILES_PER_ADDRESS": 60,
    "APPLICATIONS_DRAFT_BYTES_PER_ADDRESS": 200 * 1024 * 1024,
    "APPLICATIONS_DRAFT_FILES_DAYS": 30,
    # E-mails to an address not confirmed by the sender: per recipient, and per sending address, per hour.
    "APPLICATIONS_MAILS_PER_UNCONFIRMED_RECIPIENT_PER_HOUR": 5,
    "APPLICATIONS_MAILS_TO_UNCONFIRMED_PER_ADDRESS_PER_HOUR": 20,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


def address_digest(address: str) -> str:
    """What an application keeps of the address it was made from (to bound a flood, never to find anyone)."""
    return clients.address_digest(address, purpose="applications-address")


def form_token(now: float | None = None) -> str:
    return formguards.form_token(FORM_TOKEN_SALT, now)


def check_form_token(token: str, now: float | None = None) -> str | None:
    return formguards.check_form_token(
        token,
        purpose=FORM_TOKEN_SALT,
        min_seconds=get("APPLICATIONS_MIN_SECONDS_TO_SUBMIT"),
        max_seconds=get("APPLICATIONS_MAX_SECONDS_TO_SUBMIT"),
        now=now,
    )


def post_allowed(address: str) -> bool:
    """Every post of the form counts, valid or not."""
    return ratelimit.attempt("applications-post", address, [(600, get("APPLICATIONS_POSTS_PER_10_MINUTES"))]).allowed


def draft_slot_reserved(address: str) -> bool:
    return ratelimit.attempt("applications-draft", address, [(3600, get("APPLICATIONS_DRAFTS_PER_HOUR"))]).allowed


def submission_slot_reserved(address: str) -> bool:
    return ratelimit.attempt(
        "applications-submission", address, [(3600, get("APPLICATIONS_SUBMISSIONS_PER_HOUR"))]
    ).allowed


def lookup_allowed(address: str) -> bool:
    """Look-ups by receipt number and tracking code, so that codes cannot be tried by the thousand."""
    return ratelimit.attempt("applications-lookup", address, [(600, settings.APPLICATIONS_LOOKUP_LIMIT)]).allowed


def sign_in_allowed(address: str) -> bool:
    return ratelimit.attempt("applications-sign-in", address, [(3600, settings.APPLICATIONS_SIGN_IN_LIMIT)]).allowed


def unconfirmed_mail_allowed(recipient: str, address: str) -> bool:
    """Count one e-mail to `recipient`, an address the sender has not proved is theirs, sent because
    of a request from `address`; True while both the recipient's and the sender's counts allow it."""
    to_recipient = ratelimit.attempt(
        "applications-mail-to",
        recipient.strip().lower(),
        [(3600, get("APPLICATIONS_MAILS_PER_UNCONFIRMED_RECIPIENT_PER_HOUR"))],
    ).allowed
    from_address = ratelimit.attempt(
        "applications-mail-from", address, [(3600, get("APPLICATIONS_MAILS_TO_UNCONFIRMED_PER_ADDRESS_PER_HOUR"))]
    ).allowed
    return to_recipient and from_address
