"""A file saved to the documents library gets its text extracted, so the registry finds it by what it says."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model

from portal.core.page_cache import bump_generation

from .models import Country, DocumentKind, Issuer, LegalField
from .services import file_text_refresh


def _extract_text(instance, raw=False, **kwargs) -> None:
    if not raw:
        file_text_refresh(document=instance)


post_save.connect(_extract_text, sender=get_document_model(), dispatch_uid="documents-extract-text")


def _clear_page_cache(**kwargs) -> None:
    transaction.on_commit(bump_generation)


# The registry's lists are shown on public pages (filters, facts): a change clears the page cache.
for _model in (DocumentKind, Issuer, LegalField, Country):
    post_save.connect(_clear_page_cache, sender=_model, dispatch_uid=f"documents-cache-save-{_model.__name__}")
    post_delete.connect(_clear_page_cache, sender=_model, dispatch_uid=f"documents-cache-del-{_model.__name__}")
