"""Applications on an installation of several agencies: an application (and its payment) belongs to the
agency whose site it was made on; its link and receipt number open there only, its mails speak for that
agency, and only that agency's officers see it."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from portal.accounts.testing import login_with_second_factor
from portal.applications import services
from portal.applications.models import Application
from portal.payments.models import Payment
from portal.payments.tests.test_vnpay import bank_answer, ipn
from portal.testing.agencies import agency, visitor
from portal.testing.factories import ApplicationFactory, StaffFactory, UnitFactory
from portal.units import roles

from .conftest import _version, apply_url, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

SECOND_ADDRESS = "Số 5 đường Lê Lợi, thành phố Lam Sơn"
SECOND_PHONE = "0200 3 812 345"


@pytest.fixture
def second_unit():
    return UnitFactory(code="phong-dich-vu-cong", name_vi="Phòng Dịch vụ công", agency=agency("second"))


@pytest.fixture
def heritage(second_unit):
    """A procedure of the second agency (a permit for a festival at a monument): 50.000 đ, paid online."""
    return _version(
        "cap-phep-le-hoi-thu-nghiem",
        second_unit,
        name_vi="Cấp phép tổ chức lễ hội tại di tích",
        name_en="Permit for a festival at a monument",
        processing_days=5,
        form=[dict(name="ten_le_hoi", label_vi="Tên lễ hội", label_en="Festival", max_length=200)],
        documents=[dict(key="ke-hoach", name_vi="Kế hoạch tổ chức lễ hội")],
        fees=[dict(name_vi="Lệ phí cấp phép", name_en="Permit fee", amount=50_000)],
    )


def post(browser, url, data, capture):
    with capture(execute=True):
        return browser.post(url, data)


@pytest.fixture
def made_on_second_site(heritage, django_capture_on_commit_callbacks):
    data = form_data(heritage, applicant_name="Câu lạc bộ “Di sản & Lễ hội”", f_ten_le_hoi="Lễ hội Cầu Ngư")
    response = post(visitor("second"), apply_url(heritage.procedure.slug), data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get(idempotency_key=data["idempotency_key"])


def track_path(application) -> str:
    return reverse("applications:track", kwargs={"public_id": application.public_id, "secret": application.secret})


def test_an_application_made_on_the_second_agencys_site_is_the_second_agencys(made_on_second_site):
    application = made_on_second_site
    assert application.agency == agency("second")
    assert application.status == Application.SUBMITTED and application.fee_amount == 50_000
    assert application.receipt_number.startswith("SVHTT-")  # the second agency's symbol, not the first's prefix


def test_its_receipt_names_and_signs_as_the_second_agency_with_a_link_to_its_site(made_on_second_site):
    application = made_on_second_site
    receipt = next(message for message in mail.outbox if message.to == [application.email])
    second = agency("second")
    assert second.name_vi in receipt.from_email and second.name_vi in receipt.body
    assert SECOND_ADDRESS in receipt.body and SECOND_PHONE in receipt.body
    assert agency("first").name_vi not in receipt.body
    assert f"http://svhtt.lamson.example{track_path(application)}" in receipt.body
    assert "Câu lạc bộ “Di sản & Lễ hội”" in receipt.body  # plain text: as typed, not HTML-escaped


def test_its_link_and_receipt_number_open_on_its_own_site_only(made_on_second_site):
    application = made_on_second_site
    assert visitor("second").get(track_path(application)).status_code == 200
    assert visitor("first").get(track_path(application)).status_code == 404  # what a wrong link gets
    lookup = {"receipt_number": application.receipt_number, "secret": application.secret}
    assert visitor("second").post(reverse("applications:lookup"), lookup).status_code == 302
    refused = visitor("first").post(reverse("applications:lookup"), lookup)
    assert refused.status_code == 400
    assert "Không có hồ sơ nào khớp với số biên nhận và mã tra cứu này." in refused.content.decode()


def test_a_procedure_is_applied_for_on_its_own_agencys_site_only(heritage, consular):
    assert visitor("first").get(apply_url(heritage.procedure.slug)).status_code == 404
    assert visitor("second").get(apply_url(consular.procedure.slug)).status_code == 404
    assert visitor("second").get(apply_url(heritage.procedure.slug)).status_code == 200
    assert visitor("first").get(apply_url(consular.procedure.slug)).status_code == 200


def test_its_fee_is_paid_through_the_sandbox_and_the_payment_mail_speaks_for_the_second_agency(
    made_on_second_site, django_capture_on_commit_callbacks
):
    application = made_on_second_site
    browser = visitor("second")
    pay = reverse("applications:pay", kwargs={"public_id": application.public_id, "secret": application.secret})
    started = post(browser, pay, {}, django_capture_on_commit_callbacks)
    assert started.status_code == 302
    payment = Payment.objects.get(application=application)
    assert "svhtt.lamson.example" in started["Location"]  # the payer comes back to the site they paid on
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert ipn(browser, bank_answer(payment))["RspCode"] == "00"
    application.refresh_from_db()
    assert application.paid_at is not None
    paid = next(message for message in mail.outbox if message.to == [application.email])
    assert agency("second").name_vi in paid.body and SECOND_PHONE in paid.body
    assert agency("first").name_vi not in paid.body
    assert "data-paid" in visitor("second").get(track_path(application)).content.decode()


def test_only_the_second_agencys_officers_see_it(client, made_on_second_site, unit):
    application = made_on_second_site
    detail = reverse("applications_admin:detail", args=[application.pk])
    first_officer = StaffFactory(role=roles.APPLICATION_OFFICER, unit=unit)
    login_with_second_factor(client, first_officer)
    assert application.receipt_number not in client.get(reverse("applications_admin:queue")).content.decode()
    refused = client.get(detail)  # the admin's refusal: back to the dashboard, with its message
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    second_officer = StaffFactory(role=roles.APPLICATION_OFFICER, unit=application.procedure.unit)
    login_with_second_factor(client, second_officer)
    assert application.receipt_number in client.get(reverse("applications_admin:queue")).content.decode()
    assert client.get(detail).status_code == 200


def test_a_sign_in_link_asked_on_the_second_site_is_its_own_and_opens_there(
    made_on_second_site, django_capture_on_commit_callbacks
):
    application = made_on_second_site
    browser = visitor("second")
    post(browser, reverse("applications:sign_in"), {"email": application.email}, django_capture_on_commit_callbacks)
    letter = next(message for message in mail.outbox if "dang-nhap" in message.body)
    assert agency("second").name_vi in letter.from_email and SECOND_PHONE in letter.body
    link = next(line for line in letter.body.splitlines() if "/dang-nhap/" in line).strip()
    assert link.startswith("http://svhtt.lamson.example/")
    assert browser.get(link.removeprefix("http://svhtt.lamson.example")).status_code == 302
    mine = browser.get(reverse("applications:my_applications")).content.decode()
    assert application.receipt_number in mine


# Each agency counts its own receipts of a day (issue 22, item 2).

RECEIPT_DAY = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_each_agency_counts_its_own_receipts_of_the_day():
    first = [services._next_receipt_number(RECEIPT_DAY, agency("first")) for _ in range(5)]
    assert first[-1] == f"{settings.APPLICATIONS_RECEIPT_PREFIX}-261207-0005"
    assert services._next_receipt_number(RECEIPT_DAY, agency("second")) == "SVHTT-261207-0001"
    assert services._next_receipt_number(RECEIPT_DAY, agency("first")).endswith("-261207-0006")
    assert services._next_receipt_number(RECEIPT_DAY + dt.timedelta(days=1), agency("second")) == "SVHTT-261208-0001"


def test_a_receipt_number_is_unique_within_its_agency_only():
    ApplicationFactory(receipt_number="HS-261207-0001", agency=agency("first"))
    ApplicationFactory(receipt_number="HS-261207-0001", agency=agency("second"))  # another agency's, its own
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(receipt_number="HS-261207-0001", agency=agency("second"))


def test_the_result_letter_offered_names_the_applications_own_agency(made_on_second_site):
    from portal.applications.admin_views import _default_letter

    letter = _default_letter(made_on_second_site)
    assert agency("second").name_vi in letter and agency("first").name_vi not in letter
