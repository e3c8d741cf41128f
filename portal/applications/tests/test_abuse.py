"""The application form against automation: per-address limits, the honeypot, the signed time stamp,
the files one address may keep in drafts, and e-mails to addresses the sender has not confirmed."""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from portal.applications import guards
from portal.applications.models import Application, Upload

from .conftest import apply_url, form_data, ours

pytestmark = pytest.mark.django_db


def post(client, data, address: str):
    return client.post(apply_url(), data, REMOTE_ADDR=address)


def stored_files() -> list[Path]:
    return [path for path in Path(settings.PRIVATE_STORAGE_ROOT).rglob("*") if path.is_file()]


def test_the_26th_draft_from_one_address_within_the_hour_is_refused_with_the_message(client, abtc):
    for number in range(25):
        data = form_data(abtc, action="draft", with_files=False, email=f"nhap{number}@thuanan.example")
        assert post(client, data, "203.0.113.10").status_code == 302, number
    data = form_data(
        abtc, action="draft", with_files=False, email="nhap25@thuanan.example", applicant_name="Công ty 26"
    )
    response = post(client, data, "203.0.113.10")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Có quá nhiều bản nháp được lưu từ kết nối của bạn trong một giờ qua" in html
    assert response.context["form"]["applicant_name"].value() == "Công ty 26"  # what was typed is kept
    assert ours().filter(status=Application.DRAFT).count() == 25
    # Another address is not concerned.
    assert post(client, data, "203.0.113.11").status_code == 302


def test_the_11th_submission_from_one_address_within_the_hour_is_refused_with_the_message(client, abtc, officer):
    for number in range(10):
        data = form_data(abtc, email=f"nop{number}@thuanan.example")
        assert post(client, data, "203.0.113.20").status_code == 302, number
    staff_mails = len([m for m in mail.outbox if m.to == [officer.email]])
    assert staff_mails == 10  # the unit's officer hears of each application
    files_before = len(stored_files())
    response = post(client, form_data(abtc, email="nop10@thuanan.example"), "203.0.113.20")
    assert response.status_code == 429
    assert "Có quá nhiều hồ sơ được nộp từ kết nối của bạn trong một giờ qua" in response.content.decode()
    assert response.context["form"]["email"].value() == "nop10@thuanan.example"
    assert ours().exclude(status=Application.DRAFT).count() == 10
    assert len([m for m in mail.outbox if m.to == [officer.email]]) == staff_mails  # no mail to staff
    assert len(stored_files()) == files_before  # the refused try's files were not kept


def test_a_filled_honeypot_is_refused_and_nothing_is_kept(client, abtc):
    response = post(client, form_data(abtc, website="http://spam.example"), "198.51.100.30")
    assert response.status_code == 400
    assert "Vui lòng để trống ô “Để trống ô này”." in response.content.decode()
    assert not ours().exists() and not stored_files() and not mail.outbox


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (lambda: guards.form_token(now=time.time()), "Biểu mẫu được gửi nhanh hơn thời gian một người có thể điền."),
        (lambda: "", "Không kiểm tra được biểu mẫu."),
        (lambda: "gia-mao", "Không kiểm tra được biểu mẫu."),
        (lambda: guards.form_token(now=time.time() - 3 * 86400), "Biểu mẫu đã mở quá lâu."),
    ],
)
def test_a_form_sent_too_fast_or_without_a_valid_time_stamp_is_refused(client, abtc, token, message):
    response = post(client, form_data(abtc, action="draft", form_token=token()), "198.51.100.31")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert response.context["form"]["applicant_name"].value() == "Công ty TNHH Xuất nhập khẩu Thuận An"
    assert 'name="form_token" value="' in html  # a fresh stamp, to send it again
    assert not ours().exists() and not stored_files()


def test_a_form_with_mistakes_shows_the_mistakes_not_the_time_check(client, abtc):
    data = form_data(abtc, with_files=False, email="", form_token=guards.form_token(now=time.time()))
    response = post(client, data, "198.51.100.32")
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html
    assert "nhanh hơn thời gian một người có thể điền" not in html


