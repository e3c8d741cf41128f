"""Reads of the plan: how the site stands against it, for the dashboard, the reminders and the report.

Every figure is computed from what was published (live, public pages of the registered item
types, registry.py), with a number of queries that depends on the number of registered types,
never on the amount of content.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Substr
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale, Page, PageViewRestriction, Revision, WorkflowState

from portal.core.deadlines import Deadline
from portal.core.models import AgencySettings
from portal.core.tree import PlusDays, any_subtree_q, local_date, other_page_type_ids, subtree_q
from portal.core.workdays import working_days_between
from portal.units.models import Unit

from .agencies import agency_pages_q, role_groups_q
from .models import ITEM_DEADLINE_RULES, Anniversary, DeadlineRule, KeyTask, Plan, PlanRow, UnitMinimum
from .registry import ItemType, all_items, item_types, quantity_counter

BEHIND, ON_TRACK, AHEAD, NO_QUOTA = "behind", "on_track", "ahead", "no_quota"
STATUS_LABELS = {
    BEHIND: pgettext_lazy("plan progress", "Behind"),
    ON_TRACK: pgettext_lazy("plan progress", "On track"),
    AHEAD: pgettext_lazy("plan progress", "Ahead"),
    NO_QUOTA: pgettext_lazy("plan progress", "As needed"),
}
BELOW, WITHIN, ABOVE, PARTIAL = "below", "within", "above", "partial"
WEEK_LABELS = {
    BELOW: pgettext_lazy("plan progress", "Below the band"),
    WITHIN: pgettext_lazy("plan progress", "Within the band"),
    ABOVE: pgettext_lazy("plan progress", "Above the band"),
    PARTIAL: pgettext_lazy("plan progress", "Part of a week"),
}
ROUND_EVERY_YEARS = 5
LATE_LIST_LIMIT = 50


# --- periods ---------------------------------------------------------------------------------


def _moment(day: dt.date) -> dt.datetime:
    """Midnight starting `day`, in the portal's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def elapsed_share(year: int, today: dt.date) -> float:
    """How much of the plan's year has passed by the end of `today` (0 before it, 1 after it)."""
    start, end = year_bounds(year)
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


# --- the plan's lines ------------------------------------------------------------------------


@dataclass
class CategoryLine:
    """The rows of Appendix I that share a category page (row 9 continues row 8), measured together."""

    rows: list[PlanRow]
    category: Page | None

    @property
    def first(self) -> PlanRow:
        return self.rows[0]

    @property
    def number(self) -> str:
        numbers = [row.number for row in self.rows]
        return numbers[0] if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"

    @property
    def title(self) -> str:
        return next((row.title for row in self.rows if row.title), "") or (self.category.title if self.category else "")

    @property
    def site(self) -> str:
        return self.first.site

    @property
    def quantity_text(self) -> str:
        return "; ".join(row.quantity_text for row in self.rows if row.quantity_text)

    @property
    def quantity_min(self) -> int | None:
        values = [row.quantity_min for row in self.rows if row.quantity_min is not None]
        return sum(values) if values else None

    @property
    def quantity_max(self) -> int | None:
        values = [row.quantity_max if row.quantity_max is not None else row.quantity_min for row in self.rows]
        values = [value for value in values if value is not None]
        return sum(values) if values else None

    @property
    def rule_row(self) -> PlanRow:
        return next((row for row in self.rows if row.deadline_rule != DeadlineRule.NONE), self.first)

    @property
    def deadline_rule(self) -> str:
        return self.rule_row.deadline_rule

    @property
    def deadline_days(self) -> int:
        return self.rule_row.deadline_days

    @property
    def deadline_text(self) -> str:
        return self.rule_row.deadline_text

    @property
    def stale_after_days(self) -> int | None:
        values = [row.stale_after_days for row in self.rows if row.stale_after_days is not None]
        return min(values) if values else None

    # Gathered once (as the editors): the dashboard's tables read them several times per line and late item.
    @cached_property
    def source_units(self) -> list[Unit]:
        seen: dict[int, Unit] = {}
        for row in self.rows:
            for unit in row.source_units.all():
                seen.setdefault(unit.pk, unit)
        return sorted(seen.values(), key=lambda unit: (unit.sort_order, unit.name_vi))

    @property
    def deadline_in_calendar_days(self) -> bool:
        return self.rule_row.deadline_in_calendar_days

    @cached_property
    def editors(self) -> list:
        """The people the plan names as the line's editors (unit heads are found per item)."""
        seen: dict[int, object] = {}
        for row in self.rows:
            for editor in row.editors.all():
                seen.setdefault(editor.pk, editor)
        return list(seen.values())

    @property
    def editors_are_unit_heads(self) -> bool:
        return any(row.editors_are_unit_heads for row in self.rows)

    @property
    def editor_names(self) -> str:
        """Who edits the line, as the dashboard shows it: the named editors' full names, else the plan's words."""
        names = [editor.get_full_name() or editor.get_username() for editor in self.editors]
        if self.editors_are_unit_heads:
            names.append(str(_("the unit heads")))
        return "; ".join(names) or self.editor_text

    @property
    def editor_text(self) -> str:
        return "; ".join(row.editor_text for row in self.rows if row.editor_text)

    @property
    def sources_text(self) -> str:
        return "; ".join(row.sources_text for row in self.rows if row.sources_text)


def plans_read_whole(plans: QuerySet) -> QuerySet:
    """`plans` with what the dashboard and the report read of a plan (its rows, key tasks, unit minimums and
    budget lines), in as many queries for many plans as for one."""
    return plans.select_related("agency__site").prefetch_related(
        Prefetch(
            "rows",
            queryset=PlanRow.objects.select_related("category")
            .prefetch_related("source_units", "editors")
            .order_by("sort_order", "pk"),
        ),
        Prefetch("key_tasks", queryset=KeyTask.objects.prefetch_related("units").order_by("sort_order", "pk")),
        Prefetch("unit_minimums", queryset=UnitMinimum.objects.select_related("unit").order_by("sort_order")),
        "budget_lines",
    )


