"""Following an application: only with its secret; guessed numbers and ids reveal nothing; files stay private."""

import uuid

import pytest
from django.urls import reverse

from portal.applications.models import Applicant, Application

from .conftest import submit

pytestmark = pytest.mark.django_db


def track_url(application, secret=None):
    return reverse(
        "applications:track", kwargs={"public_id": application.public_id, "secret": secret or application.secret}
    )


def test_the_tracking_page_shows_status_receipt_answers_and_documents_and_is_never_cached(client, submitted):
    response = client.get(track_url(submitted) + "?da-nop=1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hồ sơ của bạn đã được nộp." in html
    assert submitted.receipt_number in html
    assert "đã nộp, chờ tiếp nhận" in html
    assert "Lê Minh Quân" in html and "02/03/2015" in html
    assert "ho-chieu.pdf" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'name="robots" content="noindex' in html


def test_a_wrong_secret_or_an_unknown_id_is_a_404(client, submitted):
    assert client.get(track_url(submitted, secret="AAAABBBBCCCCDDDD")).status_code == 404
    ghost = reverse("applications:track", kwargs={"public_id": uuid.uuid4(), "secret": submitted.secret})
    assert client.get(ghost).status_code == 404
    upload = submitted.uploads.first()
    for name, kwargs in [
        ("applications:upload", {"upload_id": upload.pk}),
        ("applications:result", {}),
        ("applications:edit_draft", {}),
    ]:
        url = reverse(name, kwargs={"public_id": submitted.public_id, "secret": "AAAABBBBCCCCDDDD", **kwargs})
        assert client.get(url).status_code == 404, name


def test_files_are_served_to_the_secret_holder_as_attachments_only(client, submitted):
    upload = submitted.uploads.first()
    url = reverse(
        "applications:upload",
        kwargs={"public_id": submitted.public_id, "secret": submitted.secret, "upload_id": upload.pk},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_applications_file_is_not_reachable_with_my_secret(client, abtc, submitted):
    other = submit(client, abtc, email="nguoikhac@example.org")
    foreign = other.uploads.first()
    url = reverse(
        "applications:upload",
        kwargs={"public_id": submitted.public_id, "secret": submitted.secret, "upload_id": foreign.pk},
    )
    assert client.get(url).status_code == 404


def test_lookup_by_receipt_number_and_code_finds_it_whatever_the_typing(client, submitted):
    code = submitted.secret
    typed = f"{code[:4].lower()}-{code[4:8]} {code[8:12]}-{code[12:]}"
    response = client.post(
        reverse("applications:lookup"), {"receipt_number": submitted.receipt_number.lower(), "secret": typed}
    )
    assert response.status_code == 302 and response["Location"] == track_url(submitted)


def test_a_guessed_receipt_number_answers_exactly_like_an_unknown_one(client, submitted):
    wrong_code = client.post(
        reverse("applications:lookup"), {"receipt_number": submitted.receipt_number, "secret": "AAAABBBBCCCCDDDD"}
    )
    unknown = client.post(
        reverse("applications:lookup"), {"receipt_number": "SNV-000101-9999", "secret": "AAAABBBBCCCCDDDD"}
    )
    assert wrong_code.status_code == unknown.status_code == 400
    message = "Không có hồ sơ nào khớp với số biên nhận và mã tra cứu này."
    assert message in wrong_code.content.decode() and message in unknown.content.decode()
    assert submitted.applicant_name not in wrong_code.content.decode()


def test_lookups_are_throttled_per_address(client, settings, submitted):
    settings.APPLICATIONS_LOOKUP_LIMIT = 3
    for _ in range(3):
        client.post(reverse("applications:lookup"), {"receipt_number": "SNV-1", "secret": "X" * 16})
    response = client.post(
        reverse("applications:lookup"), {"receipt_number": submitted.receipt_number, "secret": submitted.secret}
    )
    assert response.status_code == 400
    assert "Quá nhiều lần thử" in response.content.decode()


def test_behind_the_proxy_one_address_tiring_the_look_up_leaves_the_others_alone(client, settings, submitted):
    settings.APPLICATIONS_LOOKUP_LIMIT = 3
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"  # every request reaches the app from the proxy's address
    for _ in range(4):
        client.post(
            reverse("applications:lookup"),
            {"receipt_number": "SNV-1", "secret": "X" * 16},
            HTTP_X_REAL_IP="198.51.100.7",
        )
    mine = {"receipt_number": submitted.receipt_number, "secret": submitted.secret}
    refused = client.post(reverse("applications:lookup"), mine, HTTP_X_REAL_IP="198.51.100.7")
    assert "Quá nhiều lần thử" in refused.content.decode()
    answered = client.post(reverse("applications:lookup"), mine, HTTP_X_REAL_IP="203.0.113.50")
    assert "Quá nhiều lần thử" not in answered.content.decode()
    assert answered.status_code in (200, 302)


def test_a_signed_in_applicant_sees_only_their_own_applications(client, abtc, submitted):
    stranger = Applicant.objects.create(email="nguoila@example.org")
    session = client.session
    session["applicant_id"] = stranger.pk
    session.save()
    html = client.get(reverse("applications:my_applications")).content.decode()
    assert submitted.receipt_number not in html
    assert "Bạn chưa có hồ sơ nào." in html


def test_the_sign_in_link_works_once_and_attaches_earlier_applications(client, mailoutbox, submitted):
    client.post(reverse("applications:sign_in"), {"email": "LienHe@ThuanAn.example"})
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/dang-nhap/" in line).strip()
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 302
    html = client.get(reverse("applications:my_applications")).content.decode()
    assert submitted.receipt_number in html
    submitted.refresh_from_db()
    assert submitted.applicant.email == "lienhe@thuanan.example"
    client.post(reverse("applications:sign_out"))
    again = client.get("/" + path)
    assert again.status_code == 400
    assert "đã hết hạn hoặc đã được dùng" in again.content.decode()


def test_a_forged_sign_in_token_signs_nobody_in(client):
    response = client.get(reverse("applications:sign_in_confirm", kwargs={"token": "eyJhIjoxfQ:forged:sig"}))
    assert response.status_code == 400
    assert client.get(reverse("applications:my_applications")).status_code == 302


def test_the_tracking_page_queries_are_bounded(client, submitted, django_assert_max_num_queries):
    client.get(track_url(submitted))  # warm Wagtail's site and locale caches, as on a running server
    with django_assert_max_num_queries(25):
        assert client.get(track_url(submitted)).status_code == 200


def test_a_draft_shows_a_continue_link_and_no_receipt(client, abtc):
    from .conftest import apply_url, form_data

    client.post(apply_url(), form_data(abtc, action="draft", with_files=False))
    draft = Application.objects.get(email="lienhe@thuanan.example")
    html = client.get(track_url(draft)).content.decode()
    assert "Tiếp tục bản nháp" in html and "Bản nháp hồ sơ" in html
