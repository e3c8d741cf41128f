"""Writes of the plan: loading the seed, copying a plan forward to a new year, demo data."""

from __future__ import annotations

import math
import re
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from .models import Anniversary, KeyTask, Plan

MONTHS_A_YEAR = 12


class PlanError(Exception):
    """A plan operation refused, with a message for the user."""


def carried_forward(text: str, *, source_year: int, year: int, founded: set[int]) -> str:
    """A key task's words for the new year: the source year becomes the new one, and "87 năm" becomes
    "96 năm" where 87 years before the source year is an anniversary the agency keeps (the plan names
    anniversaries by their count: "87 năm thành lập Đảng" in 2017)."""

    def count(match: re.Match) -> str:
        years = int(match.group(1))
        return f"{years + year - source_year} năm" if source_year - years in founded else match.group(0)

    text = re.sub(r"\b(\d{1,3}) năm\b", count, text)
    return re.sub(rf"\b{source_year}\b", str(year), text)


def derived_unit_minimums(rows: list[dict]) -> dict[str, int]:
    """Monthly minimum per unit from Appendix I: each row's least quantity shared by its source units."""
    numbers = {row["number"]: row for row in rows}
    yearly: dict[str, float] = defaultdict(float)
    for row in rows:
        units = row["source_units"] or numbers.get(row.get("continues"), {}).get("source_units", [])
        if row.get("quantity_min") and units:
            for code in units:
                yearly[code] += row["quantity_min"] / len(units)
    return {code: max(1, math.floor(total / MONTHS_A_YEAR + 0.5)) for code, total in yearly.items()}


def plan_copy_forward(*, source: Plan, year: int, user=None) -> Plan:
    """A new plan for `year` with every row, key task, unit minimum and budget line of `source`.

    Key tasks start again as not started; the years in the title and the key tasks are carried forward
    (carried_forward). Refused if `year` has a plan.
    """
    if not 2000 <= year <= 2100:
        raise PlanError(_("Choose a year between 2000 and 2100."))
    try:
        # Every row's save would index the whole plan again (Wagtail indexes a child through its parent):
        # some fifty indexings of the plan a copy; it is indexed once, when whole.
        with transaction.atomic(), disable_reference_index_auto_update():
            if Plan.objects.select_for_update().filter(agency_id=source.agency_id, year=year).exists():
                raise PlanError(_("The plan of %(year)s already exists.") % {"year": year})
            plan = Plan.objects.create(
                agency_id=source.agency_id,
                year=year,
                title=source.title.replace(str(source.year), str(year)),
                weekly_min=source.weekly_min,
                weekly_max=source.weekly_max,
                budget=source.budget,
                anniversary_weeks_ahead=source.anniversary_weeks_ahead,
            )
            for row in source.rows.all():
                units, editors = list(row.source_units.all()), list(row.editors.all())
                row.pk, row.id, row.plan = None, None, plan
                row.source_units.set(units)
                row.editors.set(editors)
                row.save()
            anniversaries = Anniversary.objects.filter(agency_id=source.agency_id)  # the agency's own list
            founded = {day.year for day in anniversaries.values_list("date", flat=True)}
            for task in source.key_tasks.all():
                units = list(task.units.all())
                task.pk, task.id, task.plan = None, None, plan
                task.content = carried_forward(task.content, source_year=source.year, year=year, founded=founded)
                task.period_text = carried_forward(task.period_text, source_year=source.year, year=year, founded=set())
                task.status, task.note = KeyTask.Status.PLANNED, ""
                task.units.set(units)
                task.save()
            for minimum in source.unit_minimums.all():
                minimum.pk, minimum.id, minimum.plan = None, None, plan
                minimum.save()
            for line in source.budget_lines.all():
                line.pk, line.id, line.plan = None, None, plan
                line.save()
            ReferenceIndex.create_or_update_for_object(plan)
    except IntegrityError as error:  # another secretary copied the same year at the same moment
        raise PlanError(_("The plan of %(year)s already exists.") % {"year": year}) from error
    log(instance=plan, action="wagtail.create", user=user, data={"copied_from": source.year})
    return plan
