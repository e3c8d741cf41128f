"""Attachments are checked by content through the public form: scripts however written, HTML polyglots,
files that are not what they claim and bombs are refused with a message, and the question typed stays."""

import io
import re

import pytest
from PIL import Image, PngImagePlugin

from portal.core import crafted
from portal.qa.models import Question

from .conftest import MINIMAL_PDF, ask_data, jpeg_bytes, upload

pytestmark = pytest.mark.django_db

SCRIPT = "Tệp PDF có chứa mã lệnh (script) hoặc tệp đính kèm bên trong."
HIDDEN = "Tệp có chứa một loại tệp khác hoặc mã lệnh (script) ẩn bên trong nên không được chấp nhận."
DAMAGED_PDF = "Tệp PDF có vẻ không đầy đủ hoặc bị hỏng."
DAMAGED_PICTURE = "Ảnh có vẻ bị hỏng, không mở được."
TOO_COMPLEX = "Tệp quá phức tạp, không kiểm tra được."


def png_with_text(text: str) -> bytes:
    """A valid PNG carrying `text` in a text chunk: a picture to Pillow, markup to a browser that sniffs."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


TITLE = "Hỏi về thủ tục xin thị thực cho chuyên gia"
BODY = "Tôi gửi kèm giấy mời của trường, xin hỏi cần bổ sung giấy tờ gì thêm cho chuyên gia người Đức?"

NO_PAGES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
CRAFTED = [
    ("escaped-name.pdf", crafted.pdf_with_escaped_script(MINIMAL_PDF), SCRIPT),
    ("object-stream.pdf", crafted.pdf_with_object_stream(), SCRIPT),
    ("object-stream-hex.pdf", crafted.pdf_with_object_stream(filter_name="ASCIIHexDecode"), SCRIPT),
    ("polyglot.pdf", crafted.pdf_html_polyglot(MINIMAL_PDF), HIDDEN),
    ("polyglot.jpg", jpeg_bytes() + b"<ScRiPt>alert(1)</sCrIpT>", HIDDEN),
    ("polyglot.png", png_with_text("<SVG onload=alert(1)>"), HIDDEN),
    ("not-a-pdf.pdf", b"%PDF-1.7\n" + b"\x00" * 300 + b"\n%%EOF\n", DAMAGED_PDF),
    ("no-pages.pdf", NO_PAGES, DAMAGED_PDF),
    ("png-header-jpeg-body.png", b"\x89PNG\r\n\x1a\n" + jpeg_bytes(), DAMAGED_PICTURE),
    ("bomb.pdf", crafted.pdf_inflating_to(80), TOO_COMPLEX),
]


def ask_with(client, index, attachment):
    data = ask_data(title=TITLE, body=BODY)
    data["attachment"] = attachment
    return client.post(index.url + "gui-cau-hoi/", data, REMOTE_ADDR="198.51.100.77")


@pytest.mark.parametrize(("name", "content", "message"), CRAFTED, ids=[name for name, _c, _m in CRAFTED])
def test_crafted_files_are_refused_with_a_message_and_the_question_is_kept(client, index_vi, name, content, message):
    before = Question.objects.count()
    response = ask_with(client, index_vi, upload(name, content, "application/pdf"))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert TITLE in html and BODY in html  # what the citizen typed is still in the form
    assert Question.objects.count() == before


def test_a_pdf_with_a_clean_object_stream_is_accepted(client, index_vi):
    response = ask_with(client, index_vi, upload("modern.pdf", crafted.pdf_with_object_stream(script=False)))
    assert response.status_code == 302
    code = re.search(r"/theo-doi/([0-9A-Z-]{9})/", response["Location"]).group(1)
    assert Question.objects.get(tracking_code=code).attachment_type == "application/pdf"
