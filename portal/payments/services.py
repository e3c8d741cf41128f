"""Paying a fee online: start a payment, and accept the provider's notification exactly once.

An application has at most one payment under way: paying again while one waits at the gateway
resumes it, and once the fee is paid no payment starts. A notification changes nothing unless its
signature is the provider's, its reference is a payment we started and its amount is that
payment's. Accepting it is one transaction with the application's row locked, then the payment's
(the order payment_start locks them in too), so a notification sent twice (providers retry) or
replayed later finds the payment already confirmed and changes nothing, and two payments of one
fee both confirmed (the payer paid in two tabs) record the fee paid once and flag the second for
the officer to refund. Signed notifications are kept, accepted or refused; unsigned or malformed
ones are answered and logged, and only a bounded number of them per hour is kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from unidecode import unidecode
from wagtail.log_actions import log

from portal.core import ratelimit

from .models import Payment, PaymentNotification
from .registry import InvalidSignature
from .selectors import provider
from .signals import payment_duplicated, payment_paid

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
# A payment left at the gateway counts as abandoned this long after the gateway's own time limit
# (a confirmation still on its way is accepted even then).
EXPIRY_GRACE = dt.timedelta(minutes=5)
# Unsigned or badly signed notifications kept per hour (the rest only logged): a flood cannot fill the table.
REFUSED_KEPT_PER_HOUR = 20
PARAMS_KEPT, PARAM_LENGTH, REFUSED_PARAM_LENGTH = 30, 255, 130


class PaymentError(Exception):
    pass


def _settled_model():
    """The model a payment settles, as Payment.application names it: payments, which the applications
    import, never imports them back. What it reads of one: status, paid_at, amount_due, receipt_number."""
    return Payment._meta.get_field("application").related_model


@dataclass(frozen=True)
class Started:
    payment: Payment
    gateway_url: str
    resumed: bool  # True: the payment already under way, not a new one


def payment_start(*, application, request: HttpRequest) -> Started:
    """The payment of what the application owes and the gateway address to send the payer to: the
    one already waiting at the gateway if there is one, else a new one. Refused once the fee is paid."""
    Application = _settled_model()

    plugin = provider()
    if plugin is None:
        raise PaymentError(_("Online payment is not available at the moment: pay at the service centre."))
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        paid = application.payments.filter(status=Payment.PAID).order_by("confirmed_at").first()
        if application.paid_at is not None or paid is not None:
            when = application.paid_at or paid.confirmed_at
            raise PaymentError(
                _("The fee of this application was already paid on %(date)s: it cannot be paid twice.")
                % {"date": date_format(timezone.localtime(when), "d/m/Y H:i")}
            )
        if application.status in (Application.DRAFT, Application.REFUSED) or application.amount_due <= 0:
            raise PaymentError(_("Nothing is due on this application."))
        waiting = _expire_abandoned(application)
        if waiting is not None and waiting.expires_at <= timezone.now():
            # Past the gateway's limit, within the grace: a confirmation may still be on its way.
            raise PaymentError(
                _(
                    "The payment started at %(time)s may still be confirmed by the gateway. Please wait a few "
                    "minutes and open this page again before paying."
                )
                % {"time": date_format(timezone.localtime(waiting.created_at), "H:i d/m/Y")}
            )
        if waiting is not None and waiting.gateway_url and waiting.amount == application.amount_due:
            log(waiting, "payments.resume", user=None, data={"receipt_number": application.receipt_number})
            return Started(waiting, waiting.gateway_url, resumed=True)
        if waiting is not None:  # the fee changed since, or started before the address was kept: start anew
            waiting.status = Payment.EXPIRED
            waiting.save(update_fields=["status"])
        reference = f"{application.receipt_number.replace('-', '')}{secrets.token_hex(3).upper()}"
        payment = Payment.objects.create(
            provider=plugin.key,
            reference=reference,
            application=application,
            amount=application.amount_due,
            # Gateways take the order description without diacritics.
            description=unidecode(f"Thanh toan phi ho so {application.receipt_number}")[:255],
            expires_at=timezone.now() + plugin.time_limit(),
        )
        payment.gateway_url = plugin.start_url(payment, request=request)
        payment.save(update_fields=["gateway_url"])
        log(
            payment,
            "payments.start",
            user=None,
            data={"receipt_number": application.receipt_number, "amount": payment.amount},
        )
    return Started(payment, payment.gateway_url, resumed=False)


def _expire_abandoned(application, now: dt.datetime | None = None) -> Payment | None:
    """Mark the application's payments left at the gateway past their time limit as expired; return
    the one still under way, if any (called with the application's row locked)."""
    now = now or timezone.now()
    waiting = None
    for payment in application.payments.select_for_update().filter(status=Payment.PENDING).order_by("-created_at"):
        if payment.expires_at is None or payment.expires_at + EXPIRY_GRACE <= now or waiting is not None:
            payment.status = Payment.EXPIRED
            payment.save(update_fields=["status"])
            log(payment, "payments.expired", user=None, data={"reference": payment.reference})
        else:
            waiting = payment
    return waiting


def payments_expire_abandoned(*, application) -> Payment | None:
    """The tracking page's view of the payments: abandoned ones closed, the one under way returned."""
    Application = _settled_model()

    if not application.payments.filter(status=Payment.PENDING).exists():
        return None
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        return _expire_abandoned(locked)


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
        params=_kept_params(params, PARAM_LENGTH if code != INVALID_SIGNATURE else REFUSED_PARAM_LENGTH),
        answer_code=code,
        answer=ANSWERS[code],
    )


