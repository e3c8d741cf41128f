"""Reads of the registries: filters, search, related documents and the figures for the plan."""

from django.db.models import Q
from wagtail.models import Locale

from portal.search.selectors import search_terms

from .models import Country, DocumentKind, DocumentPage, DocumentRelation, Issuer, LegalField, number_parts


def document_with_same_number(
    *, number: str, issuer_id: int, year: int, locale_id: int | None, translation_key=None
) -> DocumentPage | None:
    """Another document of the same issuer and year with this number (its translations do not count)."""
    key, _serial, _symbol = number_parts(number)
    if not key:
        return None
    others = DocumentPage.objects.filter(issuer_id=issuer_id, issue_year=year, number_key=key)
    if locale_id:
        others = others.filter(locale_id=locale_id)
    if translation_key:
        others = others.exclude(translation_key=translation_key)
    return others.order_by("pk").first()


def _years(queryset, field: str) -> list[int]:
    return sorted(set(queryset.order_by().values_list(field, flat=True).distinct()), reverse=True)


def document_filter_choices(documents) -> dict:
    """Kinds, issuers and fields (all of them, kept as data) and the years the registry holds."""
    return {
        "kinds": list(DocumentKind.objects.all()),
        "issuers": list(Issuer.objects.all()),
        "fields": list(LegalField.objects.all()),
        "years": _years(documents, "issue_year"),
    }


def _number_filter(number: str) -> Q:
    """`66/QĐ-SNgV` the exact number; `66` the serial number; `QĐ-SNgV` the symbol. Diacritics ignored."""
    key, serial, symbol = number_parts(number)
    if "/" in key:
        return Q(number_key=key)
    if key.isdigit():
        return Q(number_serial=key)
    return Q(number_symbol=key)


def filter_documents(
    documents,
    *,
    q: str = "",
    kind: DocumentKind | None = None,
    issuer: Issuer | None = None,
    field: LegalField | None = None,
    year: int | None = None,
    number: str = "",
    **_ignored,
):
    """The registry's public list: exact filters, then the words searched (without diacritics)."""
    documents = documents.select_related("kind", "issuer", "field")
    if kind:
        documents = documents.filter(kind=kind)
    if issuer:
        documents = documents.filter(issuer=issuer)
    if field:
        documents = documents.filter(field=field)
    if year:
        documents = documents.filter(issue_year=year)
    if number.strip():
        documents = documents.filter(_number_filter(number))
    terms = search_terms(q or "")
    if terms:
        return documents.search(terms, operator="and")
    return documents.order_by("-issue_date", "-pk")


def treaty_filter_choices(treaties) -> dict:
    return {
        "countries": list(Country.objects.filter(pk__in=treaties.order_by().values("country_id"))),
        "fields": list(LegalField.objects.filter(pk__in=treaties.order_by().values("field_id"))),
        "years": _years(treaties, "year_signed"),
    }


def filter_treaties(treaties, *, q="", kind="", country=None, field=None, year=None, **_ignored):
    treaties = treaties.select_related("country", "field")
    if kind:
        treaties = treaties.filter(kind=kind)
    if country:
        treaties = treaties.filter(country=country)
    if field:
        treaties = treaties.filter(field=field)
    if year:
        treaties = treaties.filter(year_signed=year)
    terms = search_terms(q or "")
    if terms:
        return treaties.search(terms, operator="and")
    return treaties.order_by("-date_signed", "-pk")


def _localized(pages: list[DocumentPage], locale: Locale) -> list[DocumentPage]:
    """Each page in `locale` where a live translation exists, in two queries whatever their number."""
    if not pages:
        return []
    translations = {
        page.translation_key: page
        for page in DocumentPage.objects.live().filter(
            locale=locale, translation_key__in=[page.translation_key for page in pages]
        )
    }
    seen, localized = set(), []
    for page in pages:
        chosen = translations.get(page.translation_key, page)
        if chosen.pk not in seen:
            seen.add(chosen.pk)
            localized.append(chosen)
    return localized


def document_relations(document: DocumentPage) -> dict[str, list]:
    """What this document replaces, amends, implements, and what replaces, amends or implements it.

    Relations are set on one language's page and pointed at the other's by translation; both
    directions are read by translation key, so each language shows its own pages.
    """
    outgoing = list(
        DocumentRelation.objects.filter(source__translation_key=document.translation_key, target__live=True)
        .select_related("target")
        .order_by("target__issue_date", "pk")
    )
    incoming = list(
        DocumentRelation.objects.filter(target__translation_key=document.translation_key, source__live=True)
        .select_related("source")
        .order_by("source__issue_date", "pk")
    )
    locale = document.locale
    targets = _localized([relation.target for relation in outgoing], locale)
    by_key = {page.translation_key: page for page in targets}
    sources = _localized([relation.source for relation in incoming], locale)
    source_by_key = {page.translation_key: page for page in sources}
    result: dict[str, list] = {
        "replaces": [],
        "amends": [],
        "implements": [],
        "replaced_by": [],
        "amended_by": [],
        "implemented_by": [],
    }
    for relation in outgoing:
        page = by_key[relation.target.translation_key]
        if page not in result[relation.kind]:
            result[relation.kind].append(page)
    reverse_names = {"replaces": "replaced_by", "amends": "amended_by", "implements": "implemented_by"}
    for relation in incoming:
        page = source_by_key[relation.source.translation_key]
        if page not in result[reverse_names[relation.kind]]:
            result[reverse_names[relation.kind]].append(page)
    return result