def plan_for_year(year: int, *, agency: AgencySettings | None = None, agency_id: int | None = None) -> Plan | None:
    """The plan of `year` of the agency (or of the agency of that id; of the default site's unless named)."""
    if agency is not None and agency.pk:
        owner = {"agency": agency}
    elif agency_id:
        owner = {"agency_id": agency_id}
    else:
        owner = {"agency__site__is_default_site": True}
    return plans_read_whole(Plan.objects.filter(year=year, **owner)).first()


def plan_days(rule: str, *, year: int | None = None, agency: AgencySettings | None = None) -> int | None:
    """The days this year's plan of `agency` (the default site's unless named) allows for a rule measured
    everywhere, e.g. answering a citizen's question (row 15, "after_question") or translating an item
    (row 18, "after_original"). A year without its plan yet keeps the latest earlier plan's row; None where
    no plan has such a row."""
    year = year or timezone.localdate().year
    named = agency is not None and agency.pk
    owner = {"plan__agency": agency} if named else {"plan__agency__site__is_default_site": True}
    # Read for every question of a list: kept until the plan changes (signal_handlers bump the generation).
    key = f"planning:days:{planning_generation()}:{year}:{rule}:{agency.pk if agency is not None else ''}"
    days = cache.get(key)
    if days is None:
        days = (
            PlanRow.objects.filter(plan__year__lte=year, deadline_rule=rule, deadline_days__gt=0, **owner)
            .order_by("-plan__year", "sort_order", "pk")
            .values_list("deadline_days", flat=True)
            .first()
        ) or 0
        cache.set(key, days, timeout=60 * 60)
    return days or None


def named_as_reviewer(user, *, year: int | None = None) -> bool:
    """Whether this year's plan makes `user` review items at the category step: named on one of its rows,
    or the head of a unit where a row makes the unit heads its editors (the 2017 plan's row 2)."""
    from portal.units.roles import UNIT_HEAD, groups_in_any_agency

    rows = PlanRow.objects.filter(plan__year=year or timezone.localdate().year)
    if rows.filter(editors=user).exists():
        return True
    return rows.filter(editors_are_unit_heads=True).exists() and (
        Unit.objects.filter(head=user).exists() or user.groups.filter(groups_in_any_agency(UNIT_HEAD)).exists()
    )


def plan_row_editors(category: Page, *, unit_id: int | None = None, year: int | None = None):
    """The editors this year's plan names for `category` (in any language), as a queryset of users: the
    deepest row holding the category decides. Where the row makes the unit heads its editors, the head
    of the item's unit (`unit_id`) reviews it, else the heads of the row's units. None: no row names any."""
    from django.contrib.auth import get_user_model

    from portal.units.roles import UNIT_HEAD

    year = year or timezone.localdate().year
    categories = Page.objects.filter(translation_key=category.translation_key).values_list("path", flat=True)
    rows = [
        row
        for row in PlanRow.objects.filter(plan__year=year, category__isnull=False).select_related(
            "category", "plan__agency__site"
        )
        if any(path.startswith(row.category.path) for path in categories)
    ]
    numbers = {row.number for row in rows}
    continued = PlanRow.objects.filter(
        plan__in={row.plan_id for row in rows}, number__in=[r.continues for r in rows if r.continues]
    )
    rows += [row for row in continued if row.number not in numbers]
    prefetch_related_objects(rows, "editors")  # the rows holding the category only: one query, not one a row
    named = [row for row in rows if row.editors_are_unit_heads or row.editors.all()]
    if not named:
        return None
    depth = max(row.category.depth for row in named if row.category_id)
    chosen = [row for row in named if row.category_id and row.category.depth == depth] or named
    User = get_user_model()
    query = Q(edited_plan_rows__in=chosen)
    named_people = User.objects.filter(edited_plan_rows__in=chosen, is_active=True).exists()
    # An item of a unit goes to its unit's head; one without a unit to the people the row names, or, if
    # it names nobody, to the heads of all the row's units.
    if any(row.editors_are_unit_heads for row in chosen) and (unit_id or not named_people):
        unit_ids = {unit_id} if unit_id else set(Unit.objects.filter(planrow__in=chosen).values_list("pk", flat=True))
        query |= Q(headed_units__in=unit_ids)
        # the unit heads' group of the row's own agency
        query |= role_groups_q(chosen[0].plan.agency, UNIT_HEAD) & Q(staff_profile__unit__in=unit_ids)
    return User.objects.filter(query, is_active=True).distinct()


def agency_units(agency: AgencySettings | None) -> dict[int, Unit]:
    """The units of an agency by id (of every agency where none is named)."""
    units = Unit.objects.all() if agency is None else Unit.objects.filter(agency=agency)
    return {unit.pk: unit for unit in units}


def category_lines(plan: Plan) -> list[CategoryLine]:
    lines: list[CategoryLine] = []
    by_category: dict[int, CategoryLine] = {}
    for row in plan.rows.all():
        if row.category_id is None:
            lines.append(CategoryLine(rows=[row], category=None))
        elif row.category_id in by_category:
            by_category[row.category_id].rows.append(row)
        else:
            line = CategoryLine(rows=[row], category=row.category)
            by_category[row.category_id] = line
            lines.append(line)
    return lines


def line_of(lines: list[CategoryLine], path: str) -> CategoryLine | None:
    """The deepest line whose category holds the page at `path`."""
    holders = [line for line in lines if line.category is not None and path.startswith(line.category.path)]
    return max(holders, key=lambda line: len(line.category.path), default=None)


# --- items -----------------------------------------------------------------------------------


