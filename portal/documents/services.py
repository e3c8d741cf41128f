"""Writes of the registries: the text of a file kept for search."""

from wagtail.search.index import insert_or_update_object

from .files import extract_document_text
from .models import DocumentPage, RegistryFileText, TreatyPage


def file_text_refresh(*, document) -> RegistryFileText | None:
    """Extract the text of a library file (again, if its content changed) and re-index the pages that use it."""
    if not document.file:
        return None
    document_hash = document.file_hash or ""
    stored = RegistryFileText.objects.filter(document=document).first()
    if stored is not None and document_hash and stored.file_hash == document_hash:
        return stored
    stored, _created = RegistryFileText.objects.update_or_create(
        document=document, defaults={"file_hash": document_hash, "text": extract_document_text(document)}
    )
    for model in (DocumentPage, TreatyPage):
        for page in model.objects.filter(files__document=document).distinct():
            insert_or_update_object(page)
    return stored
