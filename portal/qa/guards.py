"""Abuse resistance without third-party services: a signed time stamp, per-address limits.

The limits count in Django's cache (local memory on one machine, Redis in production): a flood
from one address is refused there before it reaches the database, while every other address
keeps its own count.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from . import conf

FORM_TOKEN_SALT = "portal.qa.ask-form"


def client_address(request: HttpRequest) -> str:
    header = conf.get("QA_CLIENT_ADDRESS_HEADER")
    address = request.META.get(header, "") if header else ""
    # A proxy may append a chain "client, proxy1, proxy2": the first is the client as that proxy saw it.
    address = address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    return address or "unknown"


def address_digest(address: str) -> str:
    """A keyed digest of the address: enough to group a flood, useless to find where anyone lives."""
    return hmac.new(settings.SECRET_KEY.encode(), f"qa-address:{address}".encode(), hashlib.sha256).hexdigest()


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
    """Add one to the address's counter for the current window and return the new count."""
    window = int(now // window_seconds)
    key = f"qa:rate:{scope}:{address_digest(address)[:32]}:{window}"
    cache.add(key, 0, timeout=window_seconds * 2)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window_seconds * 2)
        return 1


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
