"""Hostile and odd input never gives a server error, and what is stored is shown escaped.

The form is posted as raw bytes so that what no browser sends (invalid UTF-8, lone surrogates)
reaches the server too. The test client raises any exception a view lets through, so a 500
fails the test with its traceback.
"""

import itertools
import re
import time
from urllib.parse import quote_from_bytes

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portal.accounts.testing import login_with_second_factor
from portal.news.tests.factories import section
from portal.qa import services
from portal.qa.models import AnswerPage, Question

from .conftest import MINIMAL_PDF, human_token

pytestmark = pytest.mark.django_db
ADDRESSES = (f"10.{a}.{b}.{c}" for a, b, c in itertools.product(range(1, 250), repeat=3))
NASTY = [
    "\x00",
    "nul\x00in the middle",
    "\ud800 lone surrogate",
    "\udfff",
    "\u202eevil.exe\u202c txt",  # right-to-left override
    "\u2066isolate\u2069",
    "e\u0301\u0302\u0303\u0304\u0305\u0306 combining marks",
    "Nguye\u0302\u0303n Va\u0306n A\u0300n",  # Vietnamese typed with combining marks (NFD)
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE qa_question; --",
    "' OR '1'='1",
    "{{ settings.SECRET_KEY }} {% debug %}",
    "%(name)s %s %d {0}",
    "\r\nBcc: victim@example.com\r\n",
    "\ufeff\u200b\u200d zero width",
    "𝕳𝖔𝖎 đ𝖆́𝖕 🇻🇳👩🏽‍💻",
    "ا" * 50,
    "x" * 100_000,
]
text_values = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300),
    st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")),
)


def raw_body(fields: dict[str, str]) -> bytes:
    """application/x-www-form-urlencoded, each value's code points written as UTF-8 even when invalid."""
    parts = []
    for key, value in fields.items():
        encoded = value.encode("utf-8", "surrogatepass")
        parts.append(f"{key}={quote_from_bytes(encoded)}")
    return "&".join(parts).encode("ascii")


def post_form(client, index, fields: dict[str, str]):
    cache.clear()  # each example is a different citizen: no rate limit carries over
    return client.generic(
        "POST",
        index.url + "gui-cau-hoi/",
        raw_body(fields),
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR=next(ADDRESSES),
    )


def base_fields() -> dict[str, str]:
    return {
        "name": "Nguyễn Văn An",
        "email": "an@example.com",
        "topic": str(section("hop-tac-quoc-te").pk),
        "title": "Câu hỏi thử",
        "body": "Nội dung câu hỏi thử nghiệm đủ dài.",
        "consent_to_processing": "on",
        "consent_to_publish": "on",
        "form_token": human_token(),
    }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    field=st.sampled_from(["name", "email", "phone", "organisation", "topic", "title", "body", "form_token"]),
    value=text_values,
)
@example(field="title", value="<script>alert('xss')</script> tiêu đề")
@example(field="body", value="Câu hỏi\x00 có NUL và \ud800 và \u202e đảo chiều, đủ dài")
def test_any_value_in_any_field_never_breaks_the_form(client, index_vi, field, value):
    fields = base_fields()
    fields[field] = value
    fields["email"] = fields["email"] if field != "title" else f"{time.time_ns()}@example.com"
    response = post_form(client, index_vi, fields)
    assert response.status_code in (200, 302, 400, 409, 413, 429), response.status_code
    if response.status_code == 302:
        private = client.get(response["Location"])
        assert private.status_code == 200
        html = private.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html  # shown as text, escaped
        question = Question.objects.get(tracking_code=re.search(r"/theo-doi/([0-9A-Z-]{9})/", response["Location"])[1])
        for stored in (question.name, question.title, question.body, question.organisation):
            assert "\x00" not in stored and not re.search("[\ud800-\udfff]", stored)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(content=st.binary(max_size=4096), name=text_values)
