"""Reading an agency pack: YAML in, a validated `Pack` out, or every problem at once with its line.

Nothing is written here: `setup_portal` installs a pack only once it has read it without a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from pydantic import TypeAdapter, ValidationError

from . import schema
from .schema import Pack

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UNIT_HEADS = "unit_heads"
LIST_SECTIONS = {
    "units": schema.Unit,
    "people": schema.Person,
    "categories": schema.Category,
    "plans": schema.Plan,
    "royalties": schema.Royalties,
    "anniversaries": schema.Anniversary,
}

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack: where it is and what, in both languages."""

    line: int | None
    field: str
    message: object  # a lazy translation, rendered in each language by `in_language`
    params: dict | None = None

    def in_language(self, language: str) -> str:
        with translation.override(language):
            message = str(self.message) % self.params if self.params else str(self.message)
            if self.field.startswith("--"):  # an option of the command, not a place in the file
                return f"{self.field}: {message}"
            where = _("line %(line)s") % {"line": self.line} if self.line else _("the file")
            return f"{where}, {self.field}: {message}"


class PackInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


# pydantic's error types, as the agency's staff would read them.
MESSAGES = {
    "missing": _("this field is required."),
    "extra_forbidden": _("unknown field (a typo in its name?)."),
    "string_type": _("write text here."),
    "string_too_short": _("must not be empty."),
    "string_pattern_mismatch": _("the value is not in the expected form."),
    "int_type": _("write a whole number here."),
    "int_parsing": _("write a whole number here."),
    "int_from_float": _("write a whole number here."),
    "greater_than_equal": _("the number is too small."),
    "less_than_equal": _("the number is too large."),
    "bool_type": _("write true or false."),
    "bool_parsing": _("write true or false."),
    "list_type": _("write a list here."),
    "too_short": _("the list must not be empty."),
    "model_type": _("write the fields of this section here."),
    "model_attributes_type": _("write the fields of this section here."),
    "dict_type": _("write the fields of this section here."),
    "date_type": _("write a date as YYYY-MM-DD."),
    "date_parsing": _("write a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("write a date as YYYY-MM-DD."),
    "tuple_type": _("write a list of two numbers."),
}


def _choices_message(error: dict) -> tuple[object, dict]:
    return _("choose one of: %(choices)s."), {"choices": error.get("ctx", {}).get("expected", "")}


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping value and list item, keyed by its path in the document."""


def _lines(node: yaml.Node, path: Location, lines: dict[Location, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _lines(value, (*path, key.value), lines)
            lines[(*path, key.value)] = key.start_mark.line + 1  # a section's line is its name's
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), lines)


def _line_of(lines: dict[Location, int], path: Location) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _field(path: Location) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(pack)"


def read_pack(path: Path | str) -> Pack:
    """The pack at `path`, validated; raises PackInvalid with every problem found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackInvalid([Problem(None, str(path), _("cannot be read (%(error)s)."), {"error": error})]) from error
    return parse_pack(text)


def parse_pack(text: str) -> Pack:
    try:
        node = yaml.compose(text, Loader=_LineLoader)
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise PackInvalid([Problem(line, "YAML", _("not valid YAML: %(problem)s."), {"problem": problem})]) from error
    lines: dict[Location, int] = {}
    if node is not None:
        _lines(node, (), lines)
    if not isinstance(data, dict):
        raise PackInvalid([Problem(1, "(pack)", _("the pack must start with its sections (agency:, units:, ...)."))])
    # Each section, and each item of a list, is validated on its own, so that one bad category does not
    # hide the others' problems, and the rules across fields still check everything that did read.
    problems: list[Problem] = []
    partial: dict = {}
    for name, field_info in Pack.model_fields.items():
        if name not in data:
            if field_info.is_required():
                problems.append(Problem(1, name, MESSAGES["missing"]))
            else:
                partial[name] = field_info.get_default(call_default_factory=True)
            continue
        value = data[name]
        item_model = LIST_SECTIONS.get(name)
        if item_model is not None and isinstance(value, list) and value:
            items = []
            for index, item in enumerate(value):
                try:
                    items.append(item_model.model_validate(item))
                except ValidationError as error:
                    problems += _problems_of(error, (name, index), lines)
                    items.append(None)
            partial[name] = items
        else:
            try:
                partial[name] = TypeAdapter(field_info.annotation).validate_python(value)
            except ValidationError as error:
                problems += _problems_of(error, (name,), lines)
                partial[name] = None
    for name in data:
        if name not in Pack.model_fields:
            problems.append(Problem(_line_of(lines, (name,)), name, MESSAGES["extra_forbidden"]))
    problems += consistency_problems(partial, lines)
    if problems:
        raise PackInvalid(problems)
    return Pack.model_validate(data)


def _problems_of(error: ValidationError, prefix: Location, lines: dict[Location, int]) -> list[Problem]:
    problems = []
    for item in error.errors():
        location = (*prefix, *item["loc"])
        # pydantic names the branch it tried for a Literal inside a list: keep the path readable
        location = tuple(part for part in location if not (isinstance(part, str) and part.startswith("literal[")))
        if item["type"] in ("literal_error", "enum"):
            message, params = _choices_message(item)
        else:
            message, params = MESSAGES.get(item["type"], _("the value is not valid.")), None
        problems.append(Problem(_line_of(lines, location), _field(location), message, params))
    return problems


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def _present(items) -> list:
    """(index, item) of the items of a section that read without a problem."""
    return [(index, item) for index, item in enumerate(items or []) if item is not None]


def consistency_problems(pack: dict, lines: dict[Location, int]) -> list[Problem]:
    """The rules that look across fields: names that must exist, slugs that must be unique, the budget.
    `pack` holds the sections that read (a list item that did not is None)."""
    problems: list[Problem] = []

    def problem(path: Location, message, params: dict | None = None) -> None:
        problems.append(Problem(_line_of(lines, path), _field(path), message, params))

    units_read = pack.get("units") is not None and all(unit is not None for unit in pack["units"])
    people_read = pack.get("people") is not None and all(person is not None for person in pack["people"])
    unit_codes = {unit.code for _index, unit in _present(pack.get("units"))}
    people = {person.username for _index, person in _present(pack.get("people"))}
    # A name is unknown only when the list it should be in read whole.
    known_unit = (lambda code: code in unit_codes) if units_read else (lambda code: True)
    known_person = (lambda name: name in people) if people_read else (lambda name: True)
    if pack.get("agency") is not None and not SLUG.match(pack["agency"].code):
        problem(("agency", "code"), _("use lower-case letters, digits and hyphens."))
    for index, person in _present(pack.get("people")):
        if not known_unit(person.unit):
            problem(("people", index, "unit"), _("unknown unit “%(code)s”."), {"code": person.unit})
    seen_people: set[str] = set()
    for index, person in _present(pack.get("people")):
        if person.username in seen_people:
            problem(("people", index, "username"), _("“%(name)s” is listed twice."), {"name": person.username})
        seen_people.add(person.username)
    seen_units: set[str] = set()
    for index, unit in _present(pack.get("units")):
        if not SLUG.match(unit.code):
            problem(("units", index, "code"), _("use lower-case letters, digits and hyphens."))
        if unit.code in seen_units:
            problem(("units", index, "code"), _("the unit “%(code)s” is listed twice."), {"code": unit.code})
        seen_units.add(unit.code)
        if unit.head and not known_person(unit.head):
            problem(
                ("units", index, "head"),
                _("unknown person “%(name)s” (list them under people:)."),
                {"name": unit.head},
            )
    slugs: dict[str, int] = {}
    categories = _present(pack.get("categories"))
    categories_read = pack.get("categories") is not None and len(categories) == len(pack["categories"])
    for index, category in categories:
        path = ("categories", index)
        if not SLUG.match(category.slug):
            problem((*path, "slug"), _("use lower-case letters, digits and hyphens."))
        if category.slug in slugs:
            problem(
                (*path, "slug"),
                _("the slug “%(slug)s” is already used by the category on line %(line)s."),
                {"slug": category.slug, "line": _line_of(lines, ("categories", slugs[category.slug]))},
            )
        else:
            slugs[category.slug] = index
        if category.kind and not _is_page_type(category.kind):
            problem((*path, "kind"), _("“%(kind)s” is not a page type of the portal."), {"kind": category.kind})
        if category.translated_by and not known_unit(category.translated_by):
            problem((*path, "translated_by"), _("unknown unit “%(code)s”."), {"code": category.translated_by})
    for index, category in categories:
        if not categories_read:
            break
        if category.parent and category.parent not in slugs:
            problem(
                ("categories", index, "parent"), _("no category has the slug “%(slug)s”."), {"slug": category.parent}
            )
        elif category.parent and slugs[category.parent] > index:
            problem(("categories", index, "parent"), _("list a category after its parent."))
        elif _is_page_type(category.kind or SECTION):
            parent_kind = categories[slugs[category.parent]][1].kind if category.parent else HOME
            if _is_page_type(parent_kind or SECTION) and not _may_go_under(
                category.kind or SECTION, parent_kind or SECTION
            ):
                problem(
                    ("categories", index, "kind"),
                    _("a page of type “%(kind)s” cannot be placed under a page of type “%(parent)s”."),
                    {"kind": category.kind or SECTION, "parent": parent_kind or SECTION},
                )
    plan_years: set[int] = set()
    for number, plan in _present(pack.get("plans")):
        path = ("plans", number)
        if plan.year in plan_years:
            problem((*path, "year"), _("the plan of %(year)s is listed twice."), {"year": plan.year})
        plan_years.add(plan.year)
        if _backwards(plan.weekly):
            problem(
                (*path, "weekly"),
                _("the range is written backwards (min %(min)s > max %(max)s)."),
                _range(plan.weekly),
            )
        row_numbers: set[str] = set()
        for index, row in enumerate(plan.rows):
            row_path = (*path, "rows", index)
            if row.number in row_numbers:
                problem((*row_path, "number"), _("row %(number)s is listed twice."), {"number": row.number})
            row_numbers.add(row.number)
            if categories_read and row.category and row.category not in slugs and row.category != "en:home":
                problem((*row_path, "category"), _("no category has the slug “%(slug)s”."), {"slug": row.category})
            if _backwards(row.quantity):
                problem(
                    (*row_path, "quantity"),
                    _("the range is written backwards (min %(min)s > max %(max)s)."),
                    _range(row.quantity),
                )
            for position, code in enumerate(row.units):
                if not known_unit(code):
                    problem((*row_path, "units", position), _("unknown unit “%(code)s”."), {"code": code})
            for position, name in enumerate(row.editors):
                if name != UNIT_HEADS and not known_person(name):
                    problem(
                        (*row_path, "editors", position),
                        _("unknown person “%(name)s” (list them under people:, or write unit_heads)."),
                        {"name": name},
                    )
            if row.deadline.rule.startswith("after_") and not row.deadline.days:
                problem((*row_path, "deadline", "days"), _("say how many days this rule allows."))
        for index, row in enumerate(plan.rows):
            if row.continues and row.continues not in row_numbers:
                problem(
                    (*path, "rows", index, "continues"),
                    _("no row has the number %(number)s."),
                    {"number": row.continues},
                )
        for index, task in enumerate(plan.key_tasks):
            task_path = (*path, "key_tasks", index)
            if task.quarters[0] > task.quarters[1]:
                problem((*task_path, "quarters"), _("the last quarter comes before the first."))
            for position, code in enumerate(task.units):
                if not known_unit(code):
                    problem((*task_path, "units", position), _("unknown unit “%(code)s”."), {"code": code})
            if task.owner and not known_person(task.owner):
                problem(
                    (*task_path, "owner"),
                    _("unknown person “%(name)s” (list them under people:)."),
                    {"name": task.owner},
                )
        lines_total = sum(line.quantity * line.unit_amount for line in plan.budget_lines)
        if plan.budget_lines and lines_total != plan.budget:
            problem(
                (*path, "budget"),
                _("the budget is %(budget)s but its lines add up to %(total)s: a difference of %(difference)s."),
                {
                    "budget": _money(plan.budget),
                    "total": _money(lines_total),
                    "difference": _money(abs(plan.budget - lines_total)),
                },
            )
    plans_read = pack.get("plans") is not None and all(plan is not None for plan in pack["plans"])
    for number, schedule in _present(pack.get("royalties")):
        path = ("royalties", number)
        if plans_read and schedule.year not in plan_years:
            problem(
                (*path, "year"),
                _("no plan of %(year)s: the schedule's rates are its budget lines."),
                {"year": schedule.year},
            )
        if schedule.administrator and not known_person(schedule.administrator):
            problem(
                (*path, "administrator"),
                _("unknown person “%(name)s” (list them under people:)."),
                {"name": schedule.administrator},
            )
    for index, day in _present(pack.get("anniversaries")):
        if day.unit and not known_unit(day.unit):
            problem(("anniversaries", index, "unit"), _("unknown unit “%(code)s”."), {"code": day.unit})
    return problems


SECTION = "news.SectionPage"  # a category without a kind
HOME = "home.HomePage"  # the parent of a top-level category


def _may_go_under(kind: str, parent_kind: str) -> bool:
    # Wagtail's own rule (parent_page_types / subpage_types of both page types), as the admin applies it.
    from django.apps import apps

    return (
        apps.get_model(kind) in apps.get_model(parent_kind).allowed_subpage_models()
        and apps.get_model(parent_kind) in apps.get_model(kind).allowed_parent_page_models()
    )


def _is_page_type(label: str) -> bool:
    from django.apps import apps
    from wagtail.models import Page

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return issubclass(model, Page) and model is not Page


def _backwards(quantity) -> bool:
    return quantity.min is not None and quantity.max is not None and quantity.min > quantity.max


def _range(quantity) -> dict:
    return {"min": quantity.min, "max": quantity.max}
