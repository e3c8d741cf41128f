"""One application is paid once: a payment under way is resumed, a second success is flagged for refund;
junk notifications are answered and not stored beyond a bound; the sandbox stays the portal's own;
production refuses the sandbox."""

import datetime as dt
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.applications.models import ApplicationEvent
from portal.payments import checks, sandbox, services
from portal.payments.models import Payment, PaymentNotification

from .test_vnpay import bank_answer, independent_signature, ipn, start

pytestmark = pytest.mark.django_db


def pay_url(application) -> str:
    return reverse("applications:pay", kwargs={"public_id": application.public_id, "secret": application.secret})


def track_url(application) -> str:
    return reverse("applications:track", kwargs={"public_id": application.public_id, "secret": application.secret})


def abandon(payment: Payment) -> None:
    """The gateway's time limit passed long ago (the payer closed the tab)."""
    Payment.objects.filter(pk=payment.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))


def test_paying_twice_resumes_the_payment_under_way(client, consular_application):
    first = client.post(pay_url(consular_application))
    second = client.post(pay_url(consular_application))
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]  # the same payment, at the gateway
    assert Payment.objects.filter(application=consular_application).count() == 1
    html = client.get(track_url(consular_application)).content.decode()
    assert "đang chờ tại cổng thanh toán" in html
    assert "Tiếp tục thanh toán (VNPay)" in html


def test_an_abandoned_payment_expires_and_never_stays_waiting(client, consular_application):
    payment, _params = start(client, consular_application)
    abandon(payment)
    html = client.get(track_url(consular_application)).content.decode()
    payment.refresh_from_db()
    assert payment.status == Payment.EXPIRED
    assert "Thanh toán trực tuyến (VNPay)" in html and "đang chờ tại cổng thanh toán" not in html
    second, _params = start(client, consular_application)
    assert second.pk != payment.pk and second.status == Payment.PENDING
    assert Payment.objects.filter(application=consular_application, status=Payment.PENDING).count() == 1


