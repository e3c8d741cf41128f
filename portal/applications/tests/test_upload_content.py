"""Crafted files through the application form: the shared content check (portal.core.filecheck) refuses
each with the applicant's message naming the file, and the form keeps what was typed."""

import io

import pytest
from django.utils.html import escape
from PIL import Image, PngImagePlugin

from portal.applications.samples import jpeg_bytes, pdf_bytes
from portal.core import crafted

from .conftest import ANSWERS, apply_url, form_data, ours, upload

pytestmark = pytest.mark.django_db

SCRIPT = "chứa mã lệnh hoặc tệp đính kèm: hãy lưu lại thành PDF thông thường."
HIDDEN = "chứa một loại tệp khác hoặc mã lệnh ẩn bên trong: tệp bị từ chối."
NOT_A_PDF = "không phải tệp PDF hoàn chỉnh."
NOT_AN_IMAGE = "không phải ảnh hợp lệ."
TOO_COMPLEX = "quá phức tạp, không kiểm tra được"


def png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


CRAFTED = [
    ("escaped-name.pdf", crafted.pdf_with_escaped_script(pdf_bytes("Ho chieu")), SCRIPT),
    ("object-stream.pdf", crafted.pdf_with_object_stream(), SCRIPT),
    ("object-stream-hex.pdf", crafted.pdf_with_object_stream(filter_name="ASCIIHexDecode"), SCRIPT),
    ("polyglot.pdf", crafted.pdf_html_polyglot(pdf_bytes("Ho chieu")), HIDDEN),
    ("polyglot.jpg", jpeg_bytes() + b"<ScRiPt>alert(1)</sCrIpT>", HIDDEN),
    ("polyglot.png", png_with_text("<Svg onload=alert(1)>"), HIDDEN),
    ("not-a-pdf.pdf", b"%PDF-1.7\n" + b"\x00" * 300 + b"\n%%EOF\n", NOT_A_PDF),
    ("jpeg-claims-png.png", b"\x89PNG\r\n\x1a\n" + jpeg_bytes(), NOT_AN_IMAGE),
    ("bomb.pdf", crafted.pdf_inflating_to(80), TOO_COMPLEX),
]


@pytest.mark.parametrize(("name", "content", "message"), CRAFTED, ids=[name for name, _c, _m in CRAFTED])
def test_crafted_files_are_refused_by_name_and_the_form_keeps_what_was_typed(client, abtc, name, content, message):
    data = form_data(abtc)
    data["doc_ho-chieu"] = upload(name, content)
    response = client.post(apply_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{name} {message}" in html or escape(f"{name} {message}") in html
    for typed in (data["applicant_name"], data["email"], ANSWERS["f_ho_ten_doanh_nhan"], ANSWERS["f_so_ho_chieu"]):
        assert escape(typed) in html
    assert not ours().filter(uploads__document_key="ho-chieu").exists()


def test_a_pdf_with_a_clean_object_stream_is_accepted(client, abtc):
    data = form_data(abtc)
    data["doc_ho-chieu"] = upload("ho-chieu-pdf15.pdf", crafted.pdf_with_object_stream(script=False))
    assert client.post(apply_url(), data).status_code == 302
    assert ours().get().uploads.filter(document_key="ho-chieu").exists()
