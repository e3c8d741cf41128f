"""Reads across the agencies of one installation: the board's figures and the items carried upward.

The figures are the planning, Q&A, applications and royalties apps' own: the plan's through its
selectors, called with each agency's plan. A question carries the agency whose site it was asked on; an
application counts with its procedure's agency (`Procedure.agency`, its unit's); a royalty entry carries
its agency (`royalties.selectors.agency_entries_q`).

The board reads every agency at once, never one agency or one item at a time: its queries are the same
for 3 agencies or 30, whether they hold 100 items or 15,000 each (`_shared`: the plans, questions,
applications, schedules, royalties and the sites' homes; `_plan_figures`: every plan's figures through
the planning app's many-plan selectors).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from portal.applications.selectors import on_time_by_procedure
from portal.core.models import AgencySettings
from portal.core.tree import any_subtree_q, site_home_paths, site_pages_q
from portal.news.models import ArticlePage
from portal.planning.models import Plan
from portal.planning.publishing import publications_generation
from portal.planning.selectors import (
    BEHIND,
    ItemQueries,
    category_lines,
    category_progress_of,
    deadline_summaries,
    planning_generation,
    plans_read_whole,
    quarter_bounds,
)
from portal.procedures.models import Procedure
from portal.qa.models import Question
from portal.royalties.models import RoyaltyEntry, RoyaltyPeriod, RoyaltySchedule
from portal.units.agencies import agency_of_page, all_agencies


class BoardError(Exception):
    """A period the board cannot show; the message is translated, for the user."""


# --- the agencies -------------------------------------------------------------------------------


def agencies() -> list[AgencySettings]:
    """Every agency of the installation (`units.agencies.all_agencies`): the province's portal first, then by name."""
    return sorted(all_agencies(), key=lambda agency: (not agency.is_province, agency.name_vi.casefold()))


def province_site() -> Site | None:
    agency = AgencySettings.objects.filter(is_province=True).select_related("site").first()
    return agency.site if agency else None


# --- the wrappers that scope another app's rows to one agency -----------------------------------


def _roots_q(agency: AgencySettings, field: str) -> Q:
    # The board reads every agency's homes at once (`_shared`); one agency alone asks for its own.
    paths = getattr(agency, "home_paths", None)
    return any_subtree_q(paths if paths is not None else site_home_paths(agency.site), field=field)


# --- one agency's figures for a quarter ---------------------------------------------------------


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _percent(part: int, whole: int | None) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class AgencyFigures:
    agency: AgencySettings
    plan: Plan | None
    # Items: published in the quarter, and in the year to its end against the quota pro-rated to then.
    published_in_quarter: int = 0
    published_in_year: int = 0
    expected_in_year: int = 0  # the pro-rated minimum of the categories with a quota
    categories_with_quota: int = 0
    categories_behind: int = 0
    # Deadlines of the plan's rows measured item by item, in the quarter.
    items_measured: int = 0
    items_late: int = 0
    items_overdue: int = 0  # not published, past their deadline
    questions_answered: int = 0
    questions_on_time: int = 0
    applications_decided: int = 0
    applications_on_time: int = 0
    royalties_in_quarter: int = 0  # paid and committed, in đồng
    royalties_in_year: int = 0  # paid and committed, the year to the quarter's end
    royalty_budget: int = 0  # the year's budget of the agency's royalty schedule

    @property
    def published_percent(self) -> int | None:
        return _percent(self.published_in_year, self.expected_in_year)

    @property
    def on_time_items(self) -> int:
        return self.items_measured - self.items_late

    @property
    def questions_percent(self) -> int | None:
        return _percent(self.questions_on_time, self.questions_answered)

    @property
    def applications_percent(self) -> int | None:
        return _percent(self.applications_on_time, self.applications_decided)

    @property
    def budget_percent(self) -> int | None:
        return _percent(self.royalties_in_year, self.royalty_budget)


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int
    start: dt.date
    end: dt.date  # the quarter's last day, or today while it runs
    complete: bool


def period_of(*, year: int, quarter: int, today: dt.date | None = None) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise BoardError(_("Choose a quarter from 1 to 4."))
    today = today or timezone.localdate()
    start, last = quarter_bounds(year, quarter)
    if today < start:
        raise BoardError(_("The quarter has not begun yet."))
    end = min(last, today)
    return Period(year=year, quarter=quarter, start=start, end=end, complete=end == last)


@dataclass(frozen=True)
class _Shared:
    """What the board reads once for every agency rather than once an agency: each agency's plan of the
    year, its questions answered in the period, its procedures' applications decided, its royalty schedule."""

    plans: dict[int, Plan]
    answered: dict[int, dict]  # agency id: {"all": n, "on_time": n}
    procedures: dict[int, list[int]]  # agency id: its procedures' ids
    decided: dict  # procedure id: OnTime
    schedules: dict[int, RoyaltySchedule]
    royalties: dict[int, dict]  # agency id: {"year": đồng, "quarter": đồng}


