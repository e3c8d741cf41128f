"""An agenda drawn from the plan dashboard: what the board should look at, as the dashboard shows it.

The figures are the dashboard's own (portal.planning.views.dashboard_context: the plan's
selectors and every domain's figures registry, from the same cache), never worked out again
here. The agenda is written in the agency's language, as the minutes are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.core.templatetags.portal_tags import money

LATE_ITEMS_LISTED = 10
# The figures section that tells the budget spent: shown whole, whether or not it meets its target.
BUDGET_SECTIONS = ("royalties",)


@dataclass(frozen=True)
class DrawnItem:
    title: str
    details: str


def _date(day: dt.date | dt.datetime) -> str:
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date()
    return day.strftime("%d/%m/%Y")


def _number(value: float) -> str:
    value = round(value, 1)
    return number_format(value, decimal_pos=1 if value % 1 else 0)


def dashboard_agenda(plan, *, today: dt.date | None = None) -> list[DrawnItem]:
    """The agenda items the dashboard of `plan` calls for as of `today`: the situation, the categories
    behind their quota or left stale, the late items, the overdue key tasks, every domain's figure that
    misses its target (questions, applications...) and the budget spent."""
    from portal.planning.views import dashboard_context  # the views import the report, which imports the registry

    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        context = dashboard_context(plan, today=today)
        board = context["board"]
        as_of = _date(board.end)
        items = [
            DrawnItem(
                _("The site against the plan of %(year)s, as of %(day)s") % {"year": plan.year, "day": as_of},
                "\n".join(
                    [
                        _("Items published on the Vietnamese site: %(count)d") % {"count": board.total_published},
                        _("Updates a week on average: %(average)s (the plan: %(low)d-%(high)d)")
                        % {
                            "average": _number(board.average_per_week),
                            "low": plan.weekly_min,
                            "high": plan.weekly_max,
                        },
                    ]
                ),
            )
        ]
        if board.behind:
            items.append(
                DrawnItem(
                    _("Categories behind their quota"),
                    "\n".join(
                        _("%(number)s. %(title)s: %(count)d published, %(expected)s expected by %(day)s (%(quota)s)")
                        % {
                            "number": entry.line.number,
                            "title": entry.line.title,
                            "count": entry.count,
                            "expected": _number(entry.expected_min),
                            "day": as_of,
                            "quota": entry.line.quantity_text or entry.line.quantity_min,
                        }
                        for entry in board.behind
                    ),
                )
            )
        if board.stale:
            items.append(
                DrawnItem(
                    _("Empty or outdated categories"),
                    "\n".join(
                        (
                            _("%(number)s. %(title)s: nothing published yet")
                            if entry.empty
                            else _("%(number)s. %(title)s: no new item for %(idle)s working days (%(allowed)d allowed)")
                        )
                        % {
                            "number": entry.line.number,
                            "title": entry.line.title,
                            "idle": _number(entry.idle_working_days or 0),
                            "allowed": entry.line.stale_after_days or 0,
                        }
                        for entry in board.stale
                    ),
                )
            )
        deadlines = board.deadlines
        if deadlines.late:
            lines = [
                _("Published late: %(late)d of %(measured)d measured; overdue, not yet published: %(overdue)d")
                % {"late": deadlines.late_count, "measured": deadlines.measured, "overdue": deadlines.overdue_count}
            ]
            for item in deadlines.late[:LATE_ITEMS_LISTED]:
                values = {
                    "title": item.title,
                    "category": f"{item.line.number}. {item.line.title}",
                    "days": _number(item.working_days_late),
                    "unit": item.unit.name_vi if item.unit else "—",
                }
                if item.overdue_unpublished:
                    line = _("%(title)s (%(category)s, %(unit)s): not published, %(days)s working days overdue")
                else:
                    line = _("%(title)s (%(category)s, %(unit)s): published %(days)s working days late")
                lines.append(line % values)
            if len(deadlines.late) > LATE_ITEMS_LISTED:
                lines.append(
                    _("Others on the dashboard: %(count)d") % {"count": len(deadlines.late) - LATE_ITEMS_LISTED}
                )
            items.append(DrawnItem(_("Items late against their deadline"), "\n".join(lines)))
        overdue_tasks = [state for state in board.key_tasks if state.overdue]
        if overdue_tasks:
            items.append(
                DrawnItem(
                    _("Key tasks overdue"),
                    "\n".join(
                        _("%(number)s. %(task)s (due %(day)s, %(status)s)")
                        % {
                            "number": state.task.number,
                            "task": state.task.content,
                            "day": _date(state.due),
                            "status": state.task.get_status_display(),
                        }
                        for state in overdue_tasks
                    ),
                )
            )
        for section in context["sections"]:
            if section.key in BUDGET_SECTIONS:
                continue
            missed = [figure for figure in section.figures if figure.ok is False]
            if missed:
                items.append(DrawnItem(str(section.title), "\n".join(_figure_line(figure) for figure in missed)))
        budget_lines = [_("Budget of the plan: %(budget)s") % {"budget": money(plan.budget)}]
        for section in context["sections"]:
            if section.key in BUDGET_SECTIONS:
                budget_lines += [_figure_line(figure) for figure in section.figures]
        items.append(DrawnItem(_("Budget spent"), "\n".join(budget_lines)))
    return items


def _figure_line(figure) -> str:
    if figure.target:
        return _("%(label)s: %(value)s (target: %(target)s)") % {
            "label": figure.label,
            "value": figure.value,
            "target": figure.target,
        }
    return _("%(label)s: %(value)s") % {"label": figure.label, "value": figure.value}
