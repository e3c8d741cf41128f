"""The board's charts: one bar per agency, as inline SVG the way the plan's charts are drawn
(portal.planning.charts): no script, a title and a description for screen readers, and the
numbers in the table beside them."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.planning.charts import COLOURS

from .selectors import AgencyFigures

Share = Callable[[AgencyFigures], int | None]


def agencies_chart(
    rows: list[AgencyFigures], *, share: Share, title: str, good: Callable[[int], bool], chart_id: str
) -> SafeString:
    """A bar per agency of a percentage (`share`), a line at 100%; green where `good`, red where not,
    grey and "no figure" where there is nothing to measure."""
    row_height, left, width = 24, 300, 760
    height = row_height * len(rows) + 24
    plot = width - left - 70
    values = [share(row) for row in rows]
    peak = max([100, *(value for value in values if value is not None)])
    meeting = sum(1 for value in values if value is not None and good(value))
    measured = sum(1 for value in values if value is not None)
    description = _("%(meeting)s of %(measured)s agencies with a figure meet the target.") % {
        "meeting": meeting,
        "measured": measured,
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="plan-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = 4 + index * row_height
        name = row.agency.name_vi[:44]
        shown = _("no figure") if value is None else f"{value}%"
        colour = COLOURS["partial"] if value is None else COLOURS["within" if good(value) else "below"]
        bar = 0 if value is None else plot * value / peak
        parts.append(
            f"<g><title>{escape(name)}: {escape(shown)}</title>"
            f'<text x="0" y="{y + 15}" font-size="12" fill="{COLOURS["axis"]}">{escape(name)}</text>'
            f'<rect x="{left}" y="{y + 4}" width="{bar:.1f}" height="14" fill="{colour}"/>'
            f'<text x="{left + bar + 6:.1f}" y="{y + 15}" font-size="12" fill="{COLOURS["axis"]}">'
            f"{escape(shown)}</text>"
            "</g>"
        )
    hundred = left + plot * 100 / peak
    parts.append(
        f'<line x1="{hundred:.1f}" x2="{hundred:.1f}" y1="0" y2="{height - 18}" stroke="{COLOURS["axis"]}" '
        f'stroke-dasharray="4 3"/><text x="{hundred:.1f}" y="{height - 4}" font-size="11" text-anchor="middle" '
        f'fill="{COLOURS["axis"]}">100%</text></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def board_charts(rows: list[AgencyFigures]) -> list[SafeString]:
    """The four things the board compares: items against the plan, Q&A and applications on time, royalties."""
    return [
        agencies_chart(
            rows,
            share=lambda row: row.published_percent,
            title=_("Items published against the plan's quota, pro-rated to the quarter's end"),
            good=lambda value: value >= 100,
            chart_id="province-items",
        ),
        agencies_chart(
            rows,
            share=lambda row: row.questions_percent,
            title=_("Citizens' questions answered on time"),
            good=lambda value: value >= 100,
            chart_id="province-qa",
        ),
        agencies_chart(
            rows,
            share=lambda row: row.applications_percent,
            title=_("Applications decided on time"),
            good=lambda value: value >= 100,
            chart_id="province-applications",
        ),
        agencies_chart(
            rows,
            share=lambda row: row.budget_percent,
            title=_("Royalties spent against the year's budget"),
            good=lambda value: value <= 100,
            chart_id="province-royalties",
        ),
    ]
