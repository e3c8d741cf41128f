"""What the public forms share against automation: a signed time stamp, a honeypot, per-address limits.

Each form keeps its own wording and its own numbers (its app's conf); the mechanism is this one:
the time stamp is signed with a salt per form, the honeypot is a field people never see, and the
limits count in Django's cache per address (`portal.core.clients`), so a flood from one address is
refused before it reaches the database while every other address keeps its own count.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from django.core import signing

from . import clients

HONEYPOT_FIELD = "website"


class TokenProblem:
    MISSING = "missing"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"


def form_token(purpose: str, now: float | None = None) -> str:
    """Signed time at which the form was shown, valid for this form (`purpose`) only."""
    return signing.dumps(int(now if now is not None else time.time()), salt=purpose)


def check_form_token(
    token: str, *, purpose: str, min_seconds: float, max_seconds: float, now: float | None = None
) -> str | None:
    """None if the form was filled in at a human pace, else the problem (a TokenProblem value)."""
    now = now if now is not None else time.time()
    try:
        shown_at = int(signing.loads(token or "", salt=purpose))
    except (signing.BadSignature, TypeError, ValueError):
        return TokenProblem.MISSING
    elapsed = now - shown_at
    if elapsed < min_seconds:
        return TokenProblem.TOO_FAST
    if elapsed > max_seconds:
        return TokenProblem.EXPIRED
    return None


def honeypot_filled(data: Mapping) -> bool:
    """True when the field hidden from people was filled in (by a bot that fills every field)."""
    return bool(str(data.get(HONEYPOT_FIELD, "") or "").strip())


def within_limits(scope: str, key: str, limits: Iterable[tuple[int, int]], now: float | None = None) -> bool:
    """Count one more attempt of `key` (an address, an e-mail) in each (window seconds, limit) of
    `scope`, atomically, and say whether every count stays within its limit. Every window counts,
    even once one is exceeded, so that a flood stays refused for the whole of each window."""
    now = now if now is not None else time.time()
    counts = [
        (clients.count_attempt(f"{scope}:{window}", key, window_seconds=window, now=now), limit)
        for window, limit in limits
    ]
    return all(count <= limit for count, limit in counts)