class ItemQueries:
    """Querysets of the registered item types, live and public (the private sections read once), of one
    agency's tree where the installation serves several (`agency`: the plan's)."""

    def __init__(self, agency: AgencySettings | None = None):
        self._private: Q | None = None
        self._locales: tuple[list[int], list[int]] | None = None
        self.agency = agency
        self._own: Q | None = None

    def own_q(self) -> Q:
        """The agency's own pages (every page where the installation serves one agency)."""
        if self._own is None:
            self._own = (agency_pages_q(self.agency) if self.agency is not None else None) or Q()
        return self._own

    def private_q(self) -> Q:
        if self._private is None:
            restricted = list(PageViewRestriction.objects.values_list("page_id", flat=True))
            paths = Page.objects.filter(pk__in=restricted).values_list("path", flat=True) if restricted else []
            self._private = any_subtree_q(paths)
        return self._private

    def published(self, item_type: ItemType):
        return item_type.objects().live().filter(self.own_q()).exclude(self.private_q())

    def published_items(self):
        """The live public pages of every registered type, as pages: the other page types are left out
        rather than these let in, so that no index serves the type and the period's leads the query
        (SQLite, without statistics, read every page of the types through the type's index)."""
        others = other_page_type_ids(*all_items().page_types)
        return Page.objects.exclude(content_type_id__in=others).live().filter(self.own_q()).exclude(self.private_q())

    def _default_locales(self) -> tuple[list[int], list[int]]:
        if self._locales is None:
            ids = dict(Locale.objects.values_list("pk", "language_code"))
            default = [pk for pk, code in ids.items() if code == settings.LANGUAGE_CODE]
            self._locales = (default, [pk for pk in ids if pk not in default])
        return self._locales

    # Each language as the others left out, by id: a join or an IN had the databases read every
    # page of the language through its index, where the period's index should lead.
    def default_language_q(self) -> Q:
        return ~Q(locale_id__in=self._default_locales()[1])

    def other_languages_q(self) -> Q:
        return ~Q(locale_id__in=self._default_locales()[0])


# Beyond this many categories (many plans' at once), a filter on the pages below them is a few IN lists.
FEW_PATHS = 24


def _below_any_q(paths, *, few) -> Q:
    """Pages at or below any of `paths`: `few(paths)` for a few (one plan's: the filter its queries were
    tuned with); for many (every agency's plans on the provincial board) the pages whose ancestor at
    each of the paths' depths is one of them, a short query whatever their number (hundreds of ranges
    made queries of 7,000 characters that the driver parsed again on every request)."""
    paths = sorted(set(paths))
    if len(paths) <= FEW_PATHS:
        return few(paths)
    by_length: dict[int, list[str]] = defaultdict(list)
    for path in paths:
        by_length[len(path)].append(path)
    return reduce(or_, (Q(In(Substr("path", 1, length), among)) for length, among in sorted(by_length.items())))


def _startswith_q(paths) -> Q:
    return reduce(or_, (Q(path__startswith=path) for path in paths))


# --- category progress -----------------------------------------------------------------------


@dataclass
class CategoryProgress:
    line: CategoryLine
    count: int
    expected_min: float | None
    expected_max: float | None
    projection: int | None
    status: str
    last_published: dt.datetime | None
    empty: bool
    now: dt.datetime | None = field(default=None, repr=False)  # the moment the idle time is counted to

    # Worked out when asked (the dashboard, the reminders), not for figures that never show it (the
    # provincial board's thirty agencies): counted day by day since the last publication, once.
    @cached_property
    def _idle(self) -> float | None:
        if self.last_published is None:
            return None
        return working_days_between(timezone.localtime(self.last_published), timezone.localtime(self.now))

    @property
    def idle_working_days(self) -> float | None:
        return round(self._idle, 1) if self._idle is not None else None

    @property
    def stale(self) -> bool:
        allowed = self.line.stale_after_days
        return self._idle is not None and allowed is not None and self._idle > allowed

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def percent_of_min(self) -> int | None:
        if not self.line.quantity_min:
            return None
        return round(100 * self.count / self.line.quantity_min)


def progress_status(count: int, expected_min: float | None, expected_max: float | None) -> str:
    if expected_min is None:
        return NO_QUOTA
    if count < expected_min:
        return BEHIND
    if expected_max is not None and count > expected_max:
        return AHEAD
    return ON_TRACK


def _per_category(
    queries: ItemQueries,
    lines: list[CategoryLine],
    *,
    since: dt.datetime | None,
    before: dt.datetime,
    counted: Q | None,
) -> dict[int, tuple[int, dt.datetime | None]]:
    """For each line (by position): items matching `counted`, and the latest first publication, of the
    items first published in [since, before) in its category and below.

    The lines may be many plans' (every agency's on the provincial board): one grouped query whatever
    their number. The items are grouped by their path's prefixes at the lengths of the lines' category
    paths (a page's ancestor at each of those depths) where the prefix is a line's category, left empty
    where it is none (grouped by every prefix, a year's items made 14,000 groups, nearly one per item,
    each with its latest publication to send back and read), and each line sums the groups whose prefix
    at its length is its category: every item in its subtree, once. (A CASE labelling each item with its
    deepest line compared every item with every line: hundreds of lines over thirty agencies.)
    """
    wanted_at: dict[int, set[str]] = defaultdict(set)
    for line in lines:
        wanted_at[len(line.category.path)].add(line.category.path)
    if not wanted_at:
        return {}
    prefixes = {
        f"p{length}": Case(When(Q(In(Substr("path", 1, length), sorted(paths))), then=Substr("path", 1, length)))
        for length, paths in sorted(wanted_at.items())
    }
    items = queries.published_items().filter(first_published_at__lt=before)
    if since is not None:
        # No filter on the paths: the period is read through the publication date's index (with a
        # range of paths, every year would be read); groups outside every line are left out below.
        items = items.filter(first_published_at__gte=since)
    else:
        items = items.filter(_below_any_q((line.category.path for line in lines), few=any_subtree_q))
    rows = (
        items.order_by()  # the pages sort by path: grouped, each would be a group of its own
        .annotate(**prefixes)
        .values(*prefixes)
        .annotate(n=Count("pk", filter=counted), last=Max("first_published_at"))
        .values_list(*prefixes, "n", "last")
    )
    wanted = {line.category.path for line in lines}
    below: dict[str, list[tuple[int, dt.datetime | None]]] = defaultdict(list)
    for *paths, number, last in rows:
        for path in set(paths) & wanted:
            below[path].append((number, last))
    found: dict[int, tuple[int, dt.datetime | None]] = {}
    for index, line in enumerate(lines):
        groups = below.get(line.category.path, ())
        latest = [last for _number, last in groups if last is not None]
        found[index] = (sum(number for number, _last in groups), max(latest, default=None))
    return found


