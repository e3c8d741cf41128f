"""The Q&A form's guards: the shared mechanisms (`portal.core.formguards`, `portal.core.ratelimit`)
with the Q&A's own numbers."""

from portal.core import clients, formguards, ratelimit
from portal.core.formguards import TokenProblem  # noqa: F401 - the views name the problems through here

from . import conf

FORM_TOKEN_SALT = "portal.qa.ask-form"


def address_digest(address: str) -> str:
    """What a question keeps of its sender's address (to group a flood, never to find anyone)."""
    return clients.address_digest(address, purpose="qa-address")


def form_token(now: float | None = None) -> str:
    """Signed time at which the form was shown."""
    return formguards.form_token(FORM_TOKEN_SALT, now)


def check_form_token(token: str, now: float | None = None) -> str | None:
    """None if the form was filled in at a human pace, else the problem (a TokenProblem value)."""
    return formguards.check_form_token(
        token,
        purpose=FORM_TOKEN_SALT,
        min_seconds=conf.get("QA_MIN_SECONDS_TO_SUBMIT"),
        max_seconds=conf.get("QA_MAX_SECONDS_TO_SUBMIT"),
        now=now,
    )


def post_allowed(address: str) -> bool:
    """Every post of the form counts, valid or not (a bot sending junk is a flood too)."""
    return ratelimit.attempt("qa-post", address, [(600, conf.get("QA_POSTS_PER_10_MINUTES"))]).allowed


def lookup_allowed(address: str) -> bool:
    """Status look-ups by tracking code, so that codes cannot be tried by the thousand."""
    return ratelimit.attempt("qa-lookup", address, [(600, conf.get("QA_LOOKUPS_PER_10_MINUTES"))]).allowed


def question_slot_reserved(address: str) -> bool:
    """Count one more question from this address (atomically, so two at once cannot both slip
    under the limit) and say whether it stays within the hourly and daily limits."""
    limits = [(3600, conf.get("QA_QUESTIONS_PER_HOUR")), (86400, conf.get("QA_QUESTIONS_PER_DAY"))]
    return ratelimit.attempt("qa-question", address, limits).allowed
