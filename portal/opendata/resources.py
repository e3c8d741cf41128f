"""The API's resources: for each, its filters, its records, how it is read and how it is written out.

`api.py` declares one list and one detail operation per resource from this list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from ninja import Schema
from wagtail.models import Site

from portal.procedures.models import ProcedureVersion
from portal.schedules.models import WorkProgrammePage

from . import conf, schemas, selectors, serializers
from .params import Date, Lang, choice, integer, param, text

LANG = _("Only the records of this language: vi (Vietnamese) or en (English).")
DETAIL_LANG = _("The language of the error messages: vi (the default) or en.")
PROCEDURE_LANG = _("The language of the texts and messages: vi (the default) or en.")


class Paging(Schema):
    limit: integer(1, lambda: conf.get("OPENDATA_MAX_PAGE_SIZE")) = param(
        _("How many records to return (the default is 20).")
    )
    offset: integer(0, 1_000_000_000) = param(_("How many records to skip from the start of the list."))


class DetailLang(Schema):
    lang: Lang = param(DETAIL_LANG)


class ItemFilters(Schema):
    lang: Lang = param(LANG)
    section: integer(1) = param(_("Only items of this category (its `id`) and its sub-categories."))
    source: choice("original", "collected") = param(
        _("original: written by the agency; collected: republished from another source.")
    )
    date_from: Date = param(_("Only items first published on or after this day (yyyy-mm-dd)."))
    date_to: Date = param(_("Only items first published on or before this day (yyyy-mm-dd)."))


class DocumentFilters(Schema):
    lang: Lang = param(LANG)
    kind: integer(1) = param(_("Only documents of this kind (its `id`)."))
    issuer: integer(1) = param(_("Only documents of this issuing body (its `id`)."))
    field: integer(1) = param(_("Only documents of this field (its `id`)."))
    year: integer(1900, 2100) = param(_("Only documents issued in this year."))
    number: text(60) = param(
        _(
            "The number and symbol (66/QĐ-SNgV), the number alone (66) or the symbol alone (QĐ-SNgV); "
            "diacritics ignored."
        )
    )
    date_from: Date = param(_("Only documents issued on or after this day (yyyy-mm-dd)."))
    date_to: Date = param(_("Only documents issued on or before this day (yyyy-mm-dd)."))


class ProcedureFilters(Schema):
    lang: Lang = param(PROCEDURE_LANG)
    field: text(50, r"^[-a-zA-Z0-9_]+$") = param(_("Only procedures of this field (its `code`)."))
    level: integer(2, 4) = param(_("Only procedures of this online level (Decree 43/2011): 2, 3 or 4."))
    scope: choice(ProcedureVersion.PARTIAL, ProcedureVersion.FULL) = param(
        _("Only procedures of this online service class (Decree 42/2022): partial or full.")
    )


class ProcedureLang(Schema):
    lang: Lang = param(PROCEDURE_LANG)


class ScheduleFilters(Schema):
    lang: Lang = param(LANG)
    week: Date = param(_("Only the schedule of the week (Monday to Sunday) that holds this day (yyyy-mm-dd)."))
    date_from: Date = param(_("Only the weeks that end on or after this day (yyyy-mm-dd)."))
    date_to: Date = param(_("Only the weeks that start on or before this day (yyyy-mm-dd)."))


class ProgrammeFilters(Schema):
    lang: Lang = param(LANG)
    period: choice(WorkProgrammePage.PERIOD_MONTH, WorkProgrammePage.PERIOD_QUARTER, WorkProgrammePage.PERIOD_YEAR) = (
        param(_("month, quarter or year."))
    )
    year: integer(1900, 2100) = param(_("Only programmes of this year."))


class QuestionFilters(Schema):
    lang: Lang = param(LANG)
    topic: integer(1) = param(_("Only questions about this category (its `id`)."))
    date_from: Date = param(_("Only questions answered on or after this day (yyyy-mm-dd)."))
    date_to: Date = param(_("Only questions answered on or before this day (yyyy-mm-dd)."))


@dataclass
class Resource:
    name: str  # the path segment, e.g. "items"
    title: str
    description: str
    filters: type[Schema]
    record: type[schemas.Record]  # one record in a list
    detail: type[schemas.Record]  # one record on its own
    queryset: Callable[..., object]
    detail_queryset: Callable[[], object]
    serialize: Callable[..., list[dict]]  # (records, ctx, lang=..., detail=...) -> list of dicts
    lookup: str = "pk"
    detail_lang: type[Schema] = DetailLang

    @property
    def schema(self) -> str:
        return self.record.__name__

    @property
    def detail_schema(self) -> str:
        return self.detail.__name__


def _items(pages, ctx, *, lang, detail=False):
    parents = selectors.parents_of(pages)
    return [serializers.item(page, ctx, parents=parents, detail=detail) for page in pages]


def _documents(pages, ctx, *, lang, detail=False):
    replaced = selectors.replaced_keys(pages)
    return [serializers.document(page, ctx, replaced=replaced, detail=detail) for page in pages]


def _procedures(versions, ctx, *, lang, detail=False):
    lang = lang or "vi"
    catalogue = selectors.procedure_catalogue(lang, Site.find_for_request(ctx.request)) if versions else None
    return [serializers.procedure(version, ctx, lang=lang, catalogue=catalogue, detail=detail) for version in versions]


def _schedules(pages, ctx, *, lang, detail=False):
    return [serializers.schedule(page, ctx) for page in pages]


def _programmes(pages, ctx, *, lang, detail=False):
    return [serializers.programme(page, ctx, detail=detail) for page in pages]


def _questions(pages, ctx, *, lang, detail=False):
    return [serializers.question(page, ctx) for page in pages]


RESOURCES = [
    Resource(
        name="items",
        title=pgettext_lazy("open data API", "Items"),
        description=_("Published news items (tin bài) of both languages, newest first."),
        filters=ItemFilters,
        record=schemas.Item,
        detail=schemas.ItemDetail,
        queryset=selectors.items,
        detail_queryset=selectors.item_detail_queryset,
        serialize=_items,
    ),
    Resource(
        name="documents",
        title=pgettext_lazy("open data API", "Documents"),
        description=_("The documents registry (văn bản): directives and legal documents, newest issue first."),
        filters=DocumentFilters,
        record=schemas.Document,
        detail=schemas.DocumentDetail,
        queryset=selectors.documents,
        detail_queryset=lambda: selectors.documents(),
        serialize=_documents,
    ),
    Resource(
        name="procedures",
        title=pgettext_lazy("open data API", "Procedures"),
        description=_(
            "The administrative procedures in effect (thủ tục hành chính), by field. `lang=en` gives the "
            "English texts, Vietnamese where a text has no translation."
        ),
        filters=ProcedureFilters,
        record=schemas.Procedure,
        detail=schemas.ProcedureDetail,
        queryset=selectors.procedures,
        detail_queryset=selectors.procedure_detail_queryset,
        serialize=_procedures,
        detail_lang=ProcedureLang,
        lookup="procedure__code",
    ),
    Resource(
        name="schedules",
        title=pgettext_lazy("open data API", "Weekly schedules"),
        description=_("The leaders' weekly schedules (lịch làm việc của Lãnh đạo Sở), latest week first."),
        filters=ScheduleFilters,
        record=schemas.Schedule,
        detail=schemas.Schedule,
        queryset=selectors.schedules,
        detail_queryset=lambda: selectors.schedules(),
        serialize=_schedules,
    ),
    Resource(
        name="programmes",
        title=pgettext_lazy("open data API", "Work programmes"),
        description=_("The work programmes (chương trình công tác) of a month, a quarter or a year, latest first."),
        filters=ProgrammeFilters,
        record=schemas.Programme,
        detail=schemas.ProgrammeDetail,
        queryset=selectors.programmes,
        detail_queryset=lambda: selectors.programmes(),
        serialize=_programmes,
    ),
    Resource(
        name="questions",
        title=pgettext_lazy("open data API", "Answered questions"),
        description=_(
            "Citizens' questions answered by the agency and published with the asker's consent, as the "
            "public Q&A page shows them (personal data removed), latest answer first."
        ),
        filters=QuestionFilters,
        record=schemas.Question,
        detail=schemas.Question,
        queryset=selectors.questions,
        detail_queryset=lambda: selectors.questions(),
        serialize=_questions,
    ),
]

BY_NAME = {resource.name: resource for resource in RESOURCES}
