"""Figures each domain gives the plan dashboard and the quarterly report, without either importing it.

The plan knows its quotas; each domain knows its own numbers (questions answered on time,
translations done, royalties due...). A domain registers a provider in its AppConfig.ready();
the dashboard and the report show every registered section, in order, for the period asked.

    register_figures("qa", qa_figures, order=30)

    def qa_figures(*, start: dt.date, end: dt.date, agency=None) -> FigureSection:
        return FigureSection(key="qa", title=_("Citizens' questions"), figures=(Figure(...), ...))

Every provider counts one agency's records (`agency`, an AgencySettings); without one (a command, a
test of one agency), the installation's, which are the default site's agency's where it is the only one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Figure:
    label: str  # translated (gettext_lazy) label, e.g. "Answered on time"
    value: int | float | str
    target: str = ""  # what the plan asks, as shown, e.g. "≤ 2 ngày làm việc"; empty: no target
    ok: bool | None = None  # measured against the target; None when there is none


@dataclass(frozen=True)
class FigureSection:
    key: str
    title: str
    figures: tuple[Figure, ...]


class FigureProvider(Protocol):
    def __call__(self, *, start: dt.date, end: dt.date, agency=None) -> FigureSection: ...


_providers: dict[str, tuple[int, FigureProvider]] = {}


def register_figures(key: str, provider: FigureProvider | Callable[..., FigureSection], *, order: int = 100) -> None:
    """Add (or replace, so that a reloaded app does not count twice) the provider named `key`."""
    _providers[key] = (order, provider)


def figure_sections(*, start: dt.date, end: dt.date, agency=None) -> list[FigureSection]:
    """Every domain's figures of `agency` (None: the installation's) for the days `start` to `end`
    inclusive, in the registered order."""
    ordered = sorted(_providers.items(), key=lambda entry: (entry[1][0], entry[0]))
    return [provider(start=start, end=end, agency=agency) for _key, (_order, provider) in ordered]
