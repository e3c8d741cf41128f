"""Paying a fee online: start a payment, and accept the provider's notification exactly once.

A notification changes nothing unless its signature is the provider's, its reference is a
payment we started and its amount is that payment's. Accepting it is one transaction with the
payment's row locked, so a notification sent twice (providers retry) or replayed later finds
the payment already confirmed and changes nothing. Every notification, refused or not, is kept.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from unidecode import unidecode
from wagtail.log_actions import log

from .models import Payment, PaymentNotification
from .registry import InvalidSignature
from .selectors import provider
from .signals import payment_paid

logger = logging.getLogger(__name__)

# The provider's answer codes to an IPN (REFERENCE.md: VNPay's codes).
CONFIRMED, NOT_FOUND, ALREADY_CONFIRMED, INVALID_AMOUNT, INVALID_SIGNATURE, OTHER = "00", "01", "02", "04", "97", "99"
ANSWERS = {
    CONFIRMED: "Confirm Success",
    NOT_FOUND: "Order not found",
    ALREADY_CONFIRMED: "Order already confirmed",
    INVALID_AMOUNT: "Invalid amount",
    INVALID_SIGNATURE: "Invalid signature",
    OTHER: "Unknown error",
}
RETURN_COOKIE = "portal_payment_return"
RETURN_SALT = "portal.payments.return"


class PaymentError(Exception):
    pass


def payment_start(*, application, request: HttpRequest) -> tuple[Payment, str]:
    """A new payment of what the application owes, and the gateway address to send the payer to."""
    from portal.applications.models import Application

    plugin = provider()
    if plugin is None:
        raise PaymentError(_("Online payment is not available at the moment: pay at the service centre."))
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status in (Application.DRAFT, Application.REFUSED) or application.amount_due <= 0:
            raise PaymentError(_("Nothing is due on this application."))
        reference = f"{application.receipt_number.replace('-', '')}{secrets.token_hex(3).upper()}"
        payment = Payment.objects.create(
            provider=plugin.key,
            reference=reference,
            application=application,
            amount=application.amount_due,
            # Gateways take the order description without diacritics.
            description=unidecode(f"Thanh toan phi ho so {application.receipt_number}")[:255],
        )
        log(
            payment,
            "payments.start",
            user=None,
            data={"receipt_number": application.receipt_number, "amount": payment.amount},
        )
    return payment, plugin.start_url(payment, request=request)


def remember_return(response: HttpResponse, payment: Payment, tracking_path: str) -> None:
    """A signed cookie lets the return page link back to the tracking page, without the secret leaving the portal."""
    value = signing.dumps({"ref": payment.reference, "path": tracking_path}, salt=RETURN_SALT)
    response.set_cookie(
        RETURN_COOKIE,
        value,
        max_age=3600,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG and settings.SESSION_COOKIE_SECURE,
    )


def remembered_return(request: HttpRequest, reference: str) -> str:
    try:
        data = signing.loads(request.COOKIES.get(RETURN_COOKIE, ""), salt=RETURN_SALT, max_age=3600)
    except signing.BadSignature:
        return ""
    return data.get("path", "") if data.get("ref") == reference else ""


def _record(
    channel: str, params: dict, remote_addr: str | None, code: str, payment: Payment | None, plugin_key: str
) -> None:
    PaymentNotification.objects.create(
        provider=plugin_key,
        channel=channel,
        remote_addr=remote_addr or None,
        reference=str(params.get("vnp_TxnRef", ""))[:100],
        payment=payment,
        params={key: str(value)[:500] for key, value in list(params.items())[:60]},
        answer_code=code,
        answer=ANSWERS[code],
    )


def handle_notification(params: dict[str, str], *, remote_addr: str | None) -> tuple[str, str]:
    """Answer the provider's server-to-server notification: (code, message), as the provider expects."""
    plugin = provider()
    if plugin is None:
        return OTHER, ANSWERS[OTHER]
    try:
        confirmation = plugin.verify(params)
    except InvalidSignature:
        logger.warning(
            "Payment notification refused: invalid signature (ref %s, from %s)", params.get("vnp_TxnRef"), remote_addr
        )
        _record(PaymentNotification.IPN, params, remote_addr, INVALID_SIGNATURE, None, plugin.key)
        return INVALID_SIGNATURE, ANSWERS[INVALID_SIGNATURE]
    try:
        with transaction.atomic():
            code, payment = _confirm(confirmation, plugin.key)
            _record(PaymentNotification.IPN, params, remote_addr, code, payment, plugin.key)
    except Exception:
        logger.exception("Payment notification failed (ref %s)", confirmation.reference)
        _record(PaymentNotification.IPN, params, remote_addr, OTHER, None, plugin.key)
        return OTHER, ANSWERS[OTHER]
    return code, ANSWERS[code]


def _confirm(confirmation, plugin_key: str) -> tuple[str, Payment | None]:
    payment = Payment.objects.select_for_update().filter(reference=confirmation.reference, provider=plugin_key).first()
    if payment is None:
        logger.warning("Payment notification refused: unknown reference %s", confirmation.reference)
        return NOT_FOUND, None
    if confirmation.amount != payment.amount:
        logger.warning(
            "Payment notification refused: %s announces %s đ, %s đ is due",
            payment.reference,
            confirmation.amount,
            payment.amount,
        )
        log(payment, "payments.refused", user=None, data={"reason": "amount", "announced": confirmation.amount})
        return INVALID_AMOUNT, payment
    if payment.status != Payment.PENDING:
        logger.info("Payment notification repeated for %s (already %s)", payment.reference, payment.status)
        return ALREADY_CONFIRMED, payment
    payment.confirmed_at = timezone.now()
    payment.transaction_no, payment.bank_code = confirmation.transaction_no[:40], confirmation.bank_code[:20]
    payment.response_code = confirmation.response_code[:10]
    if confirmation.succeeded:
        payment.status = Payment.PAID
        payment.save()
        log(
            payment,
            "payments.paid",
            user=None,
            data={"transaction_no": payment.transaction_no, "amount": payment.amount},
        )
        payment_paid.send(sender=Payment, payment=payment)
    else:
        payment.status = Payment.FAILED
        payment.save()
        log(payment, "payments.failed", user=None, data={"response_code": payment.response_code})
    return CONFIRMED, payment


def read_return(params: dict[str, str], *, remote_addr: str | None) -> tuple[bool, Payment | None]:
    """(signature valid, the payment) for the page the payer returns to; it shows the state, it never changes it."""
    plugin = provider()
    if plugin is None:
        return False, None
    try:
        confirmation = plugin.verify(params)
    except InvalidSignature:
        _record(PaymentNotification.RETURN, params, remote_addr, INVALID_SIGNATURE, None, plugin.key)
        return False, None
    payment = Payment.objects.select_related("application").filter(reference=confirmation.reference).first()
    _record(PaymentNotification.RETURN, params, remote_addr, CONFIRMED if payment else NOT_FOUND, payment, plugin.key)
    return True, payment
