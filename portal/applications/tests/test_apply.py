"""Applying online: the form built from data, drafts, uploads, one submission per key, receipts, prefilling."""

import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from portal.applications import services
from portal.applications.models import Applicant, Application, ApplicationEvent, Upload
from portal.applications.samples import pdf_bytes

from .conftest import ABTC, apply_url, form_data, ours, submit, upload

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_procedures_fields_documents_templates_and_help(client, abtc):
    html = client.get(apply_url()).content.decode()
    for form_field in abtc.form_fields.all():
        assert form_field.label_vi in html
    for document in abtc.required_documents.all():
        assert document.name_vi in html
    assert "Doanh nghiệp phải hoạt động từ 12 tháng trở lên." in html  # inline help
    template = abtc.required_documents.get(key="van-ban-de-nghi").template
    assert template.url in html
    assert 'name="idempotency_key"' in html


def test_the_english_form_is_in_english(client, abtc):
    html = client.get("/en" + apply_url()).content.decode()
    assert "Business person&#x27;s full name" in html or "Business person's full name" in html
    assert "Submit the application" in html


def test_an_organisation_submits_with_uploads_and_gets_a_receipt_number_a_secret_link_and_an_email(
    client, abtc, officer
):
    response = client.post(apply_url(), form_data(abtc))
    application = ours().get()
    assert application.status == Application.SUBMITTED
    assert application.receipt_number.startswith(f"{settings.APPLICATIONS_RECEIPT_PREFIX}-")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/ho-so/{application.public_id}/{application.secret}/")
    assert application.uploads.count() == abtc.required_documents.filter(required=True).count()
    assert application.answers["ngay_thanh_lap"] == "2015-03-02"
    assert application.answers["so_thang_lam_viec"] == 48
    assert application.events.get().kind == ApplicationEvent.SUBMITTED
    receipt = next(m for m in mail.outbox if m.to == ["lienhe@thuanan.example"])
    assert application.receipt_number in receipt.subject
    assert application.secret in receipt.body and str(application.public_id) in receipt.body
    officers = [m for m in mail.outbox if m.to == [officer.email]]
    assert officers and application.receipt_number in officers[0].subject


def test_uploads_are_stored_outside_the_public_media_area(client, abtc):
    application = submit(client, abtc)
    for stored in application.uploads.all():
        path = Path(stored.file.path).resolve()
        assert path.is_file()
        assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
        assert Path(settings.PRIVATE_STORAGE_ROOT).resolve() in path.parents
        assert not stored.file.name.startswith(settings.MEDIA_URL.strip("/"))


