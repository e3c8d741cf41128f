"""Uploads are judged by content: documents pass, programs, polyglots and oversized files are refused."""

import io
import zipfile

import pytest

from portal.applications.samples import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes
from portal.applications.uploads import UploadRefused, check_content


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (pdf_bytes("Giấy phép"), "giay-phep.pdf", "pdf"),
        (png_bytes(), "anh.png", "png"),
        (jpeg_bytes(), "anh.jpg", "jpeg"),
        (docx_bytes(), "don.docx", "docx"),
        (pdf_bytes(), "named-wrongly.exe", "pdf"),  # the content decides, and the file is kept as a PDF
    ],
    ids=["pdf", "png", "jpeg", "docx", "pdf-named-exe"],  # named, not by their bytes: each xdist worker makes its own
)
def test_documents_are_accepted_by_content(data, name, kind):
    checked = check_content(data, name)
    assert checked.kind == kind
    assert len(checked.sha256) == 64


def _zip_with(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, data)
    return out.getvalue()


REFUSED = [
    (b"MZ\x90\x00" + b"\x00" * 200, "hoa-don.pdf", "is a program"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "scan.jpg", "is a program"),
    (b"#!/bin/sh\nrm -rf /\n", "don.docx", "is a program"),
    (b"GIF89a" + b"\x00" * 50, "anh.gif", "is not a PDF, PNG, JPEG or DOCX"),
    (b"<html><script>alert(1)</script></html>", "trang.pdf", "is not a PDF, PNG, JPEG or DOCX"),
    (pdf_bytes() + _zip_with("payload.exe", b"MZ"), "ghep.pdf", "another kind of file"),
    (pdf_bytes() + b"\n" * 4000 + _zip_with("payload.exe", b"MZ") * 40, "ghep-dai.pdf", "is not a complete PDF"),
    (pdf_bytes().replace(b"%%EOF", b"PK\x03\x04 %%EOF"), "ghep2.pdf", "another kind of file"),
    (
        pdf_bytes().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        "js.pdf",
        "scripts",
    ),
    (png_bytes() + _zip_with("a.txt", b"x"), "anh.png", "another kind of file"),
    (jpeg_bytes() + b"<script>alert(1)</script>", "anh.jpg", "another kind of file"),
    (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "hong.png", "not a valid image"),
    (docx_bytes(extra_parts={"word/vbaProject.bin": b"macro"}), "macro.docx", "macros"),
    (
        docx_bytes(
            content_types=(
                b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
            )
        ),
        "macro2.docx",
        "macros",
    ),
    (_zip_with("virus.exe", b"MZ"), "nen.docx", "not a Word document"),
    (docx_bytes(extra_parts={"word/run.exe": b"MZ"}), "chua-exe.docx", "another kind of file"),
    (b"", "rong.pdf", "is empty"),
]


@pytest.mark.parametrize(("data", "name", "reason"), REFUSED, ids=[name for _data, name, _reason in REFUSED])
def test_programs_polyglots_and_non_documents_are_refused_with_a_reason(data, name, reason):
    with pytest.raises(UploadRefused) as refused:
        check_content(data, name)
    assert reason in str(refused.value)


def test_a_docx_with_data_before_the_archive_is_refused():
    with pytest.raises(UploadRefused, match="another kind of file|not a Word document"):
        check_content(b"PK\x03\x04" + b"\x00" * 26 + docx_bytes(), "truoc.docx")
    with pytest.raises(UploadRefused, match="program"):
        check_content(b"MZ" + docx_bytes(), "exe-zip.docx")


def test_a_docx_with_macro_content_types_is_refused():
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" '
        b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
    )
    with pytest.raises(UploadRefused, match="macros"):
        check_content(docx_bytes(content_types=types), "macro.docx")


def test_files_over_the_limit_are_refused(settings):
    settings.APPLICATIONS_MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(UploadRefused, match="larger than 1 MB"):
        check_content(pdf_bytes() + b" " * (1024 * 1024), "lon.pdf")


def test_the_name_shown_back_is_cleaned_of_paths_and_markup():
    checked = check_content(pdf_bytes(), '..\\..\\C:/windows/giay<to>"x".pdf')
    assert checked.original_name == "giaytox.pdf"


def test_refusals_are_in_vietnamese_on_the_vietnamese_site():
    from django.utils import translation

    with translation.override("vi"), pytest.raises(UploadRefused) as refused:
        check_content(b"MZ" + b"\x00" * 10, "x.pdf")
    assert "chương trình" in str(refused.value)
