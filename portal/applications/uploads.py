"""Uploaded documents are judged by their content, never by their name.

Accepted: PDF, PNG, JPEG and DOCX (Word without macros). Refused: anything else, executables
whatever they are called, and polyglots (a file that is also something else: a PDF carrying a
ZIP or a script, an image with data hidden after its end, a DOCX with data before it).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from portal.core import filecheck
from portal.core.filecheck import ContentRefused, Problem

PDF, PNG, JPEG, DOCX = "pdf", "png", "jpeg", "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    PNG: "image/png",
    JPEG: "image/jpeg",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx"}

MAX_PIXELS = 80_000_000  # decompression bombs
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "activex")
MAX_DOCX_ENTRIES = 2000
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # a zip bomb stops here


class UploadRefused(Exception):
    """Why a file was refused, for the applicant, in their language."""


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    data: bytes
    sha256: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.kind]


def max_upload_bytes() -> int:
    return settings.APPLICATIONS_MAX_UPLOAD_BYTES


def safe_name(name: str) -> str:
    """The file name as shown back: its last path part, printable, at most 150 characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    return (name or "tai-lieu")[:150]


def check_upload(upload: UploadedFile) -> CheckedFile:
    """The upload's content if it is an accepted document; UploadRefused says why not."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": safe_name(upload.name or ""), "limit": limit // (1024 * 1024)}
        )
    data = b"".join(upload.chunks())
    return check_content(data, upload.name or "")


def check_content(data: bytes, name: str) -> CheckedFile:
    shown = safe_name(name)
    if len(data) > max_upload_bytes():
        raise UploadRefused(
            _("%(name)s is larger than %(limit)d MB.") % {"name": shown, "limit": max_upload_bytes() // (1024 * 1024)}
        )
    if not data:
        raise UploadRefused(_("%(name)s is empty.") % {"name": shown})
    claimed = None
    try:
        claimed = filecheck.sniff(data)
        if claimed == filecheck.PDF:
            filecheck.check_pdf(data)
            kind = PDF
        elif claimed in (filecheck.PNG, filecheck.JPEG):
            filecheck.check_picture(data, claimed, max_pixels=MAX_PIXELS, decode=False)
            kind = PNG if claimed == filecheck.PNG else JPEG
        elif claimed == filecheck.ZIP:
            kind = _check_docx(data, shown)
        else:
            raise UploadRefused(_("%(name)s is not a PDF, PNG, JPEG or DOCX file.") % {"name": shown})
    except ContentRefused as refused:
        raise _refusal(refused.problem, claimed, shown) from refused
    return CheckedFile(kind=kind, data=data, sha256=hashlib.sha256(data).hexdigest(), original_name=shown)


def _polyglot(name: str) -> UploadRefused:
    return UploadRefused(
        _("%(name)s contains another kind of file or a script hidden inside it: it was refused.") % {"name": name}
    )


def _refusal(problem: Problem, claimed: str | None, name: str) -> UploadRefused:
    """The shared check's finding, said to the applicant."""
    if problem == Problem.PROGRAM:
        return UploadRefused(_("%(name)s is a program, not a document: it was refused.") % {"name": name})
    if problem == Problem.ACTIVE:
        return UploadRefused(
            _("%(name)s contains scripts or embedded files: save it again as a plain PDF.") % {"name": name}
        )
    if problem == Problem.HIDDEN:
        return _polyglot(name)
    if problem == Problem.PROTECTED:
        return UploadRefused(_("%(name)s is protected by a password.") % {"name": name})
    if problem == Problem.TOO_COMPLEX:
        return UploadRefused(_("%(name)s is too complex to be checked: save it again as a plain PDF.") % {"name": name})
    if problem == Problem.TOO_MANY_PIXELS:
        return UploadRefused(_("%(name)s is too large an image.") % {"name": name})
    if claimed == filecheck.PDF:
        return UploadRefused(_("%(name)s is not a complete PDF file.") % {"name": name})
    return UploadRefused(_("%(name)s is not a valid image.") % {"name": name})


def _check_docx(data: bytes, name: str) -> str:
    not_word = UploadRefused(_("%(name)s is not a Word document (.docx).") % {"name": name})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise not_word from error
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise not_word
    if min(entry.header_offset for entry in entries) != 0:
        raise _polyglot(name)  # something sits before the archive
    if len(entries) > MAX_DOCX_ENTRIES or sum(entry.file_size for entry in entries) > MAX_DOCX_UNCOMPRESSED:
        raise UploadRefused(_("%(name)s unpacks to too much data.") % {"name": name})
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise UploadRefused(_("%(name)s is protected by a password.") % {"name": name})
    lowered = [entry.filename.lower() for entry in entries]
    try:
        content_types = archive.read("[Content_Types].xml").lower()
    except (zipfile.BadZipFile, KeyError, RuntimeError, OSError) as error:
        raise not_word from error
    if any(part in filename for filename in lowered for part in MACRO_PARTS) or b"macroenabled" in content_types:
        raise UploadRefused(_("%(name)s contains macros: save it as a plain Word document (.docx).") % {"name": name})
    if any(filename.endswith((".exe", ".dll", ".bat", ".cmd", ".js", ".vbs", ".ps1", ".sh")) for filename in lowered):
        raise _polyglot(name)
    return DOCX