def category_progress(
    plan: Plan, *, today: dt.date, lines: list[CategoryLine] | None = None, queries: ItemQueries | None = None
) -> list[CategoryProgress]:
    """Per category: published in the plan's year up to `today`, against the quota pro-rated to `today`
    (`category_progress_of` with one plan)."""
    return category_progress_of(
        [plan], today=today, lines=[lines] if lines is not None else None, queries=queries or ItemQueries(plan.agency)
    )[0]


def _one_agency(plans: list[Plan]) -> AgencySettings | None:
    """The agency of `plans` if they are one agency's, else None (every agency's)."""
    return plans[0].agency if len({plan.agency_id for plan in plans}) == 1 else None


def _queries_of(plans: list[Plan]) -> ItemQueries:
    """The items' querysets for `plans`: of their agency's tree if they are one agency's, else of every agency."""
    return ItemQueries(_one_agency(plans))


def category_progress_of(
    plans: list[Plan],
    *,
    today: dt.date,
    lines: list[list[CategoryLine]] | None = None,
    queries: ItemQueries | None = None,
) -> list[list[CategoryProgress]]:
    """`category_progress` of each of `plans` (in their order), in the queries of one: the items of every
    plan's categories counted in one grouped query per year of the plans (the provincial board's thirty
    agencies at once). `lines`: each plan's (`category_lines`); `queries`: the items' querysets (those of
    the plans' agency when they are one agency's, else of every agency)."""
    if not plans:
        return []
    lines = lines if lines is not None else [category_lines(plan) for plan in plans]
    queries = queries or _queries_of(plans)
    progress: list[list[CategoryProgress]] = [[] for _plan in plans]
    by_year: dict[int, list[int]] = defaultdict(list)
    for index, plan in enumerate(plans):
        by_year[plan.year].append(index)
    for year, indexes in by_year.items():
        found = _progress_of_year(year, [lines[index] for index in indexes], today=today, queries=queries)
        for index, entries in zip(indexes, found, strict=True):
            progress[index] = entries
    return progress


def _progress_of_year(
    year: int, lines_of: list[list[CategoryLine]], *, today: dt.date, queries: ItemQueries
) -> list[list[CategoryProgress]]:
    start, year_end = year_bounds(year)
    end = min(today, year_end)
    now = min(timezone.now(), _moment(end + dt.timedelta(days=1)))
    share = elapsed_share(year, today)
    measured = [line for lines in lines_of for line in lines if line.category is not None]
    # Staleness looks back far enough for the longest allowance (working days are at most 7/5 of calendar
    # days); a line's latest publication is the same whatever the look-back (the quiet ones are read again).
    longest = max((line.stale_after_days or 0 for line in measured), default=0)
    look_back = now - dt.timedelta(days=longest * 7 // 5 + 60)
    period = Q(first_published_at__gte=_moment(start), first_published_at__lt=_moment(end + dt.timedelta(days=1)))
    recent = _per_category(queries, measured, since=min(look_back, _moment(start)), before=now, counted=period)
    counts = {index: recent[index][0] for index in recent}
    for index, line in enumerate(measured):  # quantities the plan gives in another unit (images)
        if (count := quantity_counter(line.category)) is not None:
            counts[index] = count(line.category, since=_moment(start), before=_moment(end + dt.timedelta(days=1)))
    latest = {index: recent[index][1] for index in recent if recent[index][1] is not None}
    # Lines with nothing recent: is there anything at all? (only over those lines)
    quiet = [index for index, _line in enumerate(measured) if index not in latest]
    ever = {}
    if quiet:
        earlier = _per_category(queries, [measured[index] for index in quiet], since=None, before=now, counted=None)
        ever = {index: earlier[position][1] for position, index in enumerate(quiet) if earlier[position][1]}
    progress: list[list[CategoryProgress]] = []
    position = 0
    for lines in lines_of:
        entries = []
        for line in lines:
            if line.category is None:
                continue
            count = counts.get(position, 0)
            last = latest.get(position) or ever.get(position)
            position += 1
            expected_min = line.quantity_min * share if line.quantity_min is not None else None
            expected_max = line.quantity_max * share if line.quantity_max is not None else None
            entries.append(
                CategoryProgress(
                    line=line,
                    count=count,
                    expected_min=expected_min,
                    expected_max=expected_max,
                    projection=round(count / share) if share else None,
                    status=progress_status(count, expected_min, expected_max),
                    last_published=last,
                    empty=last is None,
                    now=now,
                )
            )
        progress.append(entries)
    return progress


# --- weekly frequency ------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCount:
    start: dt.date  # the Monday
    count: int
    status: str
    partial: bool

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def status_label(self) -> str:
        return WEEK_LABELS[self.status]

    @property
    def iso_week(self) -> int:
        return self.start.isocalendar().week


def items_per_day_and_unit(
    *, start: dt.date, end: dt.date, queries: ItemQueries | None = None
) -> dict[tuple[dt.date, int | None], int]:
    """Items published on the Vietnamese site (the default language) per day and unit, `start` to `end`
    inclusive: one grouped query per item type serves the weekly frequency and the units' months."""
    queries = queries or ItemQueries()
    counts: dict[tuple[dt.date, int | None], int] = defaultdict(int)
    zone = timezone.get_current_timezone()
    local_day = local_date("first_published_at", zone=zone, start=start, end=end)
    for item_type in item_types():
        unit_column = f"{item_type.unit_field}_id" if item_type.unit_field else None
        rows = (
            queries.published(item_type)
            .filter(queries.default_language_q())
            .filter(first_published_at__gte=_moment(start), first_published_at__lt=_moment(end + dt.timedelta(days=1)))
            .order_by()  # without the pages' default order (by path), which would join the grouping
            .annotate(day=local_day)
            .values("day", *([unit_column] if unit_column else []))
            .annotate(n=Count("pk"))
            .values_list("day", *([unit_column] if unit_column else []), "n")
        )
        for row in rows:
            day, number = row[0], row[-1]
            unit_id = row[1] if unit_column else None
            counts[(day, unit_id)] += number
    return counts


def items_per_day(
    *, start: dt.date, end: dt.date, queries: ItemQueries | None = None, per_day_and_unit: dict | None = None
) -> dict[dt.date, int]:
    """Items published on the Vietnamese site (the default language) per day, `start` to `end` inclusive."""
    if per_day_and_unit is None:
        per_day_and_unit = items_per_day_and_unit(start=start, end=end, queries=queries)
    per_day: dict[dt.date, int] = defaultdict(int)
    for (day, _unit_id), number in per_day_and_unit.items():
        per_day[day] += number
    return per_day


def weekly_frequency(
    plan: Plan,
    *,
    start: dt.date,
    end: dt.date,
    queries: ItemQueries | None = None,
    per_day_and_unit: dict | None = None,
) -> list[WeekCount]:
    """Updates per week (Monday to Sunday) from `start` to `end`, against the plan's band.

    A week cut by the period's start or end (or not over yet) is counted but not judged.
    """
    queries = queries or ItemQueries(plan.agency)
    per_day = items_per_day(start=start, end=end, queries=queries, per_day_and_unit=per_day_and_unit)
    weeks = []
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        sunday = monday + dt.timedelta(days=6)
        count = sum(per_day.get(monday + dt.timedelta(days=offset), 0) for offset in range(7))
        partial = monday < start or sunday > end
        if partial:
            status = PARTIAL
        elif count < plan.weekly_min:
            status = BELOW
        elif count > plan.weekly_max:
            status = ABOVE
        else:
            status = WITHIN
        weeks.append(WeekCount(start=monday, count=count, status=status, partial=partial))
        monday += dt.timedelta(days=7)
    return weeks


# --- deadlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LateItem:
    page_id: int
    title: str
    line: CategoryLine
    reference: dt.date | dt.datetime
    deadline: dt.datetime
    published: dt.datetime | None  # None: not published yet, and overdue
    working_days_late: float
    unit: Unit | None

    @property
    def overdue_unpublished(self) -> bool:
        return self.published is None


@dataclass
class DeadlineSummary:
    measured: int = 0  # items with a reference date, under a rule
    late: list[LateItem] = field(default_factory=list)

    @property
    def late_count(self) -> int:
        return sum(1 for item in self.late if not item.overdue_unpublished)

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.late if item.overdue_unpublished)

    @property
    def on_time(self) -> int:
        return self.measured - self.late_count