def test_missing_fields_and_documents_are_refused_with_translated_messages(client, abtc):
    data = form_data(abtc, with_files=False, f_so_thang_lam_viec="6", email="khong-phai-email")
    response = client.post(apply_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tải lên tài liệu này." in html  # required document missing
    assert "Đảm bảo giá trị này lớn hơn hoặc bằng với 12" in html  # Django's own Vietnamese message
    assert "Nhập địa chỉ email." in html  # Django's Vietnamese
    assert not ours().exists()


def test_a_refused_file_is_named_and_the_valid_ones_are_kept_in_a_draft(client, abtc):
    data = form_data(abtc)
    data["doc_ho-chieu"] = upload("ho-chieu.pdf", b"MZ\x90\x00 not a passport")
    response = client.post(apply_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ho-chieu.pdf" in html and "chương trình" in html
    draft = ours().get()
    assert draft.status == Application.DRAFT
    assert not draft.uploads.filter(document_key="ho-chieu").exists()
    assert draft.uploads.filter(document_key="dang-ky-doanh-nghiep").exists()
    # The applicant fixes the one file and submits: the kept files count.
    again = {k: v for k, v in form_data(abtc, key=draft.idempotency_key, with_files=False).items()}
    again["doc_ho-chieu"] = upload("ho-chieu-moi.pdf")
    response = client.post(apply_url(), again)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Application.SUBMITTED
    assert draft.uploads.count() == abtc.required_documents.filter(required=True).count()


def test_a_draft_is_saved_emailed_and_continued_then_submitted(client, abtc):
    data = form_data(abtc, action="draft", with_files=False, f_ho_ten_doanh_nhan="")
    response = client.post(apply_url(), data)
    draft = ours().get()
    assert draft.status == Application.DRAFT and draft.receipt_number is None
    edit_url = reverse("applications:edit_draft", kwargs={"public_id": draft.public_id, "secret": draft.secret})
    assert response["Location"] == edit_url
    link_mail = mail.outbox[-1]
    assert str(draft.public_id) in link_mail.body and "chưa được nộp" in link_mail.body
    html = client.get(edit_url).content.decode()
    assert "Công ty TNHH Xuất nhập khẩu Thuận An" in html
    assert str(draft.idempotency_key) in html
    response = client.post(apply_url(), form_data(abtc, key=draft.idempotency_key))
    assert response.status_code == 302
    assert ours().get().status == Application.SUBMITTED


def test_a_repeated_click_gives_one_application(client, abtc):
    key = uuid.uuid4()
    first = client.post(apply_url(), form_data(abtc, key=key))
    second = client.post(apply_url(), form_data(abtc, key=key))
    assert ours().count() == 1
    application = ours().get()
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]
    assert application.uploads.count() == abtc.required_documents.filter(required=True).count()
    assert application.events.filter(kind=ApplicationEvent.SUBMITTED).count() == 1
    assert len([m for m in mail.outbox if m.to == ["lienhe@thuanan.example"]]) == 1


def test_a_crash_during_submission_leaves_no_application_no_upload_and_no_file(client, abtc, monkeypatch):
    def crash(now):
        raise RuntimeError("power cut")

    monkeypatch.setattr(services, "_next_receipt_number", crash)
    key = uuid.uuid4()
    client.raise_request_exception = False
    response = client.post(apply_url(), form_data(abtc, key=key))
    assert response.status_code == 500
    assert not ours().exists()
    assert not Upload.objects.filter(application__in=ours()).exists()
    root = Path(settings.PRIVATE_STORAGE_ROOT)
    assert not [p for p in root.rglob("*") if p.is_file()]
    assert not mail.outbox
    # After the crash the same form, sent again, gives one whole application.
    monkeypatch.undo()
    client.post(apply_url(), form_data(abtc, key=key))
    application = ours().get()
    assert application.status == Application.SUBMITTED
    assert application.uploads.count() == abtc.required_documents.filter(required=True).count()


def test_a_crash_while_submitting_a_draft_keeps_the_draft_as_it_was(client, abtc, monkeypatch):
    client.post(apply_url(), form_data(abtc, action="draft"))
    draft = ours().get()
    files_before = sorted(p.name for p in Path(settings.PRIVATE_STORAGE_ROOT).rglob("*") if p.is_file())
    monkeypatch.setattr(services, "_next_receipt_number", lambda now: 1 / 0)
    client.raise_request_exception = False
    data = form_data(abtc, key=draft.idempotency_key, with_files=False)
    data["doc_ho-chieu"] = upload("them.pdf")
    assert client.post(apply_url(), data).status_code == 500
    draft.refresh_from_db()
    assert draft.status == Application.DRAFT
    assert sorted(p.name for p in Path(settings.PRIVATE_STORAGE_ROOT).rglob("*") if p.is_file()) == files_before


def test_a_form_without_a_key_is_not_taken(client, abtc):
    data = form_data(abtc, idempotency_key="not-a-uuid")
    response = client.post(apply_url(), data, follow=True)
    assert not ours().exists()
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


def test_too_many_files_for_a_document_are_refused(client, abtc):
    data = form_data(abtc)
    data["doc_van-ban-de-nghi"] = [upload("a.pdf"), upload("b.pdf")]  # at most one
    response = client.post(apply_url(), data)
    assert "Tải lên tối đa 1 tệp" in response.content.decode()
    assert not ours().filter(status=Application.SUBMITTED).exists()


def test_a_procedure_without_an_online_version_has_no_form(client, abtc):
    abtc.legacy_level = 2
    abtc.save()
    assert client.get(apply_url()).status_code == 404
    assert client.get(apply_url("khong-co")).status_code == 404


def test_the_fee_is_computed_from_the_answers(client, consular):
    data = form_data(
        consular,
        applicant_kind=Application.CITIZEN,
        applicant_name="Nguyễn Thị Hoa",
        f_loai_yeu_cau="Hợp pháp hóa lãnh sự",
        f_so_ban="3",
        f_ten_giay_to="Bằng tốt nghiệp\nBảng điểm\nGiấy khai sinh",
        f_nuoc_su_dung="Nhật Bản",
        f_dia_chi_nhan="10 Lê Lợi, Huế",
    )
    client.post(apply_url(consular.procedure.slug), data)
    assert ours().get().fee_amount == 90000


def test_signed_in_applicants_find_what_they_gave_before_filled_in_and_their_documents_reusable(client, abtc):
    applicant = Applicant.objects.create(email="lienhe@thuanan.example")
    session = client.session
    session["applicant_id"] = applicant.pk
    session.save()
    first = submit(client, abtc)
    assert first.applicant == applicant
    html = client.get(apply_url()).content.decode()
    assert 'value="Công ty TNHH Xuất nhập khẩu Thuận An"' in html
    assert 'value="3301112223"' in html
    assert "Dùng tệp đã nộp: dang-ky-doanh-nghiep.pdf" in html
    # Submitting with every document reused: nothing is uploaded again.
    data = form_data(abtc, with_files=False)
    for document in abtc.required_documents.filter(required=True):
        data[f"reuse_{document.key}"] = "on"
    response = client.post(apply_url(), data)
    assert response.status_code == 302
    second = ours().exclude(pk=first.pk).get()
    assert second.status == Application.SUBMITTED
    assert sorted(second.uploads.values_list("sha256", flat=True)) == sorted(
        first.uploads.values_list("sha256", flat=True)
    )
    assert set(second.uploads.values_list("file", flat=True)).isdisjoint(first.uploads.values_list("file", flat=True))


def test_a_typed_email_prefills_nothing(client, abtc):
    submit(client, abtc)
    client.cookies.clear()
    html = client.get(apply_url(), {"email": "lienhe@thuanan.example"}).content.decode()
    assert "Thuận An" not in html and "3301112223" not in html


def test_applying_again_from_a_tracking_link_fills_in_that_application(client, abtc):
    first = submit(client, abtc)
    html = client.get(apply_url(), {"tu": str(first.public_id), "ma": first.secret}).content.decode()
    assert "Thuận An" in html and first.receipt_number in html
    wrong = client.get(apply_url(), {"tu": str(first.public_id), "ma": "SAI" * 5}).content.decode()
    assert "Thuận An" not in wrong


def test_receipt_numbers_follow_each_other_within_a_day(client, abtc):
    first = submit(client, abtc)
    second = submit(client, abtc)
    assert int(second.receipt_number.rsplit("-", 1)[1]) == int(first.receipt_number.rsplit("-", 1)[1]) + 1


def test_application_form_page_queries_are_bounded(client, abtc, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert client.get(apply_url()).status_code == 200


def test_the_submission_service_refuses_missing_documents_even_without_the_form(abtc):
    data = services.ApplicationInput(applicant_kind="citizen", applicant_name="A", email="a@example.org")
    with pytest.raises(services.ApplicationError):
        services.application_save(
            version=abtc, idempotency_key=uuid.uuid4(), data=data, applicant=None, language="vi", submit=True
        )
    assert not ours().exists()
    assert pdf_bytes()  # the sample builder stays importable for the browser test
    assert ABTC == abtc.procedure.slug