def _plans_of(year: int, agency_ids: list[int]) -> dict[int, Plan]:
    """Every agency's plan of `year`, read as `plan_for_year` reads one, in as many queries as for one."""
    plans = plans_read_whole(Plan.objects.filter(year=year, agency_id__in=agency_ids))
    return {plan.agency_id: plan for plan in plans}  # one per agency and year


def _shared(period: Period, agencies: list[AgencySettings]) -> _Shared:
    ids = [agency.pk for agency in agencies]
    homes = defaultdict(list)
    keys = {agency.site.root_page.translation_key for agency in agencies}
    for key, path in Page.objects.filter(translation_key__in=keys).values_list("translation_key", "path"):
        homes[key].append(path)
    for agency in agencies:
        agency.home_paths = homes[agency.site.root_page.translation_key]  # read by _roots_q
    since, until = _moment(period.start), _moment(period.end + dt.timedelta(days=1))
    answered = {
        row["agency_id"]: row
        for row in Question.objects.exclude(status=Question.Status.SPAM)
        .filter(agency_id__in=ids, answered_at__gte=since, answered_at__lt=until)
        .order_by()
        .values("agency_id")
        .annotate(all=Count("pk"), on_time=Count("pk", filter=Q(answered_on_time=True)))
    }
    procedures: dict[int, list[int]] = defaultdict(list)
    for pk, owner in Procedure.objects.filter(agency_id__in=ids).values_list("pk", "agency_id"):
        procedures[owner].append(pk)
    schedules = {  # one per agency and year
        schedule.agency_id: schedule
        for schedule in RoyaltySchedule.objects.filter(agency_id__in=ids, year=period.year).prefetch_related("rates")
    }
    return _Shared(
        plans=_plans_of(period.year, ids),
        answered=answered,
        procedures=procedures,
        decided=on_time_by_procedure(since=since, until=until),
        schedules=schedules,
        royalties=_royalties_of(period, [agency for agency in agencies if agency.pk]),
    )


def _royalties_of(period: Period, agencies: list[AgencySettings]) -> dict[int, dict]:
    """Each agency's royalties paid and committed in the year to the period's end and in the period, in đồng:
    the ledger's entries of each (`royalties.selectors.agency_entries_q`), in one grouped query."""
    from portal.royalties.selectors import agency_entries_q

    if not agencies:
        return {}
    counted = Q(period__status=RoyaltyPeriod.STATUS_SETTLED) | Q(period__isnull=True)
    entries = RoyaltyEntry.objects.filter(reduce(or_, (agency_entries_q(agency) for agency in agencies)))
    return {
        row["agency_id"]: row
        for row in entries.filter(counted, accounting_date__year=period.year)
        .order_by()
        .values("agency_id")
        .annotate(
            year=Sum("amount", filter=Q(accounting_date__lte=period.end)),
            quarter=Sum("amount", filter=Q(accounting_date__gte=period.start, accounting_date__lte=period.end)),
        )
    }


def _plan_figures(plans: list[Plan], period: Period, *, now: dt.datetime, queries: ItemQueries) -> list[dict]:
    """The figures of each of `plans` for `period` (the board's columns), all plans at once: the planning
    app's figures (`category_progress_of`, `deadline_summaries`) in the same queries for thirty plans as
    for one."""
    if not plans:
        return []
    lines = [category_lines(plan) for plan in plans]
    to_end = category_progress_of(plans, today=period.end, lines=lines, queries=queries)
    if period.quarter > 1:
        before = category_progress_of(plans, today=period.start - dt.timedelta(days=1), lines=lines, queries=queries)
    else:
        before = [[] for _plan in plans]
    deadlines = deadline_summaries(
        plans, start=period.start, end=period.end, now=now, lines=lines, queries=queries, units={}
    )
    figures = []
    for progress, earlier_progress, summary in zip(to_end, before, deadlines, strict=True):
        # The lines' own counts, not summed over nested lines (a category inside another counts there too).
        top = [entry for entry in progress if not _inside_another(entry, progress)]
        earlier = {id(entry.line): entry.count for entry in earlier_progress}
        quota = [entry for entry in progress if entry.expected_min is not None]
        figures.append(
            {
                "published_in_year": sum(entry.count for entry in top),
                "published_in_quarter": sum(entry.count - earlier.get(id(entry.line), 0) for entry in top),
                "expected_in_year": round(sum(entry.expected_min for entry in quota)),
                "categories_with_quota": len(quota),
                "categories_behind": sum(1 for entry in quota if entry.status == BEHIND),
                "items_measured": summary.measured,
                "items_late": summary.late_count,
                "items_overdue": summary.overdue_count,
            }
        )
    return figures


def _board_now(period: Period, now: dt.datetime | None = None) -> dt.datetime:
    return min(now or timezone.now(), _moment(period.end + dt.timedelta(days=1)))


