"""Crafted .docx files are refused before they are parsed, quickly and in little memory."""

import io
import itertools
import time
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from portal.news.models import ArticlePage
from portal.wordimport import limits
from portal.wordimport.services import WordImportError, import_docx

from . import samples
from .conftest import counts, stored_files, upload

pytestmark = pytest.mark.django_db

URL = reverse("wordimport:import")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def with_body(body: str, *, extra_parts: dict[str, bytes] | None = None) -> bytes:
    """A real .docx (python-docx's) whose document.xml body is `body`, built in memory."""
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'
    data = samples.replace_part(samples.plain_article(), "word/document.xml", document.encode())
    if extra_parts:
        buffer = io.BytesIO(data)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            for name, content in extra_parts.items():
                archive.writestr(name, content)
        data = buffer.getvalue()
    return data


def refused(user, category, data: bytes) -> tuple[str, float, int]:
    """The refusal's message, the seconds it took and the memory it peaked at (bytes)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(WordImportError) as refusal:
            import_docx(user=user, parent=category, uploaded_file=upload(data))
        return refusal.value.message, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_million_empty_paragraphs_are_refused_in_seconds_and_little_memory(contributor, category, media):
    bomb = with_body("<w:p><w:r><w:t></w:t></w:r></w:p>" * 1_000_000)  # 33 MB of XML
    assert len(bomb) < 200_000
    before = counts()
    message, seconds, peak = refused(contributor, category, bomb)
    assert message.startswith("Nội dung văn bản quá lớn khi giải nén (hơn 10,0")
    assert seconds < 5 and peak < 20 * 1024 * 1024
    assert counts() == before and stored_files(media) == []


def test_paragraphs_and_elements_are_counted_before_parsing(contributor, category, media):
    many_paragraphs = with_body("<w:p/>" * 300_000)  # 1.8 MB: within the size bound
    message, seconds, peak = refused(contributor, category, many_paragraphs)
    assert message.startswith("Văn bản có hơn 5.000 đoạn, quá nhiều cho một tin bài.")
    assert seconds < 5 and peak < 20 * 1024 * 1024
    many_elements = with_body("<w:p>" + "<w:r><w:t>a</w:t></w:r>" * 60_000 + "</w:p>")
    message, seconds, _peak = refused(contributor, category, many_elements)
    assert message.startswith("Văn bản quá phức tạp để nhập (hơn 100.000 thành phần định dạng).")
    assert seconds < 5


def test_entities_and_many_or_large_images_are_refused(contributor, category, media, settings):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = samples.replace_part(samples.plain_article(), "word/document.xml", laughs.encode())
    assert refused(contributor, category, data)[0].startswith("Tệp Word bị hỏng")

    images = {f"word/media/image{number}.png": samples.png_bytes() for number in range(51)}
    message = refused(contributor, category, with_body("<w:p/>", extra_parts=images))[0]
    assert message.startswith("Văn bản có 51 ảnh; mỗi tin bài nhập được tối đa 50 ảnh.")

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    big = {"word/media/image1.png": b"\x89PNG" + bytes(4096)}  # the size the zip declares counts
    message = refused(contributor, category, with_body("<w:p/>", extra_parts=big))[0]
    assert message.startswith("Một ảnh trong văn bản lớn hơn 1,0")


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(contributor, category, media, settings):
    settings.WORDIMPORT_MAX_IMAGE_PIXELS = 320 * 200 - 1
    message = refused(contributor, category, samples.news_article(images=1))[0]
    assert message == "Ảnh thứ 1 trong văn bản quá lớn (320 × 200 điểm ảnh). Hãy thu nhỏ ảnh trong Word rồi thử lại."


def test_an_import_that_takes_too_long_is_stopped(contributor, category, media, monkeypatch):
    ticks = itertools.count(0, 10)  # each look at the clock: ten seconds later
    monkeypatch.setattr(limits, "clock", lambda: next(ticks))
    before = counts()
    message = refused(contributor, category, samples.news_article())[0]
    assert message.startswith("Việc nhập văn bản mất hơn 30 giây nên đã dừng lại.")
    assert counts() == before and stored_files(media) == []
    with translation.override("en"):
        message = refused(contributor, category, samples.news_article())[0]
    assert message.startswith("Importing the document took longer than 30 seconds and was stopped.")


def test_the_import_page_shows_the_refusal_and_a_normal_file_still_imports(client, contributor, category, media):
    client.force_login(contributor)
    bomb = with_body("<w:p/>" * 300_000)
    response = client.post(URL, {"parent": category.pk, "file": upload(bomb)})
    assert response.status_code == 200
    assert "Văn bản có hơn 5.000 đoạn, quá nhiều cho một tin bài." in response.content.decode()

    response = client.post(URL, {"parent": category.pk, "file": upload(samples.news_article())})
    assert response.status_code == 302
    assert ArticlePage.objects.filter(title=samples.TITLE, owner=contributor).exists()
