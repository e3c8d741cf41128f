"""The registry's rules: a number is unique per issuer and year, files are PDF or Word by content,
their text is extracted, dates are consistent, and the plan's one-working-day deadline."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from portal.accounts.testing import login_with_second_factor
from portal.demo.documents import _docx, _pdf
from portal.documents.files import extract_text, sniff
from portal.documents.models import DocumentFile, DocumentPage, RegistryFileText
from portal.testing.factories import StaffFactory

from .factories import issuer, kind, library_file, publish_document, registry

pytestmark = pytest.mark.django_db
NUMBER = "866/QĐ-SNgV"  # the registered document's number: issued by the Department in 2016


@pytest.fixture(autouse=True)
def registered() -> DocumentPage:
    """A document of the registry, 866/QĐ-SNgV of 2016, and its English translation."""
    document = publish_document(number=NUMBER, issue_date=dt.date(2016, 9, 1), slug="866-qd-sngv-2016")
    english = document.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    return document


def _new_document(**fields) -> DocumentPage:
    values = {
        "title": "Quyết định thử nghiệm trùng số",
        "slug": "quyet-dinh-thu-nghiem-trung-so",
        "number": NUMBER,
        "kind": kind(),
        "issuer": issuer(),
        "issue_date": dt.date(2016, 9, 1),
        "summary": "Trích yếu.",
        "locale": registry().locale,
    }
    values.update(fields)
    return DocumentPage(**values)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Cơ sở dữ liệu đã có văn bản số 866/QĐ-SNgV do Sở Ngoại vụ tỉnh Thừa Thiên Huế ban hành năm 2016"),
        ("en", "The registry already holds 866/QĐ-SNgV issued by"),
    ],
)
def test_a_duplicate_number_of_the_same_issuer_and_year_is_refused_with_a_clear_message(language, message):
    with translation.override(language), pytest.raises(ValidationError) as refusal:
        _new_document().full_clean()
    assert "number" in refusal.value.message_dict
    assert message in refusal.value.message_dict["number"][0]


def test_the_same_number_is_accepted_in_another_year_from_another_issuer_or_in_another_spelling_case():
    _new_document(issue_date=dt.date(2017, 1, 9)).clean()
    _new_document(issuer=issuer("Ủy ban nhân dân tỉnh Thừa Thiên Huế")).clean()
    with pytest.raises(ValidationError):  # diacritics and case do not make a new number
        _new_document(number="866/qd-sngv").clean()


def test_a_document_and_its_translation_share_a_number(registered):
    english = DocumentPage.objects.get(locale__language_code="en", translation_key=registered.translation_key)
    english.clean()  # no duplicate: it is the same document in English


def test_the_admin_refuses_a_duplicate_number_and_keeps_what_was_typed(client):
    admin = StaffFactory(superuser=True)
    login_with_second_factor(client, admin)
    pages_before = DocumentPage.objects.count()
    url = f"/admin/pages/add/documents/documentpage/{registry().pk}/"
    data = {
        "title": "Quyết định trùng số của biên tập viên",
        "slug": "quyet-dinh-trung-so-bien-tap-vien",
        "number": NUMBER,
        "kind": kind().pk,
        "issuer": issuer().pk,
        "issue_date": "2016-10-03",
        "summary": "Trích yếu do biên tập viên nhập.",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "relations-MIN_NUM_FORMS": "0",
        "relations-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cơ sở dữ liệu đã có văn bản số 866/QĐ-SNgV" in html
    assert "Trích yếu do biên tập viên nhập." in html
    assert DocumentPage.objects.count() == pages_before
    data["number"] = "867/QĐ-SNgV"
    response = client.post(url, data)
    assert response.status_code == 302
    assert DocumentPage.objects.filter(number="867/QĐ-SNgV", issue_year=2016).exists()


def test_dates_must_follow_each_other():
    with pytest.raises(ValidationError) as refusal:
        _new_document(number="", effective_date=dt.date(2016, 8, 1), expiry_date=dt.date(2016, 7, 1)).clean()
    assert set(refusal.value.message_dict) == {"effective_date", "expiry_date"}


def test_files_are_recognised_by_content_not_by_name():
    assert sniff(_pdf("Văn bản", ["Nội dung"])) == "pdf"
    assert sniff(_docx("Văn bản", ["Nội dung"])) == "docx"
    assert sniff(b"MZ\x90\x00 not a document") is None
    assert sniff(b"PK\x03\x04 broken zip") is None


def test_a_file_that_is_not_pdf_or_word_is_refused_whatever_its_name():
    disguised = library_file("bao-cao.pdf", b"<html><script>alert(1)</script></html>")
    attachment = DocumentFile(document=disguised)
    with translation.override("vi"), pytest.raises(ValidationError) as refusal:
        attachment.clean()
    assert "không phải tệp PDF hoặc Word" in refusal.value.message_dict["document"][0]
    DocumentFile(document=library_file("quyet-dinh.docx", _docx("Quyết định", ["Điều 1."]))).clean()


def test_text_is_extracted_from_pdf_and_word_and_kept_for_search():
    pdf = library_file("thu-nghiem.pdf", _pdf("Thông báo", ["Lịch tiếp công dân tại Huế"]))
    docx = library_file("thu-nghiem.docx", _docx("Kế hoạch", ["Đoàn công tác sang Kyoto"]))
    assert "Lịch tiếp công dân tại Huế" in RegistryFileText.objects.get(document=pdf).text
    assert "Đoàn công tác sang Kyoto" in RegistryFileText.objects.get(document=docx).text
    assert extract_text(b"%PDF-1.4 damaged") == ""  # a damaged file is kept, only not searchable


def test_a_document_is_found_by_the_text_of_a_file_attached_later(client):
    document = publish_document(number="321/QĐ-SNgV", issue_date=dt.date(2024, 4, 2))
    assert client.get(registry().url, {"q": "xoai cat hoa loc"}).context["documents"].paginator.count == 0
    file = library_file("phu-luc.docx", _docx("Phụ lục", ["Xoài cát Hòa Lộc"]))
    document.files.add(DocumentFile(document=file))
    document.save_revision().publish()
    cache.clear()  # the page cache is cleared on commit, which a test transaction never reaches
    found = client.get(registry().url, {"q": "xoai cat hoa loc"}).context["documents"]
    assert [page.pk for page in found] == [document.pk]


def test_issue_date_is_a_plain_date_field_for_the_plan():
    field = DocumentPage._meta.get_field("issue_date")
    assert field.get_internal_type() == "DateField"
