"""The one rate limit of the portal: how often one client (an address, an e-mail typed, a recipient)
may do one thing (`scope`) per window, counted by django-ratelimit in Django's cache (local memory on
one machine, Redis shared by the app servers in production), so a flood is refused there, before the
database, while every other client keeps its own count.

Every public form and look-up uses it with its app's own numbers and wording (Q&A, applications and
their drafts and e-mails, comments on drafts, the open data API, password reset, refused payment
notifications). Two limits are the libraries' of their own: failed sign-ins per account and per
address are django-axes', wrong second-factor codes django-otp's.

The client is counted under a keyed digest, never as itself: the cache holds no one's address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django_ratelimit.core import get_usage

from .clients import address_digest


@dataclass(frozen=True)
class Verdict:
    """Whether the attempt stays within every limit, and if not, how many seconds until it would."""

    allowed: bool
    retry_after: int = 0

    def __bool__(self) -> bool:
        return self.allowed


def attempt(scope: str, who: str, limits: Iterable[tuple[int, int | None]]) -> Verdict:
    """Count one attempt of `who` in each (window seconds, limit) of `scope`, atomically, and say
    whether every count stays within its limit (a limit of 0 or None: no limit). Every window counts,
    even once one is exceeded, so that a flood stays refused for the whole of each window."""
    value = address_digest(who or "unknown", purpose="attempts")[:32]
    waits = []
    for window, limit in limits:
        if not limit:
            continue
        usage = get_usage(None, group=scope, key=lambda group, request: value, rate=(limit, window), increment=True)
        if usage is not None and usage["should_limit"]:
            # time_left is 0 in the window's last second: the next window starts a second later.
            waits.append(max(1, usage["time_left"] + 1))
    return Verdict(allowed=not waits, retry_after=max(waits, default=0))