def agency_figures(
    agency: AgencySettings,
    period: Period,
    *,
    queries: ItemQueries | None = None,
    now: dt.datetime | None = None,
    shared: _Shared | None = None,
    plan_figures: dict | None = None,
) -> AgencyFigures:
    """One agency's figures for `period`: its own plan's, and its own questions, applications and royalties
    (`shared`: what the board read once for every agency; `plan_figures`: its plan's, worked out with every
    agency's by `_plan_figures`)."""
    shared = shared or _shared(period, [agency])
    plan = shared.plans.get(agency.pk)
    if plan_figures is None:
        plan_figures = (
            _plan_figures([plan], period, now=_board_now(period, now), queries=queries or ItemQueries())[0]
            if plan is not None
            else {}
        )
    answered = shared.answered.get(agency.pk, {"all": 0, "on_time": 0})
    decided = [shared.decided[pk] for pk in shared.procedures.get(agency.pk, ()) if pk in shared.decided]
    royalties = shared.royalties.get(agency.pk, {})
    schedule = shared.schedules.get(agency.pk)
    return AgencyFigures(
        agency=agency,
        plan=plan,
        **plan_figures,
        questions_answered=answered["all"],
        questions_on_time=answered["on_time"],
        applications_decided=sum(entry.finished for entry in decided),
        applications_on_time=sum(entry.on_time for entry in decided),
        royalties_in_quarter=royalties.get("quarter") or 0,
        royalties_in_year=royalties.get("year") or 0,
        royalty_budget=schedule.budget if schedule else 0,
    )


def _inside_another(entry, entries) -> bool:
    path = entry.line.category.path
    return any(
        other is not entry and path.startswith(other.line.category.path) and path != other.line.category.path
        for other in entries
    )


def board_figures(period: Period) -> list[AgencyFigures]:
    """Every agency's figures for `period`, side by side (the private sections read once for all)."""
    found = agencies()
    shared = _shared(period, found)
    planned = [shared.plans[agency.pk] for agency in found if agency.pk in shared.plans]
    worked_out = _plan_figures(planned, period, now=_board_now(period), queries=ItemQueries())
    figures = {plan.agency_id: each for plan, each in zip(planned, worked_out, strict=True)}
    return [agency_figures(agency, period, shared=shared, plan_figures=figures.get(agency.pk, {})) for agency in found]


def board_figures_kept(period: Period) -> list[AgencyFigures]:
    """`board_figures`, kept for DASHBOARD_CACHE_SECONDS as the plan dashboard keeps its own: worked out
    again after a publication or a change to a plan, or when that time is over (the questions,
    applications and royalties change without a publication)."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    key = (
        f"province:board:{period.year}:{period.quarter}:{period.end}"
        f":{publications_generation()}:{planning_generation()}"
    )
    if seconds and (kept := cache.get(key)) is not None:
        return kept
    rows = board_figures(period)
    if seconds:
        cache.set(key, rows, seconds)
    return rows


def plan_years() -> list[int]:
    """The years some agency has a plan for, newest first."""
    return sorted(set(Plan.objects.values_list("year", flat=True)), reverse=True)


# --- items carried upward -----------------------------------------------------------------------


CANDIDATE_LIMIT = 50


def carry_candidates(*, limit: int = CANDIDATE_LIMIT, agency: AgencySettings | None = None):
    """The agencies' newest published items (never the province's own, never a carried copy), with
    the carries each already has on the province's site: [(item, agency, carry or None)]."""
    province = province_site()
    if province is None:
        return []
    province_q = site_pages_q(province)
    items = ArticlePage.objects.live().public().filter(alias_of__isnull=True).exclude(province_q)
    if agency is not None:
        items = items.filter(_roots_q(agency, "path"))
    items = list(items.order_by("-first_published_at", "-pk")[:limit])
    carries = {
        carry.alias_of_id: carry for carry in Page.objects.filter(province_q, alias_of__in=[item.pk for item in items])
    }
    among = all_agencies()
    return [(item, agency_of_page(item, among), carries.get(item.pk)) for item in items]


def carries_of(pages_q: Q):
    """The carries on the province's site of the pages matching `pages_q` (the source's fields), newest first."""
    province = province_site()
    if province is None:
        return Page.objects.none()
    province_q = site_pages_q(province)
    sources = Page.objects.filter(pages_q).values("pk")
    return Page.objects.filter(province_q, alias_of__in=sources).select_related("alias_of", "owner").order_by("-pk")


def carried_from(page: Page) -> tuple[Page, AgencySettings | None] | None:
    """For a carried item, (its source page, the source's agency); None for any other page."""
    if not page.alias_of_id:
        return None
    source = page.alias_of
    province = province_site()
    if province is None or not page.path.startswith(tuple(site_home_paths(province))):
        return None
    return source, agency_of_page(source)
