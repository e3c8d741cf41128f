"""Files of the registry: checked by their content (PDF or Word .docx), their text extracted for search."""

import io
import logging
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PDF = "pdf"
DOCX = "docx"
MAX_PAGES = 60  # a registry file is a few pages; an annex of hundreds is indexed by its start
MAX_CHARS = 200_000


def sniff(data: bytes) -> str | None:
    """`pdf`, `docx` or None, from the bytes themselves (never from the file's name)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
    return None


def _read(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def validate_registry_file(document) -> None:
    """Refuse anything but a PDF or a Word (.docx) file, whatever its name says."""
    try:
        data = _read(document)
    except OSError:
        raise ValidationError(_("The file could not be read; upload it again.")) from None
    if sniff(data) is None:
        raise ValidationError(
            _("%(title)s is neither a PDF nor a Word (.docx) file; attach the document in one of those formats.")
            % {"title": document.title}
        )


def extract_text(data: bytes) -> str:
    """The text of a PDF or .docx file; empty for anything else or a file that cannot be parsed."""
    kind = sniff(data)
    try:
        if kind == PDF:
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            parts = []
            for page in reader.pages[:MAX_PAGES]:
                parts.append(page.extract_text() or "")
                if sum(map(len, parts)) > MAX_CHARS:
                    break
            return " ".join(" ".join(parts).split())[:MAX_CHARS]
        if kind == DOCX:
            import mammoth

            result = mammoth.extract_raw_text(io.BytesIO(data))
            return " ".join(result.value.split())[:MAX_CHARS]
    except Exception:  # a damaged file is still published; it is only not searchable by its text
        logger.warning("Could not extract the text of a %s file", kind, exc_info=True)
    return ""


def extract_document_text(document) -> str:
    try:
        return extract_text(_read(document))
    except OSError:
        logger.warning("Could not read document %s", document.pk, exc_info=True)
        return ""
