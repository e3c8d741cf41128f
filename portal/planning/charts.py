"""Charts drawn on the server as inline SVG: no script, no external resource, readable in the PDF.

Each chart has a title and a description for screen readers (role="img"); the numbers it shows
are also in a table next to it.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import ABOVE, BELOW, WITHIN, CategoryProgress, WeekCount

COLOURS = {
    BELOW: "#b3261e",  # red, contrast 6:1 on white
    WITHIN: "#1b6e3a",  # green
    ABOVE: "#1d4f91",  # blue
    "partial": "#6b6b6b",
    "band": "#dcefe2",
    "axis": "#333333",
}


def weekly_chart(weeks: list[WeekCount], *, band: tuple[int, int], chart_id: str = "weekly-chart") -> SafeString:
    """Bars of updates per week, the plan's band shaded behind them."""
    low, high = band
    width, height, left, bottom, top = 760, 220, 36, 28, 12
    plot_width, plot_height = width - left - 8, height - bottom - top
    peak = max([high + 2, *(week.count for week in weeks)]) if weeks else high + 2
    step = plot_width / max(len(weeks), 1)

    def y(value: float) -> float:
        return top + plot_height - plot_height * value / peak

    judged = [week for week in weeks if not week.partial]
    within = sum(1 for week in judged if week.status == WITHIN)
    title = _("Updates per week")
    description = _("%(within)s of %(weeks)s full weeks within the plan's band of %(low)s-%(high)s updates a week.") % {
        "within": within,
        "weeks": len(judged),
        "low": low,
        "high": high,
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="plan-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect x="{left}" y="{y(high):.1f}" width="{plot_width}" height="{y(low) - y(high):.1f}" '
        f'fill="{COLOURS["band"]}"/>',
    ]
    for tick in range(0, peak + 1, 5 if peak > 20 else 2):
        parts.append(
            f'<line x1="{left - 4}" x2="{left}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="{COLOURS["axis"]}"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="{COLOURS["axis"]}">{tick}</text>'
        )
    for index, week in enumerate(weeks):
        x = left + index * step + step * 0.15
        bar_height = plot_height * week.count / peak
        label = _("Week %(week)s (%(start)s-%(end)s): %(count)s updates, %(status)s") % {
            "week": week.iso_week,
            "start": week.start.strftime("%d/%m"),
            "end": week.end.strftime("%d/%m"),
            "count": week.count,
            "status": week.status_label,
        }
        parts.append(
            f'<rect x="{x:.1f}" y="{y(week.count):.1f}" width="{step * 0.7:.1f}" height="{bar_height:.1f}" '
            f'fill="{COLOURS[week.status]}"><title>{escape(label)}</title></rect>'
        )
        if index % 4 == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 10}" font-size="10" fill="{COLOURS["axis"]}">'
                f"{week.start.strftime('%d/%m')}</text>"
            )
    parts.append(
        f'<line x1="{left}" x2="{width - 8}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="{COLOURS["axis"]}"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def progress_chart(progress: list[CategoryProgress], *, chart_id: str = "progress-chart") -> SafeString:
    """One bar per category with a quota: published so far, and the band expected by today."""
    measured = [entry for entry in progress if entry.expected_min is not None]
    row_height, left, width = 22, 260, 760
    height = row_height * len(measured) + 10
    bar_width = width - left - 60
    title = _("Published against the plan, pro-rated to today")
    behind = sum(1 for entry in measured if entry.status == "behind")
    description = _("%(behind)s of %(total)s categories with a quota are behind.") % {
        "behind": behind,
        "total": len(measured),
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="plan-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, entry in enumerate(measured):
        scale = max(entry.expected_max or 0, entry.expected_min or 0, entry.count, 1)
        y = 5 + index * row_height
        colour = {"behind": COLOURS[BELOW], "ahead": COLOURS[ABOVE]}.get(entry.status, COLOURS[WITHIN])
        low = bar_width * (entry.expected_min or 0) / scale
        high = bar_width * (entry.expected_max or entry.expected_min or 0) / scale
        name = f"{entry.line.number}. {entry.line.title}"[:42]
        label = _("%(name)s: %(count)s published, %(low)s-%(high)s expected by today, %(status)s") % {
            "name": name,
            "count": entry.count,
            "low": round(entry.expected_min or 0),
            "high": round(entry.expected_max or entry.expected_min or 0),
            "status": entry.status_label,
        }
        parts.append(
            f"<g><title>{escape(label)}</title>"
            f'<text x="0" y="{y + 14}" font-size="12" fill="{COLOURS["axis"]}">{escape(name)}</text>'
            f'<rect x="{left + low:.1f}" y="{y}" width="{max(high - low, 2):.1f}" height="18" '
            f'fill="{COLOURS["band"]}"/>'
            f'<rect x="{left}" y="{y + 5}" width="{bar_width * entry.count / scale:.1f}" height="8" fill="{colour}"/>'
            f'<text x="{left + bar_width + 6}" y="{y + 14}" font-size="12" '
            f'fill="{COLOURS["axis"]}">{entry.count}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
