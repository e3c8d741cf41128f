"""A local VNPay gateway for the demo and the tests: the same protocol, served by the portal itself.

It checks the merchant's signature as VNPay does, shows a payment page, and when the payer
pays (or cancels) it sends the signed IPN to the portal server to server, then redirects the
browser to the signed return URL. It never runs in production (PAYMENTS_SANDBOX_ENABLED).

Its secret is public, so anyone can sign a request to it: it therefore only ever sends the
browser back to the portal's own return page, and calls only the portal's own IPN address (the
configured base address, as a merchant registers it with VNPay), never a host or port taken from
the request.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from .plugins.vnpay import DATE_FORMAT, GMT7, config, gmt7, has_valid_signature, signed_query

logger = logging.getLogger(__name__)
REQUIRED = (
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_Amount",
    "vnp_CurrCode",
    "vnp_TxnRef",
    "vnp_OrderInfo",
    "vnp_ReturnUrl",
    "vnp_CreateDate",
    "vnp_ExpireDate",
    "vnp_IpAddr",
    "vnp_Locale",
    "vnp_OrderType",
)
BANK_CODE = "NCB"  # VNPay's own sandbox bank
SUCCESS, CANCELLED = "00", "24"  # VNPay: 24 = the customer cancelled


def _request_params(data) -> dict[str, str]:
    return {key: value for key, value in data.items() if key.startswith("vnp_")}


def return_paths() -> set[str]:
    """The portal's own return page, in each language of the site."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with override(code):
            paths.add(reverse("payments_return:vnpay_return"))
    return paths


def _return_path(return_url: str, request: HttpRequest) -> str:
    """The path of the portal's return page the request names, or "" for any other address."""
    parts = urlsplit(return_url)
    if parts.scheme not in ("http", "https") or parts.netloc != request.get_host() or parts.query or parts.fragment:
        return ""
    return parts.path if parts.path in return_paths() else ""


def ipn_url() -> str:
    """The portal's own IPN address: the configured base address, never the request's Host."""
    base = settings.PAYMENTS_SANDBOX_IPN_BASE_URL or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + reverse("payments:vnpay_ipn")


def _problem(params: dict[str, str], request: HttpRequest) -> str:
    """Why VNPay would refuse this payment request; empty when it is acceptable."""
    conf = config()
    if any(not params.get(key) for key in REQUIRED):
        return "Thiếu tham số bắt buộc / Missing required parameters"
    if not has_valid_signature(params, conf.get("HASH_SECRET", "")):
        return "Sai chữ ký / Invalid signature"
    if (
        params["vnp_TmnCode"] != conf.get("TMN_CODE")
        or params["vnp_Version"] != "2.1.0"
        or params["vnp_Command"] != "pay"
    ):
        return "Website chưa được phê duyệt / Unknown merchant"
    if params["vnp_CurrCode"] != "VND" or not params["vnp_Amount"].isdigit() or int(params["vnp_Amount"]) <= 0:
        return "Số tiền không hợp lệ / Invalid amount"
    try:
        expires = dt.datetime.strptime(params["vnp_ExpireDate"], DATE_FORMAT).replace(tzinfo=GMT7)
    except ValueError:
        return "Thời gian không hợp lệ / Invalid dates"
    if expires < timezone.now():
        return "Giao dịch đã quá thời gian chờ thanh toán / The payment has expired"
    if not _return_path(params["vnp_ReturnUrl"], request):
        return "Địa chỉ trả về không thuộc website / The return address is not the merchant's"
    return ""


def _sandbox_enabled() -> None:
    if not settings.PAYMENTS_SANDBOX_ENABLED:
        raise Http404


@never_cache
@csrf_exempt  # the merchant's site posts nothing here; the payer's own buttons post back the signed request
def vnpay_gateway(request: HttpRequest) -> HttpResponse:
    _sandbox_enabled()
    params = _request_params(request.GET if request.method == "GET" else request.POST)
    language = "en" if params.get("vnp_Locale") == "en" else "vi"
    problem = _problem(params, request)
    with override(language):
        if problem:
            return render(
                request, "payments/sandbox_gateway.html", {"problem": problem, "language": language}, status=400
            )
        if request.method == "POST":
            outcome = SUCCESS if request.POST.get("action") == "pay" else CANCELLED
            result = _result_params(params, outcome)
            answer = deliver_ipn(result)
            logger.info("Sandbox IPN for %s answered %s", params["vnp_TxnRef"], answer)
            # Relative: the browser goes back to the portal it came from, whatever the request said.
            path = _return_path(params["vnp_ReturnUrl"], request)
            return HttpResponseRedirect(f"{path}?{signed_query(result, config()['HASH_SECRET'])}")
        return render(
            request,
            "payments/sandbox_gateway.html",
            {"params": params, "amount": int(params["vnp_Amount"]) // 100, "language": language},
        )


def _result_params(params: dict[str, str], outcome: str) -> dict[str, str]:
    now = timezone.now()
    return {
        "vnp_Amount": params["vnp_Amount"],
        "vnp_BankCode": BANK_CODE,
        "vnp_BankTranNo": f"VNP{secrets.randbelow(10**8):08d}" if outcome == SUCCESS else "",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": params["vnp_OrderInfo"],
        "vnp_PayDate": gmt7(now),
        "vnp_ResponseCode": outcome,
        "vnp_TmnCode": params["vnp_TmnCode"],
        "vnp_TransactionNo": f"{secrets.randbelow(10**8):08d}",
        "vnp_TransactionStatus": "00" if outcome == SUCCESS else "02",
        "vnp_TxnRef": params["vnp_TxnRef"],
        "vnp_SecureHashType": "HmacSHA512",
    }


def deliver_ipn(result: dict[str, str]) -> dict:
    """Call the merchant's IPN URL with the signed result, retrying like VNPay while it answers neither 00 nor 02."""
    url = f"{ipn_url()}?{signed_query(result, config()['HASH_SECRET'])}"
    answer: dict = {}
    for _attempt in range(settings.PAYMENTS_SANDBOX_IPN_ATTEMPTS):
        answer = _send(url)
        if answer.get("RspCode") in ("00", "02"):
            break
    return answer


def _send(url: str) -> dict:
    if settings.PAYMENTS_SANDBOX_IPN_TRANSPORT == "inprocess":
        # The test suite has no server listening: the same request goes through Django's handler.
        from django.test import Client

        parts = urlsplit(url)
        response = Client(HTTP_HOST=parts.netloc).get(f"{parts.path}?{parts.query}", REMOTE_ADDR="127.0.0.1")
        return json.loads(response.content or b"{}")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the portal's own configured address
            return json.loads(response.read() or b"{}")
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        logger.warning("Sandbox IPN to %s failed: %s", urlsplit(url).path, error)
        return {}
