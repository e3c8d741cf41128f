"""The query parameters' types, read by pydantic (through django-ninja) and described from the same
declaration.

Home-made on purpose, and small: each type refuses with the API's own translated message (the
README documents the 400 in Vietnamese or English), and reads no more than it describes: pydantic
alone would take "1.0" for an integer or a Unix time for a date, which schemathesis counts as a
described-invalid value accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError
from pydantic_core import core_schema as cs

INTEGER = re.compile(r"[+-]?[0-9]{1,12}", re.ASCII)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
MAX_ID = 2**31 - 1  # the largest primary key every database here stores


def refuse(message: str):
    """A 400 for the parameter being read, with `message` (already translated) as it is."""
    raise PydanticCustomError("bad_parameter", message.replace("{", "{{").replace("}", "}}"))


def _text(value, info: ValidationInfo) -> str:
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        refuse(_("“%(name)s” contains a character that is not allowed.") % {"name": info.field_name})
    return value


class Bounds:
    """An integer's range, checked and described; `maximum` may be read from the settings each time."""

    def __init__(self, minimum: int, maximum: int | Callable[[], int]):
        self.minimum, self.maximum = minimum, maximum

    @property
    def upper(self) -> int:
        return self.maximum() if callable(self.maximum) else self.maximum

    def __call__(self, value: int, info: ValidationInfo) -> int:
        if not self.minimum <= value <= self.upper:
            refuse(
                _("“%(name)s” must be between %(minimum)s and %(maximum)s.")
                % {"name": info.field_name, "minimum": self.minimum, "maximum": self.upper}
            )
        return value

    def __get_pydantic_json_schema__(self, schema: cs.CoreSchema, handler) -> dict:
        return {**handler(schema), "minimum": self.minimum, "maximum": self.upper}


def _whole(value, info: ValidationInfo):
    value = _text(value, info)
    if isinstance(value, str):
        if not INTEGER.fullmatch(value.strip()):
            refuse(_("“%(name)s” must be a whole number.") % {"name": info.field_name})
        return int(value)
    return value


def _date(value, info: ValidationInfo):
    value = _text(value, info)
    if isinstance(value, str):
        try:
            if not DATE.fullmatch(value.strip()):
                raise ValueError
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            refuse(_("“%(name)s” must be a date written yyyy-mm-dd, e.g. 2026-03-31.") % {"name": info.field_name})
    return value


def integer(minimum: int = 0, maximum: int | Callable[[], int] = MAX_ID):
    bounds = Bounds(minimum, maximum)
    return Annotated[int, BeforeValidator(_whole), AfterValidator(bounds), bounds]


Date = Annotated[dt.date, BeforeValidator(_date)]


def choice(*choices: str):
    def check(value: str, info: ValidationInfo) -> str:
        if value not in choices:
            refuse(
                _("“%(name)s” must be one of: %(choices)s.") % {"name": info.field_name, "choices": ", ".join(choices)}
            )
        return value

    return Annotated[
        str, BeforeValidator(_text), AfterValidator(check), WithJsonSchema({"type": "string", "enum": list(choices)})
    ]


def text(max_length: int, pattern: str = ""):
    def check(value: str, info: ValidationInfo) -> str | None:
        if len(value) > max_length:
            refuse(
                _("“%(name)s” must be at most %(length)s characters long.")
                % {"name": info.field_name, "length": max_length}
            )
        if pattern and not re.search(pattern, value):
            refuse(_("“%(name)s” is empty or has characters that cannot be part of it.") % {"name": info.field_name})
        return value or None  # an empty text (where allowed) filters nothing

    schema = {"type": "string", "maxLength": max_length, **({"pattern": pattern} if pattern else {})}
    return Annotated[str, BeforeValidator(_text), AfterValidator(check), WithJsonSchema(schema)]


Lang = choice("vi", "en")


def param(description, **kwargs):
    """An optional query parameter with its (translatable) description."""
    return Field(None, description=description, **kwargs)