def deadline_of(reference: dt.date | dt.datetime, days: int, *, calendar_days: bool = False) -> dt.datetime:
    """The moment an item is due: `days` working (or calendar) days after its reference; a date counts to
    the end of that day."""

    def after(moment: dt.datetime) -> dt.datetime:
        return Deadline(start=moment, days=days, calendar_days=calendar_days).due_at

    if isinstance(reference, dt.datetime):
        return after(reference)
    due_day = after(_moment(reference))
    return _moment(due_day.date() + dt.timedelta(days=1))


def _working_days_late(deadline: dt.datetime, moment: dt.datetime) -> float:
    # Published on the weekend after a Friday deadline is late too, by less than a working day.
    return max(0.1, round(working_days_between(timezone.localtime(deadline), timezone.localtime(moment)), 1))


def deadline_summary(
    plan: Plan,
    *,
    start: dt.date,
    end: dt.date,
    now: dt.datetime | None = None,
    lines: list[CategoryLine] | None = None,
    queries: ItemQueries | None = None,
    units: dict[int, Unit] | None = None,
) -> DeadlineSummary:
    """Items published `start`-`end` under a rule measured item by item, and the late ones (newest first);
    plus drafts whose deadline has passed (overdue, not published) (`deadline_summaries` with one plan)."""
    return deadline_summaries(
        [plan],
        start=start,
        end=end,
        now=now,
        lines=[lines] if lines is not None else None,
        queries=queries or ItemQueries(plan.agency),
        units=units if units is not None else agency_units(plan.agency),
    )[0]


class _Holders:
    """Which of several plans have a line whose category holds a page: by the page's ancestors' paths,
    not by comparing it with every plan's every line."""

    def __init__(self, lines_of: list[list[CategoryLine]]):
        self.lines_of = lines_of
        self._by_path: dict[str, set[int]] = defaultdict(set)
        for index, lines in enumerate(lines_of):
            for line in lines:
                if line.category is not None:
                    self._by_path[line.category.path].add(index)

    def lines(self, path: str):
        """(plan's position, the deepest of its lines holding the page at `path`) for each plan with one."""
        step = Page.steplen
        holders = set().union(*(self._by_path.get(path[:end], ()) for end in range(step, len(path) + 1, step)))
        for index in sorted(holders):
            yield index, line_of(self.lines_of[index], path)