def test_just_past_the_gateways_limit_the_payment_is_shown_and_no_second_one_starts(client, consular_application):
    payment, _params = start(client, consular_application)
    Payment.objects.filter(pk=payment.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.post(pay_url(consular_application), follow=True)
    assert "có thể vẫn đang được cổng thanh toán xác nhận" in response.content.decode()
    assert list(Payment.objects.filter(application=consular_application)) == [payment]
    payment.refresh_from_db()
    assert payment.status == Payment.PENDING


def test_a_paid_fee_cannot_be_paid_again(client, consular_application):
    payment, _params = start(client, consular_application)
    assert ipn(client, bank_answer(payment))["RspCode"] == "00"
    response = client.post(pay_url(consular_application), follow=True)
    assert "đã được nộp ngày" in response.content.decode()
    assert "không thể nộp hai lần" in response.content.decode()
    assert Payment.objects.filter(application=consular_application).count() == 1


def test_two_payments_both_confirmed_record_the_fee_once_and_flag_the_second(client, consular_application, officer):
    from portal.accounts.testing import login_with_second_factor

    first, _params = start(client, consular_application)
    abandon(first)  # the payer gave up on the first tab...
    second, _params = start(client, consular_application)
    assert ipn(client, bank_answer(second))["RspCode"] == "00"
    # ...but had paid in it after all: the bank confirms it too.
    late = bank_answer(first, vnp_TransactionNo="99887766")
    late["vnp_SecureHash"] = independent_signature(late)
    assert ipn(client, late) == {"RspCode": "00", "Message": "Confirm Success"}
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == Payment.PAID and first.status == Payment.DUPLICATE
    assert consular_application.events.filter(kind=ApplicationEvent.PAID).count() == 1
    assert consular_application.events.filter(kind=ApplicationEvent.PAID_TWICE).count() == 1
    assert ModelLogEntry.objects.filter(object_id=str(first.pk), action="payments.duplicate").exists()
    # Replayed, the late confirmation changes nothing more.
    assert ipn(client, late)["RspCode"] == "02"
    assert Payment.objects.filter(application=consular_application, status=Payment.PAID).count() == 1
    # The applicant is told, and the officer sees it and records the refund.
    assert "nộp lần thứ hai" in client.get(track_url(consular_application)).content.decode()
    login_with_second_factor(client, officer)
    detail = reverse("applications_admin:detail", args=[consular_application.pk])
    html = client.get(detail).content.decode()
    assert "data-paid-twice" in html and first.reference in html and "99887766" in html
    response = client.post(
        detail,
        {"action": "refunded", "refunded-payment": str(first.pk), "refunded-note": "Hoàn tiền qua VNPay, mã HT123"},
        follow=True,
    )
    assert "Đã ghi nhận việc hoàn trả khoản nộp lần thứ hai." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Payment.REFUNDED
    assert "data-paid-twice" not in client.get(detail).content.decode()


def test_fifty_junk_notifications_are_answered_and_stored_within_the_bound(client, consular_application):
    payment, _params = start(client, consular_application)
    last_before = PaymentNotification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    answers = set()
    # The clock stands still: the hour's count runs in a fixed window, which the real clock may cross mid-flood.
    with time_machine.travel(timezone.now(), tick=False):
        for number in range(50):
            if number % 2:  # unsigned, any shape
                junk = {
                    "vnp_TxnRef": payment.reference,
                    "vnp_Amount": "1",
                    "x" * 50: "y" * 8000,
                    f"p{number}": "z" * 4000,
                }
            else:  # looks signed, is not
                junk = {**bank_answer(payment), "vnp_SecureHash": secrets.token_hex(64), "vnp_Junk": "j" * 8000}
            response = client.get(reverse("payments:vnpay_ipn"), junk)
            assert response.status_code == 200
            answers.add(response.json()["RspCode"])
    assert answers == {"97"}
    kept = list(PaymentNotification.objects.filter(pk__gt=last_before))
    assert len(kept) <= services.REFUSED_KEPT_PER_HOUR
    assert all(len(str(row.params)) < 5000 for row in kept)
    payment.refresh_from_db()
    assert payment.status == Payment.PENDING
    # The bank's real confirmation still gets through.
    assert ipn(client, bank_answer(payment))["RspCode"] == "00"


def test_a_malformed_notification_is_answered_with_the_providers_code(client):
    assert client.get(reverse("payments:vnpay_ipn")).json()["RspCode"] == "97"
    assert (
        client.get(reverse("payments:vnpay_ipn"), {"vnp_Amount": "abc", "vnp_SecureHash": "00"}).json()["RspCode"]
        == "97"
    )


# --- The sandbox -------------------------------------------------------------------------------


def sandbox_signed(params: dict) -> dict:
    from django.conf import settings

    from portal.payments.plugins.vnpay import sign

    params = {k: v for k, v in params.items() if k != "vnp_SecureHash"}
    params["vnp_SecureHash"] = sign(params, settings.PAYMENTS_VNPAY["HASH_SECRET"])
    return params


def test_the_sandbox_only_returns_to_the_portals_own_return_page(client, consular_application):
    _payment, params = start(client, consular_application)
    for elsewhere in (
        "https://evil.example/thanh-toan/vnpay/ket-qua/",
        "http://testserver/dang-nhap/",
        "//evil.example/thanh-toan/vnpay/ket-qua/",
        "http://testserver/thanh-toan/vnpay/ket-qua/?next=https://evil.example/",
    ):
        forged = sandbox_signed({**params, "vnp_ReturnUrl": elsewhere})
        for response in (
            client.get(reverse("payments:sandbox_vnpay"), forged),
            client.post(reverse("payments:sandbox_vnpay"), {**forged, "action": "pay"}),
        ):
            assert response.status_code == 400, elsewhere
            assert "Địa chỉ trả về không thuộc website" in response.content.decode()
    response = client.post(reverse("payments:sandbox_vnpay"), {**params, "action": "cancel"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("payments_return:vnpay_return") + "?")


def test_the_sandbox_calls_the_portals_own_ipn_address_whatever_the_host_header(
    client, consular_application, settings, monkeypatch
):
    called = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self):
            return b'{"RspCode": "00", "Message": "Confirm Success"}'

    def urlopen(url, timeout):
        called.append(url)
        return Answer()

    settings.PAYMENTS_SANDBOX_IPN_TRANSPORT = "http"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    monkeypatch.setattr(sandbox.urllib.request, "urlopen", urlopen)
    _payment, params = start(client, consular_application)
    forged_host = "127.0.0.1:22"  # an allowed host name with another port: the request's Host is not trusted
    params = sandbox_signed({**params, "vnp_ReturnUrl": f"http://{forged_host}/thanh-toan/vnpay/ket-qua/"})
    response = client.post(reverse("payments:sandbox_vnpay"), {**params, "action": "pay"}, HTTP_HOST=forged_host)
    assert response.status_code == 302
    assert len(called) == 1
    assert urlsplit(called[0]).netloc == "127.0.0.1:8000"
    assert urlsplit(called[0]).path == reverse("payments:vnpay_ipn")
    assert dict(parse_qsl(urlsplit(called[0]).query))["vnp_TxnRef"] == params["vnp_TxnRef"]


# --- Production -------------------------------------------------------------------------------


def test_the_deploy_check_refuses_the_sandbox_secret_and_the_sandbox(settings):
    assert checks.SANDBOX_HASH_SECRET == settings.PAYMENTS_VNPAY["HASH_SECRET"]  # the embedded default's
    with override_settings(PAYMENTS_SANDBOX_ENABLED=True):
        ids = {error.id for error in checks.check_payments_not_sandbox()}
    assert ids == {"payments.E001", "payments.E002"}
    with override_settings(
        PAYMENTS_SANDBOX_ENABLED=False, PAYMENTS_VNPAY={"TMN_CODE": "SNGV0001", "HASH_SECRET": "real-merchant-secret"}
    ):
        assert checks.check_payments_not_sandbox() == []
    with override_settings(PAYMENTS_SANDBOX_ENABLED=False, PAYMENTS_VNPAY={"TMN_CODE": "", "HASH_SECRET": ""}):
        assert checks.check_payments_not_sandbox() == []  # online payment off: fine


def test_the_check_is_registered_for_deployment(settings):
    from django.core.management.base import SystemCheckError

    settings.PAYMENTS_SANDBOX_ENABLED = True
    with pytest.raises(SystemCheckError, match="payments.E002"):
        call_command("check", "--deploy", "--fail-level", "ERROR")


def test_production_with_the_sandbox_secret_fails_check_deploy():
    import os

    root = Path(__file__).resolve().parents[3]
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="snv.thuathienhue.gov.vn",
        VNPAY_TMN_CODE="SNGV0001",
        VNPAY_HASH_SECRET=checks.SANDBOX_HASH_SECRET,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "payments.E001" in result.stderr + result.stdout


def test_the_officer_never_sees_an_abandoned_payment_waiting_for_the_bank(
    client, consular_application, settings, officer
):
    from portal.accounts.testing import login_with_second_factor

    detail = reverse("applications_admin:detail", args=[consular_application.pk])
    limit = dt.timedelta(minutes=settings.PAYMENTS_VNPAY["EXPIRE_MINUTES"]) + services.EXPIRY_GRACE
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        first, _params = start(client, consular_application)
        again, _params = start(client, consular_application)  # pay clicked twice: the same payment resumed
        assert again.pk == first.pk
        login_with_second_factor(client, officer)
        html = client.get(detail).content.decode()
        assert html.count("chờ ngân hàng xác nhận") == 1  # still under way at the gateway
        clock.shift(limit + dt.timedelta(seconds=1))
        html = client.get(detail).content.decode()
    assert "chờ ngân hàng xác nhận" not in html
    assert f'{first.reference} · 60.000 đ · <span data-payment-status="expired">hết hạn, chưa thanh toán' in html
