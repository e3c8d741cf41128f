"""Build registry pages the way editors do: add to the tree, publish a revision."""

import datetime as dt
import itertools

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale

from portal.demo.documents import demo_file
from portal.documents.models import DocumentFile, DocumentIndexPage, DocumentKind, DocumentPage, Issuer, LegalField

_counter = itertools.count(1)


def registry(language: str = "vi") -> DocumentIndexPage:
    return DocumentIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


# The registry's vocabularies are kept as data (the demo fills them in): a test makes those it names.
def kind(name: str = "Quyết định") -> DocumentKind:
    return DocumentKind.objects.get_or_create(name_vi=name)[0]


def issuer(name: str = "Sở Ngoại vụ tỉnh Thừa Thiên Huế") -> Issuer:
    return Issuer.objects.get_or_create(name_vi=name)[0]


def field(name: str = "Thông tin điện tử") -> LegalField:
    return LegalField.objects.get_or_create(name_vi=name)[0]


def publish_document(*, parent=None, number: str = "", issue_date=dt.date(2024, 5, 6), with_file=False, **fields):
    serial = next(_counter)
    parent = parent or registry()
    values = {
        "title": f"Văn bản thử nghiệm số {serial}",
        "slug": f"van-ban-thu-nghiem-{serial}",
        "number": number,
        "kind": kind(),
        "issuer": issuer(),
        "issue_date": issue_date,
        "summary": f"Trích yếu văn bản thử nghiệm số {serial}.",
    }
    values.update(fields)
    if with_file:
        document = demo_file(slug=values["slug"], title=values["title"], paragraphs=[values["summary"]], kind="docx")
        values["files"] = [DocumentFile(document=document)]
    page = parent.add_child(instance=DocumentPage(**values))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def library_file(name: str, data: bytes):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))
