"""The records the API gives out, declared as pydantic models: django-ninja checks every answer
against them and writes the OpenAPI description's components from them.

Every model lists all its properties as required and allows no others, so a field the serializers
add without declaring it here is an error (and the schema tests and schemathesis catch it).
"""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, WithJsonSchema, create_model

# Kept as the serializers write them (strings), documented with their format.
Url = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]
Date = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]
DateTime = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
Time = Annotated[str, Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")]
Lang = Literal["vi", "en"]


class Record(Schema):
    model_config = ConfigDict(extra="forbid")


class Label(Record):
    id: int
    name: str


class CodeLabel(Record):
    code: str
    name: str


class File(Record):
    title: str
    url: Url
    file_type: str
    size: int | None


class PageFields(Record):
    id: int
    lang: Lang
    title: str
    url: Url | None
    first_published_at: DateTime | None
    last_published_at: DateTime | None


class ItemSection(Record):
    id: int
    title: str
    url: Url | None


class ItemImage(Record):
    url: Url
    alt: str
    caption: str


class ItemSource(Record):
    kind: Literal["original", "collected"]
    name: str
    url: str


class Item(PageFields):
    section: ItemSection | None
    lead: str
    image: ItemImage | None
    author: str
    unit: CodeLabel | None
    source: ItemSource


class ItemDetail(Item):
    body_html: str
    attachments: list[File]


class Document(PageFields):
    number: str
    kind: Label
    issuer: Label
    field: Label | None
    signer: str
    signer_post: str
    issue_date: Date
    effective_date: Date | None
    expiry_date: Date | None
    status: Literal["in_force", "not_yet", "expired", "replaced"]
    summary: str
    files: list[File]


class DocumentDetail(Document):
    body_html: str


class Fee(Record):
    name: str
    amount: int = Field(ge=0)


class Procedure(Record):
    code: str
    lang: Lang
    name: str
    url: Url | None
    apply_url: Url | None
    field: CodeLabel
    unit: CodeLabel
    level: Literal[2, 3, 4]
    online_scope: Literal["partial", "full"]
    processing_days: int
    processing_note: str
    fees: list[Fee]
    fee_note: str
    version: int
    effective_from: Date | None


class RequiredDocument(Record):
    name: str
    copies: str
    required: bool
    template_url: Url | None


class ProcedureDetail(Procedure):
    decision: str
    steps_html: str
    method_html: str
    documents_note_html: str
    applicants_html: str
    conditions_html: str
    agency: str
    result: str
    submission_html: str
    legal_basis_html: str
    required_documents: list[RequiredDocument]


class ScheduleEntry(Record):
    day: Date
    start_time: Time
    end_time: Time | None
    content: str
    chair: str
    attendees: str
    place: str
    preparation: str


class Schedule(PageFields):
    week_start: Date
    week_end: Date
    notes: str
    entries: list[ScheduleEntry]


class ProgrammeTask(Record):
    when: str
    content: str
    unit: str


class Programme(PageFields):
    period: Literal["month", "quarter", "year"]
    year: int
    number: int | None
    summary: str
    tasks: list[ProgrammeTask]
    files: list[File]


class ProgrammeDetail(Programme):
    body_html: str


class QuestionTopic(Record):
    id: int
    title: str


class Question(PageFields):
    topic: QuestionTopic | None
    asker: str
    question: str
    answer: str
    answered_at: DateTime
    unit: CodeLabel | None


class ErrorDetail(Record):
    status: int
    code: Literal["bad_parameter", "not_found", "method_not_allowed", "rate_limited"]
    message: str
    parameter: str = None  # 400 only: the parameter in question


class Error(Record):
    error: ErrorDetail


def page_of(record: type[Record]) -> type[Record]:
    """A list's answer: `count`, the links to the next and previous pages and the records."""
    return create_model(
        f"{record.__name__}List",
        __base__=Record,
        count=(int, Field(ge=0)),
        next=(Url | None, ...),
        previous=(Url | None, ...),
        results=(list[record], ...),
    )
