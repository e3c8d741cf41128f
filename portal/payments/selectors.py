from django.conf import settings

from .registry import register


def provider():
    """The payment provider in use, or None when online payment is not configured."""
    key = settings.PAYMENTS_PROVIDER
    if key not in register:
        return None
    plugin = register[key]
    return plugin if plugin.is_configured() else None


def payment_available() -> bool:
    return provider() is not None
