"""Reads of the ledger: what is due, the budget, payment sheets and the figures for the plan."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.figures import Figure, FigureSection
from portal.core.models import AgencySettings
from portal.core.templatetags.portal_tags import money

from .models import Kind, RoyaltyEntry, RoyaltyPeriod, RoyaltySchedule
from .words import amount_in_words

APPROACHING_DAYS = 14  # an unpaid entry shows on the dashboard two weeks before it falls due


def agency_entries_q(agency: AgencySettings | None) -> Q:
    """A filter on the ledger: the entries of `agency` (the default site's agency's unless named): those
    of the works its schedules pay and its own monthly administration fee."""
    if agency is not None and agency.pk:
        return Q(agency=agency)
    return Q(agency__site__is_default_site=True)


def entries_of(agency: AgencySettings | None):
    """The ledger entries of `agency` (the default site's agency's unless named)."""
    return RoyaltyEntry.objects.filter(agency_entries_q(agency))


def periods_of(agency: AgencySettings | None):
    """The settlement periods of `agency` (the default site's agency's unless named), newest first."""
    if agency is not None and agency.pk:
        return RoyaltyPeriod.objects.filter(agency=agency)
    return RoyaltyPeriod.objects.filter(agency__site__is_default_site=True)


def schedules_of(agency: AgencySettings | None):
    """The royalty schedules of `agency` (the default site's agency's unless named)."""
    if agency is not None and agency.pk:
        return RoyaltySchedule.objects.filter(agency=agency)
    return RoyaltySchedule.objects.filter(agency__site__is_default_site=True)


def ledger_entries(agency: AgencySettings | None = None):
    """The ledger of `agency` (the default site's agency's unless named), with what its pages show."""
    entries = entries_of(agency)
    return entries.select_related("work", "payee_user", "period", "created_by", "corrects")


# --- Due --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueLine:
    title: str
    payee_name: str
    amount: int
    due_on: dt.date
    days_left: int
    entry_id: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def due_lines(
    *,
    today: dt.date | None = None,
    horizon_days: int = APPROACHING_DAYS,
    limit: int = 20,
    agency: AgencySettings | None = None,
) -> list[DueLine]:
    """Unsettled amounts still owed (by `agency` where named), by work and payee, due within `horizon_days`
    or past due, oldest first."""
    today = today or timezone.localdate()
    rows = (
        entries_of(agency)
        .filter(period__isnull=True)
        .values("work_id", "fee_month", "payee_key")
        .annotate(
            net=Sum("amount"),
            due=Min("due_on"),
            entry_id=Min("pk"),
            title=Max("work__title"),
            payee=Max("payee_name"),
            month=Max("fee_month"),
        )
        .filter(net__gt=0, due__lte=today + dt.timedelta(days=horizon_days))
        .order_by("due", "entry_id")[:limit]
    )
    lines = []
    for row in rows:
        title = row["title"] or _("Site administration, month %(month)s") % {
            "month": row["month"].strftime("%m/%Y") if row["month"] else ""
        }
        lines.append(
            DueLine(
                title=str(title),
                payee_name=row["payee"],
                amount=row["net"],
                due_on=row["due"],
                days_left=(row["due"] - today).days,
                entry_id=row["entry_id"],
            )
        )
    return lines


# --- Budget -----------------------------------------------------------------------------------


@dataclass
class BudgetLine:
    kind: str
    label: str
    planned: int
    spent: int = 0
    committed: int = 0
    forecast: int = 0

    @property
    def used(self) -> int:
        return self.spent + self.committed

    @property
    def over(self) -> bool:
        return self.forecast > self.planned


@dataclass
class Budget:
    year: int
    schedule: RoyaltySchedule | None
    lines: list[BudgetLine]
    elapsed_days: int
    year_days: int

    @property
    def planned(self) -> int:
        return sum(line.planned for line in self.lines)

    @property
    def spent(self) -> int:
        return sum(line.spent for line in self.lines)

    @property
    def committed(self) -> int:
        return sum(line.committed for line in self.lines)

    @property
    def forecast(self) -> int:
        return sum(line.forecast for line in self.lines)

    @property
    def over(self) -> bool:
        return self.forecast > self.planned

    def chart(self) -> dict:
        """Geometry of the bar chart (one bar per line: spent, committed, plan and forecast marks)."""
        scale = max([1, *(max(line.planned, line.forecast, line.used) for line in self.lines)])
        width, label_width, row = 420, 0, 34
        bars = []
        for index, line in enumerate(self.lines):
            y = 8 + index * row
            bars.append(
                {
                    "line": line,
                    "y": y,
                    "text_y": y + 12,
                    "bar_y": y + 16,
                    "spent_width": round(width * line.spent / scale, 1),
                    "committed_x": round(width * line.spent / scale, 1),
                    "committed_width": round(width * line.committed / scale, 1),
                    "planned_x": round(width * line.planned / scale, 1),
                    "forecast_x": round(width * line.forecast / scale, 1),
                }
            )
        return {"bars": bars, "width": width + label_width + 20, "height": 16 + row * len(self.lines), "plot": width}


def budget_years(agency: AgencySettings | None = None) -> list[int]:
    return list(schedules_of(agency).values_list("year", flat=True))


def budget_for_year(*, year: int, today: dt.date | None = None, agency: AgencySettings | None = None) -> Budget:
    """The year's budget of `agency` (the default site's agency's unless named) by line: spent (settled),
    committed (recorded, not settled) and the forecast.

    The forecast carries the pace so far (amounts recorded per day elapsed) to the end of the year.
    """
    today = today or timezone.localdate()
    schedule = schedules_of(agency).filter(year=year).prefetch_related("rates").first()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_days = (end - start).days + 1
    elapsed = max(0, min((min(today, end) - start).days + 1, year_days))
    sums = (
        entries_of(agency)
        .filter(accounting_date__range=(start, end))
        .values("kind")
        .annotate(
            spent=Sum("amount", filter=Q(period__status=RoyaltyPeriod.STATUS_SETTLED)),
            committed=Sum("amount", filter=Q(period__isnull=True)),
        )
    )
    by_kind = {row["kind"]: row for row in sums}
    labels = dict(Kind.choices)
    lines = []
    planned = {rate.kind: rate.planned_amount for rate in schedule.rates.all()} if schedule else {}
    fee = schedule.rate_for(Kind.ADMINISTRATION) if schedule else None
    months_charged = entries_of(agency).filter(entry_type=RoyaltyEntry.TYPE_FEE, fee_month__year=year).count()
    for kind in [*planned, *(kind for kind in by_kind if kind not in planned)]:
        row = by_kind.get(kind, {})
        line = BudgetLine(
            kind=kind,
            label=str(labels.get(kind, kind)),
            planned=planned.get(kind, 0),
            spent=row.get("spent") or 0,
            committed=row.get("committed") or 0,
        )
        if kind == Kind.ADMINISTRATION and fee and fee.amount:
            # The fee is known in advance: what is charged plus the months still to come.
            line.forecast = line.used + fee.amount * max(0, 12 - months_charged)
        else:
            line.forecast = round(line.used * year_days / elapsed) if elapsed else 0
        lines.append(line)
    return Budget(year=year, schedule=schedule, lines=lines, elapsed_days=elapsed, year_days=year_days)


# --- Payment sheets ---------------------------------------------------------------------------


@dataclass
class SheetLine:
    work_title: str
    day: dt.date | None
    kind: str
    amount: int
    note: str = ""
    fee_month: dt.date | None = None

    # Labels are read when the sheet is drawn, so an export in Vietnamese is Vietnamese throughout.
    @property
    def title(self) -> str:
        if self.work_title:
            return self.work_title
        return _("Site administration, month %(month)s") % {"month": self.fee_month.strftime("%m/%Y")}

    @property
    def kind_label(self) -> str:
        return str(dict(Kind.choices)[self.kind])


@dataclass
class SheetPerson:
    name: str
    pen_name: str = ""
    unit_ref: object = None  # units.Unit, named in the language the sheet is drawn in
    bank_account_holder: str = ""
    bank_account_number: str = ""
    bank_name: str = ""
    lines: list[SheetLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def unit(self) -> str:
        return self.unit_ref.name if self.unit_ref else ""


@dataclass
class PaymentSheet:
    period: RoyaltyPeriod
    people: list[SheetPerson]
    draft: bool

    @property
    def total(self) -> int:
        return sum(person.total for person in self.people)

    @property
    def total_in_words(self) -> str:
        return amount_in_words(self.total)

    @property
    def line_count(self) -> int:
        return sum(len(person.lines) for person in self.people)


def sheet_entries(period: RoyaltyPeriod):
    """A settled period's entries; for an open one, what settling it now would take (a draft): its agency's."""
    if period.is_settled:
        entries = RoyaltyEntry.objects.filter(period=period)
    else:
        entries = RoyaltyEntry.objects.filter(
            agency=period.agency_id, period__isnull=True, accounting_date__range=(period.start, period.end)
        )
    return entries.select_related("work", "payee_user__staff_profile__unit").order_by("accounting_date", "pk")


def payment_sheet(*, period: RoyaltyPeriod) -> PaymentSheet:
    """Per person: name, pen name, unit, bank account, the works paid with dates, amounts and total.

    Corrections are netted into the line of the work they correct; lines and people that come to
    zero (an item unpublished before settlement) are left out.
    """
    people: dict[str, SheetPerson] = {}
    lines: dict[tuple, SheetLine] = {}
    notes: dict[tuple, list[str]] = defaultdict(list)
    for entry in sheet_entries(period):
        person = people.get(entry.payee_key)
        if person is None:
            person = people[entry.payee_key] = _sheet_person(entry)
        key = (entry.payee_key, entry.work_id, entry.fee_month)
        line = lines.get(key)
        if line is None:
            day = entry.work.published_on if entry.work_id else entry.fee_month
            line = lines[key] = SheetLine(
                work_title=entry.work.title if entry.work_id else "",
                day=day,
                kind=entry.kind,
                amount=0,
                fee_month=entry.fee_month,
            )
            person.lines.append(line)
        line.amount += entry.amount
        if entry.entry_type == RoyaltyEntry.TYPE_ADJUSTMENT and entry.reason:
            notes[key].append(entry.reason)
    for key, reasons in notes.items():
        lines[key].note = "; ".join(reasons)
    result = []
    for person in people.values():
        person.lines = [line for line in person.lines if line.amount]
        if person.lines:
            result.append(person)
    result.sort(key=lambda person: _sort_key(person.name))
    return PaymentSheet(period=period, people=result, draft=not period.is_settled)


def _sheet_person(entry: RoyaltyEntry) -> SheetPerson:
    user = entry.payee_user
    profile = getattr(user, "staff_profile", None) if user is not None else None
    if profile is None:
        return SheetPerson(name=entry.payee_name)
    return SheetPerson(
        name=user.get_full_name() or entry.payee_name,
        pen_name=profile.pen_name,
        unit_ref=profile.unit,
        bank_account_holder=profile.bank_account_holder,
        bank_account_number=profile.bank_account_number,
        bank_name=profile.bank_name,
    )


def _sort_key(name: str) -> tuple:
    # Vietnamese lists sort by given name (the last word), then the whole name.
    from portal.core.text import fold

    folded = fold(name)
    return (folded.split()[-1] if folded.split() else "", folded)


# --- Figures for the plan dashboard and the quarterly report ----------------------------------


def royalty_figures(*, start: dt.date, end: dt.date, agency: AgencySettings | None = None) -> FigureSection:
    """Royalties of `agency` paid and committed in the period against its budget for the same days."""
    entries = entries_of(agency).filter(accounting_date__range=(start, end))
    totals = entries.aggregate(
        paid=Sum("amount", filter=Q(period__status=RoyaltyPeriod.STATUS_SETTLED)),
        committed=Sum("amount", filter=Q(period__isnull=True)),
    )
    paid, committed = totals["paid"] or 0, totals["committed"] or 0
    budget = _budget_between(start, end, agency=agency)
    works = (
        entries.filter(entry_type=RoyaltyEntry.TYPE_ACCRUAL, work__isnull=False).values("work_id").distinct().count()
    )
    within = paid + committed <= budget if budget else None
    target = _("≤ %(budget)s (budget for the period)") % {"budget": money(budget)} if budget else ""
    return FigureSection(
        key="royalties",
        title=str(_("Royalties and fees")),
        figures=(
            Figure(label=str(_("Works paid for")), value=works),
            Figure(label=str(_("Paid (settled)")), value=money(paid)),
            Figure(label=str(_("Committed, not yet settled")), value=money(committed)),
            Figure(label=str(_("Paid and committed")), value=money(paid + committed), target=str(target), ok=within),
        ),
    )


def _budget_between(start: dt.date, end: dt.date, *, agency: AgencySettings | None = None) -> int:
    """The budget of the days start..end: each year's budget in proportion to its days in the range."""
    total = 0
    adopted = schedules_of(agency).prefetch_related("rates")
    schedules = {schedule.year: schedule for schedule in adopted}
    for year in range(start.year, end.year + 1):
        schedule = schedules.get(year)
        if schedule is None:
            continue
        first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
        year_days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
        total += round(schedule.budget * ((last - first).days + 1) / year_days)
    return total