def deadline_summaries(
    plans: list[Plan],
    *,
    start: dt.date,
    end: dt.date,
    now: dt.datetime | None = None,
    lines: list[list[CategoryLine]] | None = None,
    queries: ItemQueries | None = None,
    units: dict[int, Unit] | None = None,
) -> list[DeadlineSummary]:
    """`deadline_summary` of each of `plans` (in their order), in the queries of one: every plan's ruled
    categories read together, each item measured against the deepest line of each plan holding it.
    `lines`: each plan's; `queries` as for `category_progress_of`; `units`: the units by id (of the
    plans' agency, or of every agency, unless given)."""
    if not plans:
        return []
    now = now or timezone.now()
    lines_of = lines if lines is not None else [category_lines(plan) for plan in plans]
    queries = queries or _queries_of(plans)
    if units is None:
        units = agency_units(_one_agency(plans))
    summaries = [DeadlineSummary() for _plan in plans]
    ruled_of = [
        [line for line in lines if line.category is not None and line.deadline_rule in ITEM_DEADLINE_RULES]
        for lines in lines_of
    ]
    by_reference_of = [
        [line for line in ruled if line.deadline_rule != DeadlineRule.AFTER_ORIGINAL] for ruled in ruled_of
    ]
    by_original_of = [
        [line for line in ruled if line.deadline_rule == DeadlineRule.AFTER_ORIGINAL] for ruled in ruled_of
    ]
    by_reference = [line for lines in by_reference_of for line in lines]
    if not by_reference and not any(by_original_of):
        return summaries
    holders = _Holders(lines_of)
    period = Q(first_published_at__gte=_moment(start), first_published_at__lt=_moment(end + dt.timedelta(days=1)))
    late: list[list[LateItem]] = [[] for _plan in plans]
    for item_type in item_types():
        unit_field = f"{item_type.unit_field}_id" if item_type.unit_field else None
        columns = ["pk", "title", "path", "first_published_at", *([unit_field] if unit_field else [])]
        if by_reference and item_type.reference_date_field:
            reference = item_type.reference_date_field
            # The categories as path prefixes (LIKE): SQLite reads each through the tree index, unordered.
            paths = [line.category.path for line in by_reference]
            inside = _below_any_q(paths, few=_startswith_q)
            published = queries.published(item_type).filter(inside, period).exclude(**{f"{reference}__isnull": True})
            drafts = (
                item_type.objects()
                .filter(_below_any_q(paths, few=any_subtree_q), live=False)
                .exclude(**{f"{reference}__isnull": True})
                .filter(**{f"{reference}__gte": start - dt.timedelta(days=60), f"{reference}__lte": end})
            )
            for source, is_live in ((published, True), (drafts, False)):
                # Unordered (the late ones are sorted below): in the pages' order by path, the
                # databases read the whole tree index to skip a sort.
                for values in source.order_by().values_list(*columns, reference):
                    pk, title, path, first_published, *rest = values
                    unit_id = rest[0] if unit_field else None
                    reference_value = rest[-1]
                    for index, line in holders.lines(path):
                        if line is None or line not in by_reference_of[index]:
                            continue
                        deadline = deadline_of(
                            reference_value, line.deadline_days, calendar_days=line.deadline_in_calendar_days
                        )
                        if is_live:
                            summaries[index].measured += 1
                            if first_published <= deadline:
                                continue
                            moment, published_at = first_published, first_published
                        else:
                            if deadline >= now:
                                continue
                            moment, published_at = now, None
                        late[index].append(
                            LateItem(
                                page_id=pk,
                                title=title,
                                line=line,
                                reference=reference_value,
                                deadline=deadline,
                                published=published_at,
                                working_days_late=_working_days_late(deadline, moment),
                                unit=units.get(unit_id),
                            )
                        )
    if any(by_original_of):
        found = _late_translations(
            holders, by_original_of, period=period, queries=queries, units=units, summaries=summaries
        )
        for index, items in enumerate(found):
            late[index] += items
    for summary, items in zip(summaries, late, strict=True):
        items.sort(key=lambda item: (item.published is not None, -(item.published or item.deadline).timestamp()))
        summary.late = items
    return summaries


def _late_translations(
    holders: _Holders,
    by_original_of: list[list[CategoryLine]],
    *,
    period: Q,
    queries: ItemQueries,
    units: dict[int, Unit],
    summaries: list[DeadlineSummary],
) -> list[list[LateItem]]:
    """Each plan's translations published in `period` later than their rule allows after the original.

    Read as pages, all types and plans at once (two queries: the translations counted and the candidates
    found, then the candidates read); only the late ones' units by type. A translation is measured by
    each plan with a translated line's category above it.
    """
    paths = {line.category.path for lines in by_original_of for line in lines}
    inside = _below_any_q(paths, few=_startswith_q)
    # At most one original per translation (translation key and locale are unique together).
    originals = Page.objects.filter(
        queries.default_language_q(), translation_key=OuterRef("translation_key"), live=True
    ).order_by()
    original_published = Subquery(originals.values("first_published_at")[:1])
    translations = (
        queries.published_items().filter(inside, period).filter(queries.other_languages_q()).filter(Exists(originals))
    )
    # A working-day deadline is never sooner than as many calendar days: only later ones can be late.
    soonest = min(line.deadline_days for lines in by_original_of for line in lines)
    # Counted per plan: grouped by the pages' ancestors at the lines' depths, each group counted once by
    # each plan with a line at one of them; a candidate (published later than the soonest deadline) is a
    # group of its own, by its id. Each original is looked up once, in this one reading of the period's
    # translations (read again for the candidates, 4,000 originals were looked up twice a year).
    prefixes = {f"p{length}": Substr("path", 1, length) for length in sorted({len(path) for path in paths})}
    candidate = Case(When(first_published_at__gt=PlusDays(original_published, days=soonest), then="pk"))
    plan_paths = [{line.category.path for line in lines} for lines in by_original_of]
    candidate_ids = []
    for *ancestors, candidate_id, number in (
        translations.order_by()
        .annotate(**prefixes, candidate=candidate)
        .values(*prefixes, "candidate")
        .annotate(n=Count("pk"))
        .values_list(*prefixes, "candidate", "n")
    ):
        for index, own in enumerate(plan_paths):
            if own.intersection(ancestors):
                summaries[index].measured += number
        if candidate_id is not None:
            candidate_ids.append(candidate_id)
    candidates = Page.objects.filter(pk__in=candidate_ids).annotate(original_published=original_published)
    found = []
    for pk, title, path, first_published, original in candidates.order_by().values_list(
        "pk", "title", "path", "first_published_at", "original_published"
    ):
        for index, line in holders.lines(path):
            if line is None or line not in by_original_of[index]:
                continue
            deadline = deadline_of(original, line.deadline_days, calendar_days=line.deadline_in_calendar_days)
            if first_published > deadline:
                found.append((index, pk, title, line, original, deadline, first_published))
    unit_of: dict[int, int | None] = {}
    late_ids = sorted({row[1] for row in found})
    for item_type in item_types():
        if late_ids and item_type.unit_field:
            unit_column = f"{item_type.unit_field}_id"
            unit_of |= dict(item_type.model.objects.filter(pk__in=late_ids).values_list("pk", unit_column))
    late: list[list[LateItem]] = [[] for _lines in by_original_of]
    for index, pk, title, line, original, deadline, first_published in found:
        late[index].append(
            LateItem(
                page_id=pk,
                title=title,
                line=line,
                reference=original,
                deadline=deadline,
                published=first_published,
                working_days_late=_working_days_late(deadline, first_published),
                unit=units.get(unit_of.get(pk)),
            )
        )
    return late


