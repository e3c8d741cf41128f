"""VNPay payment gateway, protocol 2.1.0: a signed redirect, a signed return and a signed IPN.

The merchant builds the payment URL from its parameters sorted by key, each `key=urlencoded(value)`,
joined by `&`, and appends `vnp_SecureHash`: HMAC-SHA512 (hex) of that string with the merchant's
secret. VNPay signs the return URL and the server-to-server IPN the same way; both are verified
here. Only the IPN changes an order's state; the return URL is for display.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from urllib.parse import quote_plus

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..registry import BasePlugin, Confirmation, InvalidSignature, register

VERSION = "2.1.0"
GMT7 = dt.timezone(dt.timedelta(hours=7))
DATE_FORMAT = "%Y%m%d%H%M%S"
SIGNATURE_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")


def canonical_query(params: dict[str, str]) -> str:
    """The signed string: vnp_ parameters (not the hash) sorted by key, values URL-encoded as VNPay does."""
    pairs = sorted(
        (key, str(value)) for key, value in params.items() if key.startswith("vnp_") and key not in SIGNATURE_FIELDS
    )
    return "&".join(f"{key}={quote_plus(value)}" for key, value in pairs)


def sign(params: dict[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), canonical_query(params).encode(), hashlib.sha512).hexdigest()


def signed_query(params: dict[str, str], secret: str) -> str:
    return f"{canonical_query(params)}&vnp_SecureHash={sign(params, secret)}"


def has_valid_signature(params: dict[str, str], secret: str) -> bool:
    given = params.get("vnp_SecureHash", "")
    return bool(given) and hmac.compare_digest(given.lower(), sign(params, secret))


def gmt7(moment: dt.datetime) -> str:
    return moment.astimezone(GMT7).strftime(DATE_FORMAT)


def config() -> dict:
    return settings.PAYMENTS_VNPAY


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "127.0.0.1")


@register("vnpay")
class VNPayPlugin(BasePlugin):
    verbose_name = _("VNPay")

    def is_configured(self) -> bool:
        conf = config()
        return bool(conf.get("TMN_CODE") and conf.get("HASH_SECRET"))

    def time_limit(self) -> dt.timedelta:
        return dt.timedelta(minutes=config().get("EXPIRE_MINUTES", 15))

    def payment_url(self, request: HttpRequest) -> str:
        url = config().get("PAYMENT_URL")
        if url:
            return url
        # The embedded default pays through the portal's own sandbox, which speaks the same protocol.
        return request.build_absolute_uri(reverse("payments:sandbox_vnpay"))

    def params_for(self, payment, *, request: HttpRequest, now: dt.datetime | None = None) -> dict[str, str]:
        now = now or timezone.now()
        conf = config()
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": conf["TMN_CODE"],
            "vnp_Amount": str(payment.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.reference,
            "vnp_OrderInfo": payment.description,
            "vnp_OrderType": conf.get("ORDER_TYPE", "other"),
            "vnp_Locale": "en" if (get_language() or "vi").startswith("en") else "vn",
            "vnp_ReturnUrl": request.build_absolute_uri(reverse("payments_return:vnpay_return")),
            "vnp_IpAddr": client_ip(request),
            "vnp_CreateDate": gmt7(now),
            "vnp_ExpireDate": gmt7(payment.expires_at or now + self.time_limit()),
        }

    def start_url(self, payment, *, request: HttpRequest) -> str:
        params = self.params_for(payment, request=request)
        return f"{self.payment_url(request)}?{signed_query(params, config()['HASH_SECRET'])}"

    def verify(self, params: dict[str, str]) -> Confirmation:
        conf = config()
        if not has_valid_signature(params, conf.get("HASH_SECRET", "")) or params.get("vnp_TmnCode") != conf.get(
            "TMN_CODE"
        ):
            raise InvalidSignature
        try:
            amount_x100 = int(params.get("vnp_Amount", ""))
        except ValueError as error:
            raise InvalidSignature from error
        return Confirmation(
            reference=params.get("vnp_TxnRef", ""),
            amount=amount_x100 // 100 if amount_x100 % 100 == 0 else -1,
            succeeded=params.get("vnp_ResponseCode") == "00" and params.get("vnp_TransactionStatus", "00") == "00",
            transaction_no=params.get("vnp_TransactionNo", ""),
            bank_code=params.get("vnp_BankCode", ""),
            response_code=params.get("vnp_ResponseCode", ""),
        )
