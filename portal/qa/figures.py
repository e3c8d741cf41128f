"""The Q&A's figures for the plan dashboard and the quarterly report (portal.core.figures)."""

import datetime as dt

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from portal.core.figures import Figure, FigureSection

from . import conf
from .selectors import period_figures


def qa_figures(*, start: dt.date, end: dt.date, agency=None) -> FigureSection:
    """The figures of `agency`'s questions, against its plan's deadline (without one: every agency's
    questions, against the default site's plan)."""
    agency_id = agency.pk if agency is not None else None
    figures = period_figures(start=start, end=end, agency_id=agency_id)
    allowed = conf.answer_working_days(agency_id)
    target_days = _("≤ %(days)d working days") % {"days": allowed}
    on_time_share = f"{figures.answered_on_time}/{figures.answered}" if figures.answered else "0/0"
    median = figures.median_working_days
    return FigureSection(
        key="qa",
        title=_("Citizens' questions"),
        figures=(
            Figure(label=_("Questions received"), value=figures.received),
            Figure(label=_("Questions answered"), value=figures.answered),
            Figure(
                label=_("Answered on time"),
                value=on_time_share,
                target=_("all, within %(days)d working days") % {"days": allowed},
                ok=(figures.answered_on_time == figures.answered) if figures.answered else None,
            ),
            Figure(
                label=_("Median time to answer (working days)"),
                value=number_format(median, decimal_pos=1) if median is not None else "—",
                target=target_days,
                ok=(median <= allowed) if median is not None else None,
            ),
            Figure(
                label=_("Open and past their deadline now"),
                value=figures.overdue_now,
                target="0",
                ok=figures.overdue_now == 0,
            ),
        ),
    )
