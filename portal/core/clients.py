"""Who is asking, and how often: the client's address and per-address counts for the public forms.

Every public form and look-up (questions, comments on drafts, applications, the open-data API)
counts attempts per address in Django's cache (local memory on one machine, Redis shared by the
app servers in production), so a flood from one address is refused there, before the database,
while every other address keeps its own count.
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind a reverse proxy every request comes from the proxy, so the
    address is read from the header the proxy sets (CLIENT_ADDRESS_HEADER, e.g. "HTTP_X_REAL_IP")."""
    header = settings.CLIENT_ADDRESS_HEADER
    address = request.META.get(header, "") if header else ""
    # A proxy may append a chain "client, proxy1, proxy2": the first is the client as that proxy saw it.
    address = address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    return address or "unknown"


def client_ip(request: HttpRequest) -> str | None:
    """`client_address` when it is an IP address, else None: what the sign-in log stores (PostgreSQL's
    inet column refuses anything else, such as a forged header or a request with no address)."""
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def address_digest(address: str, *, purpose: str) -> str:
    """A keyed digest of the address: enough to group a flood, useless to find where anyone lives."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{address}".encode(), hashlib.sha256).hexdigest()


def count_attempt(scope: str, address: str, *, window_seconds: int, now: float | None = None) -> int:
    """Add one to the address's count for the current window of `scope`; return the new count."""
    now = now if now is not None else time.time()
    window = int(now // window_seconds)
    key = f"attempts:{scope}:{address_digest(address, purpose='attempts')[:32]}:{window}"
    cache.add(key, 0, timeout=window_seconds * 2)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window_seconds * 2)
        return 1
