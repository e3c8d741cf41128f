"""The agency pack's format: everything that makes one agency's portal its own, as data.

Read by `portal.packs.loading` (YAML, with the line of every value) and applied by
`portal.packs.install` (`manage.py setup_portal PACK`). The models only say what each field is;
rules that look across fields (an unknown unit, a missing parent, the budget) are in `loading`.
`packs/so-ngoai-vu-thua-thien-hue.yaml` is the commented example.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Slug = str  # checked in `loading`: lower-case letters, digits and hyphens
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]

# The newsroom's roles (portal.units.roles) by the key a pack names them with.
ROLE_KEYS = (
    "contributor",
    "unit_head",
    "category_editor",
    "secretariat",
    "editor_in_chief",
    "accountant",
    "application_officer",
    "application_approver",
    "administrator",
)
# An approval step: the category's editors (as the plan names them), or a whole role's group.
APPROVAL_STEPS = ("category_editors", "unit_head", "secretariat", "editor_in_chief")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Words(Strict):
    """A text in the site's two languages."""

    vi: str = Field(min_length=1)
    en: str = ""


class Officer(Strict):
    name: str
    post: Words
    phone: str = ""
    email: Email | None = None


class DocumentHeading(Strict):
    """The issuing body as written at the top left of its documents (Decree 30/2020), in capitals."""

    parent: Words | None = None
    name: Words


class Agency(Strict):
    code: Slug
    name: Words
    short_name: str = Field(description="The symbol in document numbers, e.g. SNgV", min_length=1)
    parent_body: Words | None = None
    place: Words = Field(description="The place on the date line of documents, e.g. Thừa Thiên Huế")
    document_heading: DocumentHeading | None = None
    address: Words
    phone: str = ""
    fax: str = ""
    email: Email
    hostname: str = Field(min_length=1)
    officer: Officer | None = None
    licence: Words | None = None
    director: Officer | None = None
    level: Literal["agency", "province"] = Field(
        "agency", description="province: the province's own portal over the agencies of the installation"
    )


class Home(Strict):
    title: Words
    intro: Words


class Unit(Strict):
    code: Slug
    name: Words
    head: str | None = Field(None, description="The person (user name) who heads the unit")


class Person(Strict):
    username: str = Field(min_length=2, max_length=150, pattern=r"^[a-z0-9._-]+$")
    full_name: str = Field(min_length=2)
    email: Email | None = None
    unit: Slug
    position: str = ""
    roles: list[Literal[ROLE_KEYS]] = Field(min_length=1)  # type: ignore[valid-type]


class Category(Strict):
    slug: Slug
    title: Words
    intro: Words | None = None
    kind: str = Field("", description="The page type of its content, e.g. documents.DocumentIndexPage")
    show_on_home: bool = False
    parent: Slug | None = None
    translate: bool = Field(False, description="Its items are translated for the English site (row 18)")
    translated_by: Slug | None = Field(None, description="The unit that translates; none: each item's own unit")
    approval: list[Literal[APPROVAL_STEPS]] | None = None  # type: ignore[valid-type]


class Quantity(Strict):
    text: str = ""
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)


class Deadline(Strict):
    text: str = ""
    rule: Literal["after_document", "after_event", "after_question", "after_original", "daily", "on_change", "none"]
    days: int = Field(0, ge=0, le=60)
    counted: Literal["working", "calendar"] = "working"


class PlanRow(Strict):
    number: str = Field(min_length=1)
    site: Literal["vi", "en"] = "vi"
    title: str = ""
    content: str = ""
    category: Slug | None = None
    continues: str = ""
    quantity: Quantity = Field(default_factory=Quantity)
    sources: str = ""
    units: list[Slug] = Field(default_factory=list)
    deadline: Deadline
    stale_after_days: int | None = Field(None, ge=1, le=400)
    editors_text: str = ""
    editors: list[str] = Field(default_factory=list, description="User names, or unit_heads")


class KeyTask(Strict):
    number: str = Field(min_length=1)
    content: str = Field(min_length=1)
    period_text: str = ""
    quarters: tuple[int, int] = (1, 4)
    units_text: str = ""
    units: list[Slug] = Field(default_factory=list)
    owner: str | None = Field(None, description="The person (user name) who answers for the task")
    status: Literal["planned", "in_progress", "done", "postponed"] = "planned"
    note: str = ""

    @field_validator("quarters")
    @classmethod
    def _quarters(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not all(1 <= quarter <= 4 for quarter in value):
            raise ValueError("quarter")
        return value


class BudgetLine(Strict):
    label: str = Field(min_length=1)
    kind: Literal["vi_item", "en_item", "collected", "photo", "administration"]
    quantity: int = Field(ge=0)
    unit_amount: int = Field(ge=0, description="đồng")


class Plan(Strict):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1)
    reference: str = ""
    issued_on: dt.date | None = None
    signed_by: str = ""
    weekly: Quantity
    budget: int = Field(ge=0, description="đồng")
    rows: list[PlanRow] = Field(min_length=1)
    key_tasks: list[KeyTask] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)


class Royalties(Strict):
    """The year's royalty schedule; its rates are the plan's budget lines (one budget, one figure)."""

    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1)
    decision: str = ""
    base_salary: int = Field(ge=0)
    payment_days: int = Field(60, ge=1, le=365)
    administrator: str | None = None


class Anniversary(Strict):
    date: dt.date
    name: Words
    kind: Literal["national", "relations", "province"]
    unit: Slug | None = Field(None, description="The unit that prepares the content")


class Pack(Strict):
    format: Literal[1] = 1
    agency: Agency
    home: Home
    units: list[Unit] = Field(min_length=1)
    people: list[Person] = Field(default_factory=list)
    categories: list[Category] = Field(min_length=1)
    approval: list[Literal[APPROVAL_STEPS]] = Field(  # type: ignore[valid-type]
        default=["category_editors", "editor_in_chief"], min_length=1
    )
    plans: list[Plan] = Field(min_length=1)
    royalties: list[Royalties] = Field(default_factory=list)
    anniversaries: list[Anniversary] = Field(default_factory=list)
