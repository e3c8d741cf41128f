"""Attachments to questions: a PDF or a picture, recognised by its content, never by its name."""

import os
import re
import unicodedata
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from . import conf


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    pillow_format: str | None  # None: not a picture


PDF = Kind("pdf", "application/pdf", None)
PNG = Kind("png", "image/png", "PNG")
JPEG = Kind("jpg", "image/jpeg", "JPEG")
WEBP = Kind("webp", "image/webp", "WEBP")

NOT_ACCEPTED = _("Attach a PDF file or a picture (JPEG, PNG or WebP). Other kinds of files are not accepted.")


def _kind_from_magic(head: bytes) -> Kind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def _check_pdf(upload: UploadedFile) -> None:
    # A whole PDF ends with %%EOF (readers tolerate a little trailing junk, so look at the last KiB).
    upload.seek(max(0, upload.size - 1024))
    if b"%%EOF" not in upload.read():
        raise ValidationError(_("The PDF file seems incomplete or damaged. Please attach it again."), code="damaged")


def _check_picture(upload: UploadedFile, kind: Kind) -> None:
    damaged = ValidationError(_("The picture seems damaged and cannot be opened. Please attach it again."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as picture:
                if picture.format != kind.pillow_format:
                    raise ValidationError(NOT_ACCEPTED, code="type")
                if picture.width * picture.height > conf.get("QA_ATTACHMENT_MAX_PIXELS"):
                    raise ValidationError(_("The picture has too many pixels. Please send a smaller one."))
                picture.verify()
            upload.seek(0)
            with Image.open(upload) as picture:
                picture.load()  # verify() does not decode the pixels; a truncated file fails here
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise damaged from error
    except (Image.DecompressionBombWarning, MemoryError) as error:
        raise ValidationError(_("The picture has too many pixels. Please send a smaller one.")) from error
    finally:
        upload.seek(0)


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
    kind = _kind_from_magic(upload.read(16))
    if kind is None:
        raise ValidationError(NOT_ACCEPTED, code="type")
    if kind is PDF:
        _check_pdf(upload)
    else:
        _check_picture(upload, kind)
    upload.seek(0)
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
