"""The online services' figures for the plan dashboard and the quarterly report."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from portal.core.figures import Figure, FigureSection
from portal.procedures.models import ProcedureVersion
from portal.procedures.selectors import OnTime, online_summary

from .selectors import period_figures


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%".replace(".", ",")


def online_services_figures(*, start: dt.date, end: dt.date, agency=None) -> FigureSection:
    """The applications filed with `agency` and its procedures in effect (without one: the installation's)."""
    agency_id = agency.pk if agency is not None else None
    figures = period_figures(start=start, end=end, agency_id=agency_id)
    versions = ProcedureVersion.objects.filter(status=ProcedureVersion.EFFECTIVE)
    if agency_id is not None:
        versions = versions.filter(procedure__unit__agency_id=agency_id)
    summary = online_summary(list(versions.only("legacy_level")))
    decided = OnTime(finished=figures.on_time + figures.late, on_time=figures.on_time)
    rows = [
        Figure(
            label=_("Procedures online at level 3 or 4"),
            value=_percent(summary.online_share),
            target="100%",
            ok=summary.online_share == 100.0,
        ),
        Figure(label=_("Procedures full-process online (level 4)"), value=_percent(summary.level4_share)),
        Figure(label=_("Applications received online"), value=figures.received),
        Figure(label=_("Level 3 applications received"), value=figures.by_level.get(3, 0)),
        Figure(label=_("Level 4 applications received"), value=figures.by_level.get(4, 0)),
        Figure(
            label=_("Decided on time"),
            value=figures.on_time,
            target=_percent(100.0),
            ok=figures.late == 0 if decided.finished else None,
        ),
        Figure(label=_("Decided late"), value=figures.late),
        Figure(label=_("On-time rate"), value=_percent(decided.rate)),
        Figure(
            label=_("Open and past their due date"),
            value=figures.open_overdue,
            target="0",
            ok=figures.open_overdue == 0,
        ),
    ]
    for procedure, received, on_time in figures.by_procedure:
        rows.append(
            Figure(
                label=_("%(code)s: received %(received)d, on time %(on_time)d of %(decided)d")
                % {
                    "code": procedure.code,
                    "received": received,
                    "on_time": on_time.on_time,
                    "decided": on_time.finished,
                },
                value=_percent(on_time.rate),
            )
        )
    return FigureSection(key="online_services", title=_("Online public services"), figures=tuple(rows))
