"""What the public forms share against automation: a signed time stamp and a honeypot (their
per-address limits are `portal.core.ratelimit`'s).

Each form keeps its own wording and its own numbers (its app's conf); the mechanism is this one:
the time stamp is signed with a salt per form and the honeypot is a field people never see.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from django.core import signing

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
