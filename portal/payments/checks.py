"""Deployment checks: production never pays through the sandbox or with its public secret.

The sandbox's secret is printed in the settings and the README, so anyone can sign a payment
confirmation with it: a server using it as VNPAY_HASH_SECRET would accept forged payments, and
the sandbox gateway, if on, confirms any payment to anyone who asks. `manage.py check --deploy`
fails on either (production's walkthrough runs it before starting).
"""

from django.conf import settings
from django.core import checks

# The embedded default's secret (portal/settings/base.py), public on purpose.
SANDBOX_HASH_SECRET = "SANDBOX-ONLY-SECRET-SO-NGOAI-VU-HUE-2026"  # noqa: S105


@checks.register(checks.Tags.security, deploy=True)
def check_payments_not_sandbox(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    secret = settings.PAYMENTS_VNPAY.get("HASH_SECRET", "")
    if secret and secret.strip() == SANDBOX_HASH_SECRET:
        errors.append(
            checks.Error(
                "VNPAY_HASH_SECRET is the sandbox's public secret: anyone could sign a payment confirmation.",
                hint="Set VNPAY_HASH_SECRET to the secret VNPay gave the merchant, or leave it empty to turn "
                "online payment off.",
                id="payments.E001",
            )
        )
    if settings.PAYMENTS_SANDBOX_ENABLED:
        errors.append(
            checks.Error(
                "The payment sandbox is on: it confirms any payment to anyone who asks.",
                hint="Set PAYMENTS_SANDBOX_ENABLED = False (production's settings do).",
                id="payments.E002",
            )
        )
    return errors
