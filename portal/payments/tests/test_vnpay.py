"""VNPay 2.1.0: the signed payment URL, the IPN accepted once, forged, replayed and wrong notifications refused."""

import hashlib
import hmac
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.applications.models import ApplicationEvent
from portal.payments.models import Payment, PaymentNotification
from portal.payments.plugins import vnpay
from portal.testing.factories import StaffFactory
from portal.units import roles

pytestmark = pytest.mark.django_db
SECRET = settings.PAYMENTS_VNPAY["HASH_SECRET"]


def independent_signature(params: dict) -> str:
    """The hash as VNPay's own sample code computes it: sorted keys, quote_plus values, HMAC-SHA512 hex."""
    data = "&".join(
        f"{key}={quote_plus(str(value))}"
        for key, value in sorted(params.items())
        if key not in ("vnp_SecureHash", "vnp_SecureHashType")
    )
    return hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()


def start(client, application) -> tuple[Payment, dict]:
    url = reverse("applications:pay", kwargs={"public_id": application.public_id, "secret": application.secret})
    response = client.post(url)
    assert response.status_code == 302
    params = dict(parse_qsl(urlsplit(response["Location"]).query))
    return Payment.objects.get(reference=params["vnp_TxnRef"]), params


def ipn(client, params: dict):
    response = client.get(reverse("payments:vnpay_ipn"), params)
    return response.json()