@example(content=b"%PDF-1.7\n" + b"\x00" * 100, name="a.pdf")
@example(content=b"\x89PNG\r\n\x1a\n" + b"\xff" * 64, name="../../etc/passwd.png")
@example(content=b"", name="/")
@example(content=MINIMAL_PDF, name='..\\..\\x"; name="title\x00.pdf')
def test_any_file_never_breaks_the_form(client, index_vi, content, name):
    fields = base_fields()
    fields["title"] = f"Câu hỏi kèm tệp {time.time_ns()}"
    boundary = "----qa-fuzz-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'.encode() + value.encode() + b"\r\n"
        for key, value in fields.items()
    ]
    # The file name as raw bytes, quotes and all: whatever a client may put in the header.
    raw_name = name.encode("utf-8", "surrogatepass").replace(b"\r", b"").replace(b"\n", b"")
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="'.encode()
        + raw_name
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    cache.clear()
    response = client.generic(
        "POST",
        index_vi.url + "gui-cau-hoi/",
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
        REMOTE_ADDR=next(ADDRESSES),
    )
    assert response.status_code in (200, 302, 400, 409, 413, 429)
    if response.status_code == 302:
        question = Question.objects.get(title=fields["title"])
        if question.attachment:
            assert question.attachment_type in ("application/pdf", "image/png", "image/jpeg", "image/webp")
            assert "/" not in question.attachment_name and "\x00" not in question.attachment_name


def test_hostile_text_is_shown_escaped_to_staff_and_on_the_published_page(client, index_vi, chief, secretariat):
    hostile = "<script>alert('xss')</script> \u202eevil '; DROP TABLE qa_question; -- {{ 7|add:7 }}"
    fields = base_fields() | {"title": f"Tiêu đề {hostile}", "body": f"Nội dung câu hỏi {hostile}"}
    response = post_form(client, index_vi, fields)
    assert response.status_code == 302
    question = Question.objects.get(title=f"Tiêu đề {hostile}")
    assert question.body == f"Nội dung câu hỏi {hostile}"  # stored as typed (no table was dropped either)
    login_with_second_factor(client, secretariat)
    admin_html = client.get(f"/admin/qa/questions/inspect/{question.pk}/").content.decode()
    assert "<script>alert" not in admin_html and "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in admin_html
    assert "{{ 7|add:7 }}" in admin_html  # shown, never evaluated
    question.status, question.answer = Question.Status.IN_REVIEW, f"Trả lời {hostile}"
    question.save()
    services.answer_approve(question=question, user=chief, second_factor_passed=True)
    page = AnswerPage.objects.get(question=question)
    client.logout()
    public_html = client.get(page.url).content.decode()
    assert "<script>alert" not in public_html and "&lt;script&gt;" in public_html
    assert "<bdi>" in public_html  # the right-to-left override stays inside its own text


def test_normalised_vietnamese_is_stored_once_however_it_was_typed(client, index_vi):
    decomposed = "Nguye\u0302\u0303n Va\u0306n A\u0300n"
    fields = base_fields() | {"name": decomposed, "title": "Ho\u0309i ve\u0302\u0300 thi\u0323 thu\u031b\u0323c"}
    response = post_form(client, index_vi, fields)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    question = Question.objects.get(email="an@example.com", title="Hỏi về thị thực")
    assert question.name == "Nguyễn Văn Àn"


def test_long_input_is_refused_with_the_limit(client, index_vi):
    fields = base_fields() | {"body": "x" * 100_000}
    response = post_form(client, index_vi, fields)
    assert response.status_code == 200
    assert "5000" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "theo-doi/%00%00-0000/abc/",
        "theo-doi/7KQ3-M9XD/%00/",
        "theo-doi/%ED%A0%80/%ED%A0%80/",
        "theo-doi/' OR 1=1 --/x/",
        "theo-doi/%E2%80%AE7KQ3-M9XD/x/",
        "theo-doi/?code=%00",
        "?topic=%00&q=%00%ED%A0%80",
        "?q=" + "a" * 5000,
    ],
)
def test_odd_addresses_answer_clearly(client, index_vi, path):
    response = client.get(index_vi.url + path)
    assert response.status_code in (200, 404)
