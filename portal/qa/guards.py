"""Abuse resistance without third-party services: a signed time stamp, per-address limits.

The limits count in Django's cache (`portal.core.clients`): a flood from one address is refused
there before it reaches the database, while every other address keeps its own count.
"""

import time

from django.core import signing

from portal.core import clients

from . import conf

FORM_TOKEN_SALT = "portal.qa.ask-form"


def address_digest(address: str) -> str:
    """What a question keeps of its sender's address (to group a flood, never to find anyone)."""
    return clients.address_digest(address, purpose="qa-address")


def form_token(now: float | None = None) -> str:
    """Signed time at which the form was shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=FORM_TOKEN_SALT)


class TokenProblem:
    MISSING = "missing"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"


def check_form_token(token: str, now: float | None = None) -> str | None:
    """None if the form was filled in at a human pace, else the problem (a TokenProblem value)."""
    now = now if now is not None else time.time()
    try:
        shown_at = int(signing.loads(token or "", salt=FORM_TOKEN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return TokenProblem.MISSING
    elapsed = now - shown_at
    if elapsed < conf.get("QA_MIN_SECONDS_TO_SUBMIT"):
        return TokenProblem.TOO_FAST
    if elapsed > conf.get("QA_MAX_SECONDS_TO_SUBMIT"):
        return TokenProblem.EXPIRED
    return None


def _count(scope: str, address: str, window_seconds: int, now: float) -> int:
    return clients.count_attempt(f"qa-{scope}", address, window_seconds=window_seconds, now=now)


def post_allowed(address: str, now: float | None = None) -> bool:
    """Every post of the form counts, valid or not (a bot sending junk is a flood too)."""
    return _count("post", address, 600, now or time.time()) <= conf.get("QA_POSTS_PER_10_MINUTES")


def lookup_allowed(address: str, now: float | None = None) -> bool:
    """Status look-ups by tracking code, so that codes cannot be tried by the thousand."""
    return _count("lookup", address, 600, now or time.time()) <= conf.get("QA_LOOKUPS_PER_10_MINUTES")


def question_slot_reserved(address: str, now: float | None = None) -> bool:
    """Count one more question from this address (atomically, so two at once cannot both slip
    under the limit) and say whether it stays within the hourly and daily limits."""
    now = now or time.time()
    hourly = _count("hour", address, 3600, now) <= conf.get("QA_QUESTIONS_PER_HOUR")
    daily = _count("day", address, 86400, now) <= conf.get("QA_QUESTIONS_PER_DAY")
    return hourly and daily
