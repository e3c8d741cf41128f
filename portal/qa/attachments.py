"""Attachments to questions: a PDF or a picture, recognised by its content, never by its name
(portal.core.filecheck, the check the application form uses too)."""

import os
import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.core import filecheck
from portal.core.filecheck import ContentRefused, Problem

from . import conf


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    sniffed: str  # what portal.core.filecheck calls it


PDF = Kind("pdf", "application/pdf", filecheck.PDF)
PNG = Kind("png", "image/png", filecheck.PNG)
JPEG = Kind("jpg", "image/jpeg", filecheck.JPEG)
WEBP = Kind("webp", "image/webp", filecheck.WEBP)

NOT_ACCEPTED = _("Attach a PDF file or a picture (JPEG, PNG or WebP). Other kinds of files are not accepted.")


KINDS = {filecheck.PDF: PDF, filecheck.PNG: PNG, filecheck.JPEG: JPEG, filecheck.WEBP: WEBP}


def _refusal(problem: Problem, kind: Kind) -> ValidationError:
    """The shared check's finding, said to the citizen."""
    if problem == Problem.PROGRAM:
        return ValidationError(NOT_ACCEPTED, code="type")
    if problem == Problem.ACTIVE:
        return ValidationError(
            _("The PDF file contains scripts or attached files. Save it again as a plain PDF and attach it."),
            code="active",
        )
    if problem == Problem.HIDDEN:
        return ValidationError(
            _("The file hides another kind of file or a script inside it, so it was not accepted."), code="hidden"
        )
    if problem == Problem.PROTECTED:
        return ValidationError(_("The PDF file is protected by a password. Attach it without one."), code="protected")
    if problem == Problem.TOO_COMPLEX:
        return ValidationError(
            _("The file is too complex to be checked. Save it again as a plain PDF or a picture."), code="complex"
        )
    if problem == Problem.TOO_MANY_PIXELS:
        return ValidationError(_("The picture has too many pixels. Please send a smaller one."), code="pixels")
    if kind is PDF:
        return ValidationError(_("The PDF file seems incomplete or damaged. Please attach it again."), code="damaged")
    return ValidationError(_("The picture seems damaged and cannot be opened. Please attach it again."), code="damaged")


def too_large_message() -> str:
    return _("The attached file is too large: %(limit)s at most.") % {
        "limit": filesizeformat(conf.get("QA_ATTACHMENT_MAX_BYTES"))
    }


def check_attachment(upload: UploadedFile) -> Kind:
    """The attachment's kind, or a ValidationError saying in the citizen's language what is wrong."""
    limit = conf.get("QA_ATTACHMENT_MAX_BYTES")
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The attached file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(too_large_message(), code="size")
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    kind = None
    try:
        kind = KINDS.get(filecheck.sniff(data))
        if kind is None:
            raise ValidationError(NOT_ACCEPTED, code="type")
        if kind is PDF:
            filecheck.check_pdf(data)
        else:
            filecheck.check_picture(data, kind.sniffed, max_pixels=conf.get("QA_ATTACHMENT_MAX_PIXELS"))
    except ContentRefused as refused:
        raise _refusal(refused.problem, kind) from refused
    return kind


def display_name(name: str, kind: Kind) -> str:
    """The citizen's file name, harmless: no folders, no control characters, our extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] not in ("C",))
    stem = re.sub(r"\.[^.]*$", "", base).strip(" .") or "tep-dinh-kem"
    return f"{stem[:100]}.{kind.extension}"


def storage_name(kind: Kind) -> str:
    """A name nobody can guess or choose: the citizen's name never reaches the file system
    (the field's upload_to puts it in a folder per month)."""
    return f"{uuid.uuid4().hex}.{kind.extension}"
