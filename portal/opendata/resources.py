"""The API's resources: for each, its list parameters, how it is read and how it is written out.

The views (`views.py`) and the OpenAPI description (`openapi.py`) are both made from this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.procedures.models import ProcedureVersion
from portal.schedules.models import WorkProgrammePage

from . import conf, selectors, serializers
from .params import MAX_ID, ChoiceParam, DateParam, IntegerParam, Param, ParamSet, TextParam

LANG = ChoiceParam(
    "lang", _("Only the records of this language: vi (Vietnamese) or en (English)."), choices=("vi", "en")
)
LIMIT = IntegerParam(
    "limit",
    _("How many records to return (the default is 20)."),
    minimum=1,
    maximum=lambda: conf.get("OPENDATA_MAX_PAGE_SIZE"),
)
OFFSET = IntegerParam("offset", _("How many records to skip from the start of the list."), maximum=1_000_000_000)
DETAIL_LANG = ChoiceParam(
    "lang", _("The language of the error messages: vi (the default) or en."), choices=("vi", "en")
)
ID = IntegerParam("id", _("The record's identifier (its `id`)."), location="path", minimum=1, maximum=MAX_ID)


def _dates(date_from, date_to) -> list[Param]:
    return [DateParam("date_from", date_from), DateParam("date_to", date_to)]


@dataclass
class Resource:
    name: str  # the path segment, e.g. "items"
    title: str
    description: str
    schema: str  # component name of one record in a list
    detail_schema: str  # component name of one record on its own
    filters: list[Param]
    queryset: Callable[..., object]
    detail_queryset: Callable[[], object]
    serialize: Callable[..., list[dict]]  # (records, ctx, lang=..., detail=...) -> list of dicts
    id_param: Param = ID
    lookup: str = "pk"
    detail_lang: Param = DETAIL_LANG

    @property
    def list_params(self) -> ParamSet:
        return ParamSet([*self.filters, LIMIT, OFFSET])


def _items(pages, ctx, *, lang, detail=False):
    parents = selectors.parents_of(pages)
    return [serializers.item(page, ctx, parents=parents, detail=detail) for page in pages]


def _documents(pages, ctx, *, lang, detail=False):
    replaced = selectors.replaced_keys(pages)
    return [serializers.document(page, ctx, replaced=replaced, detail=detail) for page in pages]


def _procedures(versions, ctx, *, lang, detail=False):
    lang = lang or "vi"
    catalogue = selectors.procedure_catalogue(lang) if versions else None
    return [serializers.procedure(version, ctx, lang=lang, catalogue=catalogue, detail=detail) for version in versions]


def _schedules(pages, ctx, *, lang, detail=False):
    return [serializers.schedule(page, ctx) for page in pages]


def _programmes(pages, ctx, *, lang, detail=False):
    return [serializers.programme(page, ctx, detail=detail) for page in pages]


def _questions(pages, ctx, *, lang, detail=False):
    return [serializers.question(page, ctx) for page in pages]


def _procedures_queryset(**filters):
    # Without a public catalogue page the procedures are not on the site, so not here either.
    if selectors.procedure_catalogue("vi") is None:
        return ProcedureVersion.objects.none()
    return selectors.procedures(**filters)


def _procedure_detail_queryset():
    if selectors.procedure_catalogue("vi") is None:
        return ProcedureVersion.objects.none()
    return selectors.procedure_detail_queryset()


PROCEDURE_LANG = ChoiceParam(
    "lang", _("The language of the texts and messages: vi (the default) or en."), choices=("vi", "en")
)


def _year(description) -> IntegerParam:
    return IntegerParam("year", description, minimum=1900, maximum=2100)


RESOURCES = [
    Resource(
        name="items",
        title=pgettext_lazy("open data API", "Items"),
        description=_("Published news items (tin bài) of both languages, newest first."),
        schema="Item",
        detail_schema="ItemDetail",
        filters=[
            LANG,
            IntegerParam("section", _("Only items of this category (its `id`) and its sub-categories."), minimum=1),
            ChoiceParam(
                "source",
                _("original: written by the agency; collected: republished from another source."),
                choices=("original", "collected"),
            ),
            *_dates(
                _("Only items first published on or after this day (yyyy-mm-dd)."),
                _("Only items first published on or before this day (yyyy-mm-dd)."),
            ),
        ],
        queryset=selectors.items,
        detail_queryset=selectors.item_detail_queryset,
        serialize=_items,
    ),
    Resource(
        name="documents",
        title=pgettext_lazy("open data API", "Documents"),
        description=_("The documents registry (văn bản): directives and legal documents, newest issue first."),
        schema="Document",
        detail_schema="DocumentDetail",
        filters=[
            LANG,
            IntegerParam("kind", _("Only documents of this kind (its `id`)."), minimum=1),
            IntegerParam("issuer", _("Only documents of this issuing body (its `id`)."), minimum=1),
            IntegerParam("field", _("Only documents of this field (its `id`)."), minimum=1),
            _year(_("Only documents issued in this year.")),
            TextParam(
                "number",
                _(
                    "The number and symbol (66/QĐ-SNgV), the number alone (66) or the symbol alone (QĐ-SNgV); "
                    "diacritics ignored."
                ),
                max_length=60,
            ),
            *_dates(
                _("Only documents issued on or after this day (yyyy-mm-dd)."),
                _("Only documents issued on or before this day (yyyy-mm-dd)."),
            ),
        ],
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
        schema="Procedure",
        detail_schema="ProcedureDetail",
        filters=[
            PROCEDURE_LANG,
            TextParam(
                "field", _("Only procedures of this field (its `code`)."), max_length=50, pattern=r"^[-a-zA-Z0-9_]+$"
            ),
            IntegerParam(
                "level", _("Only procedures of this online level (Decree 43/2011): 2, 3 or 4."), minimum=2, maximum=4
            ),
            ChoiceParam(
                "scope",
                _("Only procedures of this online service class (Decree 42/2022): partial or full."),
                choices=(ProcedureVersion.PARTIAL, ProcedureVersion.FULL),
            ),
        ],
        queryset=_procedures_queryset,
        detail_queryset=_procedure_detail_queryset,
        serialize=_procedures,
        detail_lang=PROCEDURE_LANG,
        id_param=TextParam(
            "code",
            _("The procedure's code."),
            location="path",
            max_length=40,
            pattern=r"^[A-Za-z0-9.\-]+$",
        ),
        lookup="procedure__code",
    ),
    Resource(
        name="schedules",
        title=pgettext_lazy("open data API", "Weekly schedules"),
        description=_("The leaders' weekly schedules (lịch làm việc của Lãnh đạo Sở), latest week first."),
        schema="Schedule",
        detail_schema="Schedule",
        filters=[
            LANG,
            DateParam("week", _("Only the schedule of the week (Monday to Sunday) that holds this day (yyyy-mm-dd).")),
            DateParam("date_from", _("Only the weeks that end on or after this day (yyyy-mm-dd).")),
            DateParam("date_to", _("Only the weeks that start on or before this day (yyyy-mm-dd).")),
        ],
        queryset=selectors.schedules,
        detail_queryset=lambda: selectors.schedules(),
        serialize=_schedules,
    ),
    Resource(
        name="programmes",
        title=pgettext_lazy("open data API", "Work programmes"),
        description=_("The work programmes (chương trình công tác) of a month, a quarter or a year, latest first."),
        schema="Programme",
        detail_schema="ProgrammeDetail",
        filters=[
            LANG,
            ChoiceParam(
                "period",
                _("month, quarter or year."),
                choices=(
                    WorkProgrammePage.PERIOD_MONTH,
                    WorkProgrammePage.PERIOD_QUARTER,
                    WorkProgrammePage.PERIOD_YEAR,
                ),
            ),
            _year(_("Only programmes of this year.")),
        ],
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
        schema="Question",
        detail_schema="Question",
        filters=[
            LANG,
            IntegerParam("topic", _("Only questions about this category (its `id`)."), minimum=1),
            *_dates(
                _("Only questions answered on or after this day (yyyy-mm-dd)."),
                _("Only questions answered on or before this day (yyyy-mm-dd)."),
            ),
        ],
        queryset=selectors.questions,
        detail_queryset=lambda: selectors.questions(),
        serialize=_questions,
    ),
]

BY_NAME = {resource.name: resource for resource in RESOURCES}