def bank_answer(payment: Payment, *, amount: int | None = None, code: str = "00", **extra) -> dict:
    params = {
        "vnp_Amount": str((amount if amount is not None else payment.amount) * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": payment.description,
        "vnp_PayDate": "20260315103000",
        "vnp_ResponseCode": code,
        "vnp_TmnCode": settings.PAYMENTS_VNPAY["TMN_CODE"],
        "vnp_TransactionNo": "14234567",
        "vnp_TransactionStatus": code,
        "vnp_TxnRef": payment.reference,
        **extra,
    }
    params["vnp_SecureHash"] = independent_signature(params)
    return params


def test_the_payment_url_carries_the_protocols_parameters_signed(client, consular_application):
    payment, params = start(client, consular_application)
    assert payment.amount == 60000 and payment.status == Payment.PENDING
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_Amount"] == "6000000"  # amount x 100
    assert params["vnp_CurrCode"] == "VND" and params["vnp_Locale"] == "vn"
    assert params["vnp_TmnCode"] == settings.PAYMENTS_VNPAY["TMN_CODE"]
    assert len(params["vnp_CreateDate"]) == 14 and params["vnp_ExpireDate"] > params["vnp_CreateDate"]
    assert params["vnp_ReturnUrl"].endswith(reverse("payments_return:vnpay_return"))
    assert params["vnp_OrderInfo"] == f"Thanh toan phi ho so {consular_application.receipt_number}"
    assert params["vnp_SecureHash"] == independent_signature(params)


def test_the_gmt7_dates_are_in_vietnam_time():
    import datetime as dt

    moment = dt.datetime(2026, 3, 15, 3, 0, tzinfo=dt.UTC)
    assert vnpay.gmt7(moment) == "20260315100000"


def test_a_valid_ipn_confirms_the_payment_once_and_marks_the_fee_paid(client, consular_application):
    payment, _params = start(client, consular_application)
    answer = bank_answer(payment)
    assert ipn(client, answer) == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    consular_application.refresh_from_db()
    assert payment.status == Payment.PAID and payment.transaction_no == "14234567"
    assert consular_application.paid_at is not None and consular_application.amount_due == 0
    assert consular_application.events.filter(kind=ApplicationEvent.PAID).count() == 1
    assert any("60.000 đ" in m.body for m in mail.outbox if m.to == [consular_application.email])
    # The bank sends it again (it retries), or someone replays it: nothing changes.
    assert ipn(client, answer) == {"RspCode": "02", "Message": "Order already confirmed"}
    assert consular_application.events.filter(kind=ApplicationEvent.PAID).count() == 1
    assert list(
        PaymentNotification.objects.filter(payment=payment).order_by("pk").values_list("answer_code", flat=True)
    ) == ["00", "02"]
    assert ModelLogEntry.objects.filter(object_id=str(payment.pk), action="payments.paid").count() == 1


def test_a_forged_or_tampered_ipn_is_refused_and_logged(client, consular_application, caplog):
    payment, _params = start(client, consular_application)
    forged = bank_answer(payment)
    forged["vnp_SecureHash"] = "0" * 128
    assert ipn(client, forged)["RspCode"] == "97"
    tampered = bank_answer(payment)
    tampered["vnp_Amount"] = "100"  # changed after signing
    assert ipn(client, tampered)["RspCode"] == "97"
    unsigned = {k: v for k, v in bank_answer(payment).items() if k != "vnp_SecureHash"}
    assert ipn(client, unsigned)["RspCode"] == "97"
    other_secret = bank_answer(payment)
    other_secret["vnp_SecureHash"] = hmac.new(
        b"another-merchant", urlencode(sorted(other_secret.items())).encode(), hashlib.sha512
    ).hexdigest()
    assert ipn(client, other_secret)["RspCode"] == "97"
    payment.refresh_from_db()
    assert payment.status == Payment.PENDING
    # Those that look like the gateway's (a reference and a signature) are kept; the unsigned one only logged.
    assert PaymentNotification.objects.filter(answer_code="97").count() == 3
    assert "invalid signature" in caplog.text


def test_a_wrong_amount_is_refused_even_when_signed(client, consular_application):
    payment, _params = start(client, consular_application)
    assert ipn(client, bank_answer(payment, amount=1000)) == {"RspCode": "04", "Message": "Invalid amount"}
    payment.refresh_from_db()
    assert payment.status == Payment.PENDING
    assert ModelLogEntry.objects.filter(object_id=str(payment.pk), action="payments.refused").exists()


def test_an_unknown_order_is_answered_01(client, consular_application):
    payment, _params = start(client, consular_application)
    answer = bank_answer(payment, vnp_TxnRef="SNVKHONGCO")
    answer["vnp_TxnRef"] = "SNVKHONGCO"
    answer["vnp_SecureHash"] = independent_signature(answer)
    assert ipn(client, answer)["RspCode"] == "01"


def test_another_merchants_signed_notification_is_refused(client, consular_application):
    payment, _params = start(client, consular_application)
    answer = bank_answer(payment, vnp_TmnCode="KHACMERC")
    answer["vnp_SecureHash"] = independent_signature(answer)
    assert ipn(client, answer)["RspCode"] == "97"


def test_a_failed_payment_is_recorded_and_a_new_one_can_be_started(client, consular_application):
    payment, _params = start(client, consular_application)
    assert ipn(client, bank_answer(payment, code="24"))["RspCode"] == "00"
    payment.refresh_from_db()
    consular_application.refresh_from_db()
    assert payment.status == Payment.FAILED and consular_application.paid_at is None
    second, _params = start(client, consular_application)
    assert second.reference != payment.reference


def test_the_return_page_only_displays_and_never_changes_the_state(client, consular_application):
    payment, _params = start(client, consular_application)
    response = client.get(reverse("payments_return:vnpay_return"), bank_answer(payment))
    payment.refresh_from_db()
    assert payment.status == Payment.PENDING  # only the IPN confirms
    assert "Cổng thanh toán đang xác nhận giao dịch của bạn." in response.content.decode()
    forged = bank_answer(payment)
    forged["vnp_ResponseCode"] = "00"
    forged["vnp_SecureHash"] = "ab" * 64
    response = client.get(reverse("payments_return:vnpay_return"), forged)
    assert response.status_code == 400
    assert "không có chữ ký hợp lệ" in response.content.decode()
    # The return page links back to the tracking page (from the cookie set when the payment started).
    ipn(client, bank_answer(payment))
    html = client.get(reverse("payments_return:vnpay_return"), bank_answer(payment)).content.decode()
    assert "Đã xác nhận thanh toán 60.000 đ." in html
    assert consular_application.secret in html


def test_nothing_to_pay_is_refused(client, submitted):
    url = reverse("applications:pay", kwargs={"public_id": submitted.public_id, "secret": submitted.secret})
    response = client.post(url, follow=True)
    assert "không có khoản nào phải nộp" in response.content.decode()
    assert not Payment.objects.filter(application=submitted).exists()


def test_the_sandbox_gateway_pays_through_the_same_protocol_with_the_ipn(client, consular_application):
    payment, params = start(client, consular_application)
    gateway = client.get(reverse("payments:sandbox_vnpay"), params)
    assert gateway.status_code == 200
    assert "60.000 đ" in gateway.content.decode()
    response = client.post(reverse("payments:sandbox_vnpay"), {**params, "action": "pay"})
    assert response.status_code == 302
    returned = dict(parse_qsl(urlsplit(response["Location"]).query))
    assert returned["vnp_ResponseCode"] == "00" and returned["vnp_SecureHash"] == independent_signature(returned)
    payment.refresh_from_db()
    assert payment.status == Payment.PAID  # set by the sandbox's server-to-server IPN, before the browser returns
    assert PaymentNotification.objects.filter(payment=payment, channel="ipn", answer_code="00").exists()


def test_the_sandbox_refuses_a_request_with_a_bad_signature(client, consular_application):
    _payment, params = start(client, consular_application)
    params["vnp_Amount"] = "100"
    response = client.get(reverse("payments:sandbox_vnpay"), params)
    assert response.status_code == 400 and "Sai chữ ký" in response.content.decode()


def test_the_sandbox_is_closed_when_disabled(client, settings, consular_application):
    settings.PAYMENTS_SANDBOX_ENABLED = False
    _payment, params = start(client, consular_application)
    assert client.get(reverse("payments:sandbox_vnpay"), params).status_code == 404


def test_production_never_uses_the_sandbox_secret(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "songoaivu.example.vn")
    monkeypatch.delenv("VNPAY_HASH_SECRET", raising=False)
    sys.modules.pop("portal.settings.production", None)
    production = importlib.import_module("portal.settings.production")
    try:
        assert production.PAYMENTS_SANDBOX_ENABLED is False
        assert production.PAYMENTS_VNPAY["HASH_SECRET"] == ""
        assert "https://pay.vnpay.vn" in production.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]
    finally:
        sys.modules.pop("portal.settings.production", None)


def test_superusers_see_refused_notifications_in_a_report_and_others_do_not(client, consular_application):
    from portal.accounts.testing import login_with_second_factor

    payment, _params = start(client, consular_application)
    forged = bank_answer(payment)
    forged["vnp_SecureHash"] = "1" * 128
    ipn(client, forged)
    login_with_second_factor(client, StaffFactory(superuser=True))
    html = client.get(reverse("payments_notifications")).content.decode()
    assert payment.reference in html and "97 Invalid signature" in html
    client.logout()
    login_with_second_factor(client, StaffFactory(role=roles.ACCOUNTANT))
    assert client.get(reverse("payments_notifications")).status_code in (302, 403)
