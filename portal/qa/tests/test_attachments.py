"""Attachments: PDF or picture recognised by content, size-limited, stored privately, given to staff only."""

import io
import re

import pytest
from django.conf import settings as django_settings
from PIL import Image

from portal.accounts.testing import login_with_second_factor
from portal.qa import services
from portal.qa.models import Question

from .conftest import MINIMAL_PDF, ask_data, jpeg_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def ask_with(client, index, attachment, address="198.51.100.50", **overrides):
    data = ask_data(**overrides)
    data["attachment"] = attachment
    return client.post(index.url + "gui-cau-hoi/", data, REMOTE_ADDR=address)


def stored(response) -> Question:
    code = re.search(r"/theo-doi/([0-9A-Z-]{9})/", response["Location"]).group(1)
    return Question.objects.get(tracking_code=code)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("giay-moi.pdf", MINIMAL_PDF, "application/pdf"),
        ("anh chup.PNG", png_bytes(), "image/png"),
        ("ho-chieu.jpeg", jpeg_bytes(), "image/jpeg"),
        ("scan-without-extension", jpeg_bytes(), "image/jpeg"),  # the content decides, not the name
    ],
)
def test_a_pdf_or_a_picture_is_kept_outside_the_public_media(client, index_vi, private_root, name, content, kind):
    response = ask_with(client, index_vi, upload(name, content), title=f"Câu hỏi kèm tệp {name}")
    assert response.status_code == 302
    question = stored(response)
    assert question.attachment_type == kind
    assert question.attachment_size == len(content)
    path = (private_root / question.attachment.name).resolve()
    assert path.read_bytes() == content
    assert not str(path).startswith(str(django_settings.MEDIA_ROOT))
    assert name not in question.attachment.name  # the citizen's name never reaches the file system
    with pytest.raises(ValueError):
        question.attachment.url  # noqa: B018 - private files have no URL


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "Vui lòng đính kèm tệp PDF hoặc ảnh"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "Vui lòng đính kèm tệp PDF hoặc ảnh"),
        (
            "anh.png",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            "Vui lòng đính kèm tệp PDF hoặc ảnh",
        ),
        ("cat-ngang.pdf", MINIMAL_PDF[:60], "Tệp PDF có vẻ không đầy đủ hoặc bị hỏng."),
        ("hong.png", png_bytes()[:40], "Ảnh có vẻ bị hỏng, không mở được."),
        ("gia.jpg", b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 20, "Ảnh có vẻ bị hỏng, không mở được."),
        ("rong.pdf", b"", "Tệp đính kèm rỗng."),
    ],
)
def test_other_files_are_refused_by_content_with_a_message(client, index_vi, name, content, message):
    before = Question.objects.count()
    response = ask_with(client, index_vi, upload(name, content, "application/pdf"))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert Question.objects.count() == before


def test_a_file_over_the_limit_is_refused(client, index_vi, settings):
    settings.QA_ATTACHMENT_MAX_BYTES = 1024
    big = MINIMAL_PDF + b"%" + b"0" * 2000 + b"\n%%EOF\n"
    response = ask_with(client, index_vi, upload("lon.pdf", big))
    assert response.status_code == 200
    assert "Tệp đính kèm quá lớn: tối đa 1,0 KB." in response.content.decode()


def test_a_file_far_over_the_limit_comes_back_as_the_fields_error_with_everything_typed_kept(
    client, index_vi, settings
):
    # Issue 19 item 5: a 20 MB file answered a bare 413 and every typed field was gone.
    settings.QA_ATTACHMENT_MAX_BYTES = 1024
    huge = MINIMAL_PDF + b"%" + b"0" * 300_000 + b"\n%%EOF\n"
    before = Question.objects.count()
    response = ask_with(client, index_vi, upload("rat-lon.pdf", huge), title="Câu hỏi có tệp quá lớn")
    assert response.status_code == 200
    html = response.content.decode()
    errors = re.search(r'<div class="field__errors" id="id_attachment_error">(.*?)</div>', html, re.S)
    assert errors and errors.group(1) == '<p class="field__error">Tệp đính kèm quá lớn: tối đa 1,0\xa0KB.</p>'
    assert 'value="Câu hỏi có tệp quá lớn"' in html
    assert "Trường chúng tôi muốn mời hai giáo sư Hàn Quốc" in html
    assert 'value="Nguyễn Văn An"' in html and 'value="nguyenvanan@example.com"' in html
    assert Question.objects.count() == before


def test_a_request_over_the_hard_cap_is_refused_before_it_is_read_with_the_portals_page(client, index_vi, settings):
    settings.QA_ATTACHMENT_MAX_BYTES = 1024
    settings.PORTAL_MAX_REQUEST_BYTES = 100_000  # the web server's client_max_body_size
    huge = MINIMAL_PDF + b"%" + b"0" * 300_000 + b"\n%%EOF\n"
    response = ask_with(client, index_vi, upload("rat-lon.pdf", huge))
    assert response.status_code == 413
    html = response.content.decode()
    assert "Tệp đính kèm quá lớn: tối đa 1,0\xa0KB." in html
    assert 'class="qa-form"' in html


def test_the_form_tells_the_browser_the_servers_limit_and_words(client, index_vi, index_en, settings):
    settings.QA_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    html = client.get(index_vi.url + "gui-cau-hoi/").content.decode()
    assert 'data-max-bytes="2097152"' in html
    assert 'data-too-large-message="Tệp đính kèm quá lớn: tối đa 2,0\xa0MB."' in html
    assert 'data-wrong-type-message="Vui lòng đính kèm tệp PDF hoặc ảnh' in html
    assert 'data-choose-label="Chọn tệp" data-none-label="Chưa chọn tệp nào"' in html
    assert re.search(r'<script src="/static/portal/js/filecheck\.js" defer>', html)
    english = client.get(index_en.url + "ask/").content.decode()
    assert re.search(r'data-too-large-message="The attached file is too large: 2[.,]0\xa0MB at most\."', english)


def test_a_decompression_bomb_is_refused(client, index_vi, settings):
    settings.QA_ATTACHMENT_MAX_PIXELS = 10_000
    buffer = io.BytesIO()
    Image.new("1", (4000, 4000)).save(buffer, format="PNG")  # tiny file, 16 million pixels
    response = ask_with(client, index_vi, upload("bom.png", buffer.getvalue()))
    assert "Ảnh có quá nhiều điểm ảnh." in response.content.decode()


def test_only_staff_who_see_the_question_can_download_its_attachment(
    client, index_vi, secretariat, unit_head, consular_member, cooperation_unit
):
    response = ask_with(client, index_vi, upload("giay-moi.pdf", MINIMAL_PDF), title="Câu hỏi có giấy mời")
    question = stored(response)
    url = f"/admin/qa/questions/attachment/{question.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    login_with_second_factor(client, secretariat)
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]

    services.question_route(question=question, unit=cooperation_unit, user=secretariat)
    login_with_second_factor(client, unit_head)  # routed to his unit
    assert client.get(url).status_code == 200
    client.force_login(consular_member)  # another unit
    assert client.get(url).status_code == 404


def test_purging_spam_deletes_the_attachment_file(
    client, index_vi, secretariat, private_root, django_capture_on_commit_callbacks
):
    response = ask_with(client, index_vi, upload("quang-cao.png", png_bytes()), title="Quảng cáo có ảnh")
    question = stored(response)
    path = private_root / question.attachment.name
    assert path.exists()
    services.question_mark_spam(question=question, user=secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.spam_purge(user=secretariat) >= 1
    assert not Question.objects.filter(pk=question.pk).exists()
    assert not path.exists()
