"""The application form tells the browser the server's file limit and kinds, in the applicant's language, so a
file too large is refused before it is sent (static portal/js/filecheck.js; tests/browser/test_qa.py drives it)."""

import re

import pytest

from .conftest import apply_url

pytestmark = pytest.mark.django_db


def test_each_document_field_carries_the_servers_limit_and_words(client, settings, abtc):
    settings.APPLICATIONS_MAX_UPLOAD_BYTES = 4 * 1024 * 1024
    html = client.get(apply_url()).content.decode()
    fields = re.findall(r"<input[^>]*type=\"file\"[^>]*>", html)
    assert fields
    for field in fields:
        assert 'data-max-bytes="4194304"' in field
        assert 'data-too-large-message="Tệp chọn ở đây lớn hơn 4 MB: vui lòng chọn tệp nhỏ hơn."' in field
        assert 'data-wrong-type-message="Vui lòng chọn tệp PDF, PNG, JPEG hoặc Word (DOCX)."' in field
        assert 'data-choose-label="Chọn tệp" data-none-label="Chưa chọn tệp nào"' in field
    assert '<script src="/static/portal/js/filecheck.js" defer></script>' in html
    english = client.get("/en" + apply_url()).content.decode()
    assert 'data-too-large-message="A file chosen here is larger than 4 MB: choose a smaller one."' in english