# --- units -----------------------------------------------------------------------------------


@dataclass
class UnitMonths:
    unit: Unit
    monthly_minimum: int | None
    counts: list[int]  # one per month shown

    @property
    def total(self) -> int:
        return sum(self.counts)

    def met(self) -> list[bool | None]:
        if self.monthly_minimum is None:
            return [None for _count in self.counts]
        return [count >= self.monthly_minimum for count in self.counts]

    @property
    def cells(self) -> list[tuple[int, bool | None]]:
        return list(zip(self.counts, self.met(), strict=True))


def unit_contributions(
    plan: Plan,
    *,
    start: dt.date,
    end: dt.date,
    queries: ItemQueries | None = None,
    units: dict[int, Unit] | None = None,
    per_day_and_unit: dict | None = None,
) -> tuple[list[dt.date], list[UnitMonths]]:
    """Items each unit contributed (Vietnamese originals) per month from `start` to `end`, against its minimum."""
    units = units if units is not None else agency_units(plan.agency)
    if per_day_and_unit is None:
        per_day_and_unit = items_per_day_and_unit(start=start, end=end, queries=queries or ItemQueries(plan.agency))
    months = []
    cursor = start.replace(day=1)
    while cursor <= end:
        months.append(cursor)
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    counts: dict[tuple[int, dt.date], int] = defaultdict(int)
    for (day, unit_id), number in per_day_and_unit.items():
        if unit_id is not None:
            counts[(unit_id, day.replace(day=1))] += number
    minimums = {minimum.unit_id: minimum.monthly_minimum for minimum in plan.unit_minimums.all()}
    shown = set(minimums) | {unit_id for unit_id, _month in counts}
    table = [
        UnitMonths(
            unit=units[unit_id],
            monthly_minimum=minimums.get(unit_id),
            counts=[counts.get((unit_id, month), 0) for month in months],
        )
        for unit_id in shown
        if unit_id in units
    ]
    table.sort(key=lambda row: (row.unit.sort_order, row.unit.name_vi))
    return months, table


# --- key tasks and anniversaries -------------------------------------------------------------


@dataclass(frozen=True)
class KeyTaskState:
    task: KeyTask
    due: dt.date
    overdue: bool
    current: bool


def key_task_states(plan: Plan, *, today: dt.date) -> list[KeyTaskState]:
    states = []
    for task in plan.key_tasks.all():
        _first, due = quarter_bounds(plan.year, task.quarter_to)
        begins, _last = quarter_bounds(plan.year, task.quarter_from)
        finished = task.status == KeyTask.Status.DONE
        states.append(
            KeyTaskState(task=task, due=due, overdue=not finished and today > due, current=begins <= today <= due)
        )
    return states


@dataclass(frozen=True)
class UpcomingAnniversary:
    anniversary: Anniversary
    on: dt.date
    years: int
    days_away: int


def _occurrence(original: dt.date, year: int) -> dt.date:
    try:
        return original.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)


def upcoming_anniversaries(
    *, today: dt.date, weeks: int, agency: AgencySettings | None = None
) -> list[UpcomingAnniversary]:
    """Round anniversaries (5, 10, 15... years) falling from `today` to `weeks` weeks ahead, soonest first:
    `agency`'s own (each agency keeps its list); every agency's where none is named (a command, a test)."""
    return anniversaries_between(start=today, end=today + dt.timedelta(weeks=weeks), agency=agency)


def anniversaries_between(
    *, start: dt.date, end: dt.date, agency: AgencySettings | None = None
) -> list[UpcomingAnniversary]:
    """Round anniversaries of `agency` falling from `start` to `end` inclusive, soonest first (the
    dashboard's weeks ahead, the editorial calendar's week); `days_away` is counted from `start`."""
    upcoming = []
    anniversaries = Anniversary.objects.select_related("unit")
    if agency is not None:
        anniversaries = anniversaries.filter(agency=agency)
    for anniversary in anniversaries:
        for year in range(start.year, end.year + 1):
            on = _occurrence(anniversary.date, year)
            years = year - anniversary.date.year
            if start <= on <= end and years > 0 and years % ROUND_EVERY_YEARS == 0:
                upcoming.append(UpcomingAnniversary(anniversary, on, years, (on - start).days))
    upcoming.sort(key=lambda entry: (entry.on, entry.anniversary.name_vi))
    return upcoming


# --- the editorial calendar ------------------------------------------------------------------

SCHEDULED, IN_REVIEW, PUBLISHED = "scheduled", "in_review", "published"
CALENDAR_LABELS = {SCHEDULED: _("scheduled"), IN_REVIEW: _("in review"), PUBLISHED: _("published")}


