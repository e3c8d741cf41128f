"""Figures each domain gives the plan dashboard and the quarterly report, without either importing it.

The plan knows its quotas; each domain knows its own numbers (questions answered on time,
translations done, royalties due...). A domain registers a provider in its AppConfig.ready();
the dashboard and the report show every registered section, in order, for the period asked.

    register_figures("qa", qa_figures, order=30)

    def qa_figures(*, start: dt.date, end: dt.date) -> FigureSection:
        return FigureSection(key="qa", title=_("Citizens' questions"), figures=(Figure(...), ...))
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
    def __call__(self, *, start: dt.date, end: dt.date) -> FigureSection: ...


_providers: dict[str, tuple[int, FigureProvider, bool]] = {}


def register_figures(
    key: str, provider: FigureProvider | Callable[..., FigureSection], *, order: int = 100, per_agency: bool = False
) -> None:
    """Add (or replace, so that a reloaded app does not count twice) the provider named `key`. A provider
    `per_agency` counts one agency's records: it is called with `agency=` (an AgencySettings)."""
    _providers[key] = (order, provider, per_agency)


def figure_sections(*, start: dt.date, end: dt.date, agency=None) -> list[FigureSection]:
    """Every domain's figures for the days `start` to `end` inclusive, in the registered order.

    For `agency` (the plan's), the providers that count per agency count its records; the others count
    the installation's, which are the default site's agency's until their records name an agency
    (issue 22), so they are shown to that agency only and never to another."""
    ordered = sorted(_providers.items(), key=lambda entry: (entry[1][0], entry[0]))
    sections = []
    for _key, (_order, provider, per_agency) in ordered:
        if per_agency and agency is not None:
            sections.append(provider(start=start, end=end, agency=agency))
        elif agency is None or agency.site.is_default_site or per_agency:
            sections.append(provider(start=start, end=end))
    return sections
