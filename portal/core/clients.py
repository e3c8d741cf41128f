"""Who is asking: the client's address (behind the proxy), and a keyed digest of it that groups a
flood without telling where anyone is (what `portal.core.ratelimit` counts under).
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
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