@dataclass(frozen=True)
class CalendarEntry:
    page_id: int
    title: str
    state: str
    moment: dt.datetime
    line: CategoryLine | None
    unit: Unit | None

    @property
    def state_label(self) -> str:
        return CALENDAR_LABELS[self.state]


def editorial_calendar(
    plan: Plan | None,
    *,
    start: dt.date,
    end: dt.date,
    category: Page | None = None,
    unit: Unit | None = None,
    limit: int = 300,
    agency: AgencySettings | None = None,
) -> dict[dt.date, list[CalendarEntry]]:
    """What is scheduled, in review and published each day from `start` to `end` on `agency`'s site
    (the plan's agency's unless named), optionally for one category (and what lies below it) and one unit."""
    agency = agency if agency is not None else (plan.agency if plan else None)
    lines = category_lines(plan) if plan else []
    units = agency_units(agency)
    own = (agency_pages_q(agency) if agency is not None else None) or Q()
    low, high = _moment(start), _moment(end + dt.timedelta(days=1))
    scheduled = dict(
        Revision.page_revisions.filter(approved_go_live_at__gte=low, approved_go_live_at__lt=high)
        .order_by("approved_go_live_at")
        .values_list("object_id", "approved_go_live_at")[:limit]
    )
    in_review = dict(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            created_at__gte=low,
            created_at__lt=high,
        )
        .order_by("created_at")
        .values_list("object_id", "created_at")[:limit]
    )
    days: dict[dt.date, list[CalendarEntry]] = {start + dt.timedelta(days=n): [] for n in range((end - start).days + 1)}
    for item_type in item_types():
        unit_field = f"{item_type.unit_field}_id" if item_type.unit_field else None
        base = item_type.objects().filter(own)
        if category is not None:
            base = base.filter(subtree_q(category.path))
        if unit is not None:
            if not unit_field:
                continue
            base = base.filter(**{unit_field: unit.pk})
        columns = ["pk", "title", "path", *([unit_field] if unit_field else [])]
        wanted = (
            (PUBLISHED, base.filter(live=True, first_published_at__gte=low, first_published_at__lt=high), None),
            (SCHEDULED, base.filter(pk__in=[int(pk) for pk in scheduled]), scheduled),
            (IN_REVIEW, base.filter(pk__in=[int(pk) for pk in in_review]), in_review),
        )
        for state, queryset, moments in wanted:
            extra = ["first_published_at"] if moments is None else []
            for values in queryset.values_list(*columns, *extra)[:limit]:
                pk, title, path, *rest = values
                unit_id = rest[0] if unit_field else None
                moment = rest[-1] if moments is None else moments[str(pk)]
                day = timezone.localtime(moment).date()
                if day in days:
                    days[day].append(CalendarEntry(pk, title, state, moment, line_of(lines, path), units.get(unit_id)))
    for entries in days.values():
        entries.sort(key=lambda entry: entry.moment)
    return days


# --- the dashboard ---------------------------------------------------------------------------


@dataclass
class Dashboard:
    plan: Plan
    today: dt.date
    start: dt.date
    end: dt.date
    progress: list[CategoryProgress]
    weeks: list[WeekCount]
    deadlines: DeadlineSummary
    months: list[dt.date]
    units: list[UnitMonths]
    key_tasks: list[KeyTaskState]
    anniversaries: list[UpcomingAnniversary]

    @property
    def stale(self) -> list[CategoryProgress]:
        return [entry for entry in self.progress if entry.empty or entry.stale]

    @property
    def behind(self) -> list[CategoryProgress]:
        return [entry for entry in self.progress if entry.status == BEHIND]

    @property
    def judged_weeks(self) -> list[WeekCount]:
        return [week for week in self.weeks if not week.partial]

    @property
    def weeks_within(self) -> int:
        return sum(1 for week in self.judged_weeks if week.status == WITHIN)

    @property
    def average_per_week(self) -> float:
        judged = self.judged_weeks
        return round(sum(week.count for week in judged) / len(judged), 1) if judged else 0.0

    @property
    def total_published(self) -> int:
        return sum(week.count for week in self.weeks)


PLANNING_GENERATION_KEY = "planning:generation"


def planning_generation() -> int:
    """A number that changes whenever a plan, its rows or the anniversaries change (signal_handlers)."""
    return cache.get_or_set(PLANNING_GENERATION_KEY, 1, timeout=None)


def bump_planning_generation() -> None:
    try:
        cache.incr(PLANNING_GENERATION_KEY)
    except ValueError:  # evicted or never set
        cache.set(PLANNING_GENERATION_KEY, 2, timeout=None)


def plan_dashboard(plan: Plan, *, today: dt.date | None = None, now: dt.datetime | None = None) -> Dashboard:
    """Everything the board's dashboard shows for `plan`, as of `today` (the year so far)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    now = min(now, _moment(today + dt.timedelta(days=1)))  # a day in the past is seen as of its end
    start, year_end = year_bounds(plan.year)
    end = max(start, min(today, year_end))
    lines = category_lines(plan)
    queries = ItemQueries(plan.agency)
    units = agency_units(plan.agency)
    per_day_and_unit = items_per_day_and_unit(start=start, end=end, queries=queries) if today >= start else {}
    months, unit_rows = unit_contributions(plan, start=start, end=end, units=units, per_day_and_unit=per_day_and_unit)
    return Dashboard(
        plan=plan,
        today=today,
        start=start,
        end=end,
        progress=category_progress(plan, today=today, lines=lines, queries=queries),
        weeks=weekly_frequency(plan, start=start, end=end, per_day_and_unit=per_day_and_unit) if today >= start else [],
        deadlines=deadline_summary(plan, start=start, end=end, now=now, lines=lines, queries=queries, units=units),
        months=months if today >= start else [],
        units=unit_rows,
        key_tasks=key_task_states(plan, today=today),
        anniversaries=upcoming_anniversaries(today=today, weeks=plan.anniversary_weeks_ahead, agency=plan.agency),
    )
