"""A file saved to the documents library gets its text extracted, so the registry finds it by what it says."""

from django.db.models.signals import post_save
from wagtail.documents import get_document_model

from portal.core.publishing import shown_publicly

from .models import Country, DocumentKind, Issuer, LegalField
from .services import file_text_refresh


def _extract_text(instance, raw=False, **kwargs) -> None:
    if not raw:
        file_text_refresh(document=instance)


post_save.connect(_extract_text, sender=get_document_model(), dispatch_uid="documents-extract-text")


# The registry's lists are shown on public pages (filters, facts): a change is a publishing event.
shown_publicly(DocumentKind, Issuer, LegalField, Country)