def test_every_post_counts_against_the_flood_limit(client, abtc, settings):
    settings.APPLICATIONS_POSTS_PER_10_MINUTES = 3
    for _attempt in range(3):
        post(client, form_data(abtc, with_files=False, email="sai"), "198.51.100.33")
    response = post(client, form_data(abtc, with_files=False), "198.51.100.33")
    assert response.status_code == 429
    assert "Vui lòng đợi mười phút rồi thử lại." in response.content.decode()


def test_the_files_kept_in_drafts_from_one_address_are_bounded(client, abtc, settings):
    per_draft = abtc.required_documents.filter(required=True).count()
    settings.APPLICATIONS_DRAFT_FILES_PER_ADDRESS = per_draft + 1
    assert post(client, form_data(abtc, action="draft", email="a@thuanan.example"), "198.51.100.34").status_code == 302
    files = len(stored_files())
    response = post(client, form_data(abtc, action="draft", email="b@thuanan.example"), "198.51.100.34")
    assert response.status_code == 429
    assert "Các bản nháp lưu từ kết nối của bạn đã chứa số tệp tối đa" in response.content.decode()
    assert len(stored_files()) == files and ours().count() == 1
    # Submitting them is not a draft, and another address keeps its own bound.
    assert post(client, form_data(abtc, email="c@thuanan.example"), "198.51.100.34").status_code == 302
    assert post(client, form_data(abtc, action="draft", email="b@thuanan.example"), "198.51.100.35").status_code == 302
    assert Upload.objects.filter(application__in=ours()).count() == 3 * per_draft


def test_mails_to_one_unconfirmed_address_are_capped(client, abtc, settings):
    settings.APPLICATIONS_MAILS_PER_UNCONFIRMED_RECIPIENT_PER_HOUR = 3
    victim = "nan-nhan@example.org"
    for number in range(5):  # from five addresses, so that no per-address limit is what stops them
        response = post(client, form_data(abtc, action="draft", with_files=False, email=victim), f"192.0.2.{number}")
        assert response.status_code == 302
    assert len([m for m in mail.outbox if m.to == [victim]]) == 3
    assert ours().filter(email=victim).count() == 5  # the drafts are kept; their page holds the link
    page = client.get(response["Location"]).content.decode()
    assert "Chúng tôi chưa gửi đường dẫn đến bản nháp qua e-mail tới nan-nhan@example.org" in page
    # Sign-in links to it are refused with a message, the receipt of a submission is not sent.
    signin = client.post(reverse("applications:sign_in"), {"email": victim}, REMOTE_ADDR="192.0.2.50")
    assert signin.status_code == 400
    assert "Đã có nhiều đường dẫn đăng nhập được gửi tới địa chỉ này trong một giờ qua." in signin.content.decode()
    submitted = post(client, form_data(abtc, email=victim), "192.0.2.51")
    assert submitted.status_code == 302
    assert "Chúng tôi chưa gửi biên nhận" in client.get(submitted["Location"]).content.decode()
    assert len([m for m in mail.outbox if m.to == [victim]]) == 3


def test_mails_to_unconfirmed_addresses_are_capped_per_sending_address(client, abtc, settings):
    settings.APPLICATIONS_MAILS_TO_UNCONFIRMED_PER_ADDRESS_PER_HOUR = 4
    for number in range(6):
        data = form_data(abtc, action="draft", with_files=False, email=f"hop-thu-{number}@example.org")
        assert post(client, data, "192.0.2.60").status_code == 302
    assert len([m for m in mail.outbox if m.to[0].startswith("hop-thu-")]) == 4


def test_a_signed_in_applicants_own_address_is_not_capped(client, abtc, settings):
    from portal.applications import accounts
    from portal.applications.models import Applicant

    settings.APPLICATIONS_MAILS_PER_UNCONFIRMED_RECIPIENT_PER_HOUR = 1
    applicant = Applicant.objects.create(email="lienhe@thuanan.example")
    session = client.session
    session[accounts.SESSION_KEY] = applicant.pk
    session.save()
    for _number in range(3):
        assert post(client, form_data(abtc, action="draft", with_files=False), "192.0.2.70").status_code == 302
    assert len([m for m in mail.outbox if m.to == ["lienhe@thuanan.example"]]) == 3