def _kept_params(params: dict, length: int) -> dict:
    """The provider's own parameters, bounded: a notification row stays small whatever was sent."""
    kept = [(key, value) for key, value in params.items() if str(key).startswith("vnp_")][:PARAMS_KEPT]
    return {str(key)[:40]: str(value)[:length] for key, value in kept}


def _refused(channel: str, params: dict, remote_addr: str | None, plugin_key: str) -> None:
    """An unsigned, forged or malformed notification: logged; kept only while few came this hour, and
    only if it looks like the provider's (a reference and a signature), never junk of any shape."""
    reference = str(params.get("vnp_TxnRef", ""))[:40]
    logger.warning("Payment notification refused: invalid signature (ref %s, from %s)", reference, remote_addr)
    looks_like_the_providers = bool(params.get("vnp_TxnRef")) and bool(params.get("vnp_SecureHash"))
    if looks_like_the_providers and ratelimit.attempt("payments-refused", "all", [(3600, REFUSED_KEPT_PER_HOUR)]):
        _record(channel, params, remote_addr, INVALID_SIGNATURE, None, plugin_key)


def handle_notification(params: dict[str, str], *, remote_addr: str | None) -> tuple[str, str]:
    """Answer the provider's server-to-server notification: (code, message), as the provider expects."""
    plugin = provider()
    if plugin is None:
        return OTHER, ANSWERS[OTHER]
    try:
        confirmation = plugin.verify(params)
    except InvalidSignature:
        _refused(PaymentNotification.IPN, params, remote_addr, plugin.key)
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
    Application = _settled_model()

    found = Payment.objects.filter(reference=confirmation.reference, provider=plugin_key).only("application").first()
    if found is None:
        logger.warning("Payment notification refused: unknown reference %s", confirmation.reference)
        return NOT_FOUND, None
    # The application first, then the payment: the order payment_start locks them in.
    application = Application.objects.select_for_update().get(pk=found.application_id)
    payment = Payment.objects.select_for_update().get(pk=found.pk)
    if confirmation.amount != payment.amount:
        logger.warning(
            "Payment notification refused: %s announces %s đ, %s đ is due",
            payment.reference,
            confirmation.amount,
            payment.amount,
        )
        log(payment, "payments.refused", user=None, data={"reason": "amount", "announced": confirmation.amount})
        return INVALID_AMOUNT, payment
    # An expired payment may still be confirmed: the payer can finish at the gateway just in time.
    if payment.status not in (Payment.PENDING, Payment.EXPIRED):
        logger.info("Payment notification repeated for %s (already %s)", payment.reference, payment.status)
        return ALREADY_CONFIRMED, payment
    payment.confirmed_at = timezone.now()
    payment.transaction_no, payment.bank_code = confirmation.transaction_no[:40], confirmation.bank_code[:20]
    payment.response_code = confirmation.response_code[:10]
    already_paid = (
        application.paid_at is not None
        or application.payments.filter(status=Payment.PAID).exclude(pk=payment.pk).exists()
    )
    if confirmation.succeeded and already_paid:
        # The money was taken: acknowledged to the provider, never counted as the fee a second time.
        payment.status = Payment.DUPLICATE
        payment.save()
        logger.warning("Payment %s paid a fee already paid: flagged for refund", payment.reference)
        log(
            payment,
            "payments.duplicate",
            user=None,
            data={"transaction_no": payment.transaction_no, "amount": payment.amount},
        )
        payment_duplicated.send(sender=Payment, payment=payment)
    elif confirmation.succeeded:
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
        _refused(PaymentNotification.RETURN, params, remote_addr, plugin.key)
        return False, None
    payment = Payment.objects.select_related("application").filter(reference=confirmation.reference).first()
    _record(PaymentNotification.RETURN, params, remote_addr, CONFIRMED if payment else NOT_FOUND, payment, plugin.key)
    return True, payment


def payment_mark_refunded(*, application, payment_id: int, user, note: str) -> Payment:
    """The officer refunded a fee paid twice (through the provider's merchant portal) and records it.
    Whoever may handle the application decides that (checked by the caller, as for every step)."""
    Application = _settled_model()

    with transaction.atomic():
        Application.objects.select_for_update().get(pk=application.pk)
        payment = Payment.objects.select_for_update().filter(pk=payment_id, application_id=application.pk).first()
        if payment is None or payment.status != Payment.DUPLICATE:
            raise PaymentError(_("This payment is not one to refund."))
        payment.status = Payment.REFUNDED
        payment.save(update_fields=["status"])
        log(
            payment,
            "payments.refunded",
            user=user,
            data={"reference": payment.reference, "amount": payment.amount, "note": note.strip()},
        )
    return payment
