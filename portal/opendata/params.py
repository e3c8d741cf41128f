"""Query and path parameters, declared once: the views parse requests with them and the OpenAPI
description is written from them, so the two cannot drift apart.

A parameter that cannot be read raises `BadParameter` with a translated message; the views
answer it with a 400 in JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

INTEGER = re.compile(r"[+-]?[0-9]{1,12}", re.ASCII)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
MAX_ID = 2**31 - 1  # the largest primary key every database here stores


class BadParameter(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Param(ABC):
    """One parameter: its name, where it goes, its description and how its text is read.
    Each kind (integer, date, choice, text) gives its own schema and reading."""

    name: str
    description: str
    location: str = "query"

    @abstractmethod
    def schema(self) -> dict: ...

    @abstractmethod
    def read(self, text: str): ...

    def openapi(self) -> dict:
        return {
            "name": self.name,
            "in": self.location,
            "required": self.location == "path",
            "description": self.description,
            "schema": self.schema(),
        }

    def parse(self, text: str | None):
        """The value of `text` (None when the parameter was not given)."""
        if text is None:
            return None
        if "\x00" in text:
            raise BadParameter(
                self.name, _("“%(name)s” contains a character that is not allowed.") % {"name": self.name}
            )
        return self.read(text)


@dataclass(frozen=True)
class IntegerParam(Param):
    minimum: int = 0
    maximum: int | Callable[[], int] = MAX_ID

    @property
    def upper(self) -> int:
        return self.maximum() if callable(self.maximum) else self.maximum

    def schema(self) -> dict:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.upper}

    def read(self, text: str) -> int:
        if not INTEGER.fullmatch(text.strip()):
            raise BadParameter(self.name, _("“%(name)s” must be a whole number.") % {"name": self.name})
        value = int(text)
        if not self.minimum <= value <= self.upper:
            raise BadParameter(
                self.name,
                _("“%(name)s” must be between %(minimum)s and %(maximum)s.")
                % {"name": self.name, "minimum": self.minimum, "maximum": self.upper},
            )
        return value


@dataclass(frozen=True)
class DateParam(Param):
    def schema(self) -> dict:
        return {"type": "string", "format": "date"}

    def read(self, text: str) -> dt.date:
        text = text.strip()
        try:
            if not DATE.fullmatch(text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise BadParameter(
                self.name, _("“%(name)s” must be a date written yyyy-mm-dd, e.g. 2026-03-31.") % {"name": self.name}
            ) from None


@dataclass(frozen=True)
class ChoiceParam(Param):
    choices: tuple[str, ...] = ()

    def schema(self) -> dict:
        return {"type": "string", "enum": list(self.choices)}

    def read(self, text: str) -> str:
        if text not in self.choices:
            raise BadParameter(
                self.name,
                _("“%(name)s” must be one of: %(choices)s.") % {"name": self.name, "choices": ", ".join(self.choices)},
            )
        return text


@dataclass(frozen=True)
class TextParam(Param):
    max_length: int = 100
    pattern: str = ""

    def schema(self) -> dict:
        schema = {"type": "string", "maxLength": self.max_length}
        if self.pattern:
            schema["pattern"] = self.pattern
        return schema

    def read(self, text: str) -> str | None:
        if len(text) > self.max_length:
            raise BadParameter(
                self.name,
                _("“%(name)s” must be at most %(length)s characters long.")
                % {"name": self.name, "length": self.max_length},
            )
        if self.pattern and not re.search(self.pattern, text):
            raise BadParameter(
                self.name, _("“%(name)s” is empty or has characters that cannot be part of it.") % {"name": self.name}
            )
        return text or None  # an empty text (where allowed) filters nothing


@dataclass
class ParamSet:
    """The parameters of one operation."""

    params: list[Param] = field(default_factory=list)

    def parse(self, query) -> dict:
        """{name: value} for every query parameter of the set (None when not given); unknown ones are ignored."""
        return {param.name: param.parse(query.get(param.name)) for param in self.params if param.location == "query"}

    def openapi(self) -> list[dict]:
        return [param.openapi() for param in self.params]
