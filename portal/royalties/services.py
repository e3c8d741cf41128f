"""The royalty rules: what a published work earns, who is paid, corrections and settlement.

Every entry point (the publishing signals, the admin, the commands, the scheduler, the demo)
calls these functions. The ledger is append-only: the functions here only ever add entries,
and none is added to a settled period (`_write_entry` refuses it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from portal.core.models import AgencySettings
from portal.core.text import fold
from portal.planning.agencies import page_agency

from .models import (
    Kind,
    RoyaltyAssessment,
    RoyaltyEntry,
    RoyaltyPeriod,
    RoyaltyRate,
    RoyaltySchedule,
    RoyaltyWork,
)
from .permissions import entry_policy, period_policy

logger = logging.getLogger(__name__)

PERM_ASSESS = "royalties.change_royaltyassessment"
PERM_VIEW_SCHEDULE = "royalties.view_royaltyschedule"


class RoyaltyError(Exception):
    """A refusal with a message for the user (already translated)."""


class PeriodLocked(RoyaltyError):
    pass


# --- Who may do what (the permission policies of portal.royalties.permissions) ---------------


def can_view_ledger(user) -> bool:
    return user.is_active and entry_policy.user_has_permission(user, "view")


def can_adjust(user, entry: RoyaltyEntry | None = None) -> bool:
    """May `user` adjust entries (`entry`: this one, of their agency)?"""
    if entry is not None:
        return user.is_active and entry_policy.user_has_permission_for_instance(user, "adjust", entry)
    return user.is_active and entry_policy.user_has_permission(user, "adjust")


def can_settle(user, period: RoyaltyPeriod | None = None) -> bool:
    """May `user` open and settle periods (`period`: this one, of their agency)?"""
    if period is not None:
        return user.is_active and period_policy.user_has_permission_for_instance(user, "settle", period)
    return user.is_active and period_policy.user_has_permission(user, "settle")


def can_assess(user) -> bool:
    return user.is_active and user.has_perm(PERM_ASSESS)


def can_view_budget(user) -> bool:
    return user.is_active and (user.has_perm(PERM_VIEW_SCHEDULE) or can_view_ledger(user))


# --- What a page is worth ---------------------------------------------------------------------


def kind_of_page(page: Page) -> str | None:
    """The kind of work a page is, or None when publishing it earns nothing."""
    from portal.news.models import ArticlePage

    language = (page.locale.language_code if page.locale_id else "vi").split("-")[0]
    if isinstance(page, ArticlePage):
        if page.source_kind == ArticlePage.SOURCE_COLLECTED:
            return Kind.COLLECTED_ITEM
        return {"vi": Kind.VIETNAMESE_ITEM, "en": Kind.ENGLISH_ITEM}.get(language)
    declared = getattr(type(page), "royalty_kind", None)
    # A declared kind (photo albums) is paid for the original only, not for each translation of it.
    if declared in Kind.values and language == "vi":
        return declared
    return None


def schedule_in_force(day: dt.date, *, agency=None) -> RoyaltySchedule | None:
    """The schedule of the day's year of `agency` (the default site's agency's unless named); a year without
    one keeps the last one adopted."""
    owner = {"agency": agency} if agency is not None and agency.pk else {"agency__site__is_default_site": True}
    schedules = RoyaltySchedule.objects.filter(year__lte=day.year, **owner)
    return schedules.prefetch_related("rates").order_by("-year").first()


def payee_key(user, name: str) -> str:
    return f"u:{user.pk}" if user is not None else f"n:{' '.join(fold(name).split())}"


def payee_display_name(user, name: str) -> str:
    if user is not None:
        return user.get_full_name() or user.get_username()
    return " ".join(name.split())


def payees_for(page: Page) -> list[tuple[object, str, int]]:
    """(user or None, name, share weight) of who is paid for a page: the named authors, else its owner.

    Without either, the byline is paid by name (outside collaborators have no account).
    """
    authors = list(page.royalty_authors.select_related("user")) if hasattr(page, "royalty_authors") else []
    if authors:
        return [(author.user, author.name, author.share_percent) for author in authors]
    if page.owner_id:
        return [(page.owner, "", 100)]
    byline = (getattr(page, "author_name", "") or "").strip()
    return [(None, byline or _("Author not named"), 100)]


def split_amount(total: int, weights: list[int]) -> list[int]:
    """Split whole đồng by weights; the remainder goes to the largest fractions, so the parts add up exactly."""
    whole = sum(weights)
    parts = [total * weight // whole for weight in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _coefficient_for(page: Page, rate: RoyaltyRate) -> Decimal | None:
    if rate.method != RoyaltyRate.METHOD_COEFFICIENT:
        return None
    assessment = RoyaltyAssessment.objects.filter(page_key=page.pk).first()
    chosen = assessment.coefficient if assessment else rate.usual_coefficient()
    return rate.coefficient_in_range(chosen)


def _original_amount(page: Page) -> int | None:
    """What the Vietnamese original earned, for a translation paid as a share of it."""
    originals = page.get_translations().filter(locale__language_code="vi").values_list("pk", flat=True)
    work = RoyaltyWork.objects.filter(page_key__in=list(originals)).first()
    return work.amount if work else None


def _published_on(page: Page) -> dt.date:
    return timezone.localdate(page.first_published_at or timezone.now())


# --- Periods and locking ----------------------------------------------------------------------


def agency_or_default(agency: AgencySettings | None) -> AgencySettings:
    """`agency`, or the default site's (the installation's own) where none is named: what the demo, the
    commands and an installation of one agency act on."""
    return agency if agency is not None and agency.pk else AgencySettings.load()


def _settled_period_on(day: dt.date, *, agency: AgencySettings, lock: bool = False) -> RoyaltyPeriod | None:
    periods = RoyaltyPeriod.objects.filter(agency=agency, start__lte=day, end__gte=day)
    if lock:
        # Waits for a settlement in progress, so an entry never slips into a period as it closes.
        periods = periods.select_for_update()
    return next((period for period in periods if period.is_settled), None)


def open_accounting_date(day: dt.date, *, agency: AgencySettings | None = None) -> dt.date:
    """The day itself, or the first day after `agency`'s settled periods that cover it."""
    agency = agency_or_default(agency)
    while (period := _settled_period_on(day, agency=agency)) is not None:
        day = period.end + dt.timedelta(days=1)
    return day


def _write_entry(**fields) -> RoyaltyEntry:
    """The only way entries are added: never into a settled period of the entry's agency."""
    fields["agency"] = agency_or_default(fields.get("agency"))
    period = _settled_period_on(fields["accounting_date"], agency=fields["agency"], lock=True)
    if period is not None:
        raise PeriodLocked(
            _("%(period)s is settled and locked: record the correction in an open period.") % {"period": period.label}
        )
    return RoyaltyEntry.objects.create(**fields)


def period_bounds(kind: str, year: int, number: int) -> tuple[dt.date, dt.date]:
    if kind == RoyaltyPeriod.KIND_QUARTER:
        if not 1 <= number <= 4:
            raise RoyaltyError(_("A quarter is numbered 1 to 4."))
        first_month, last_month = 3 * number - 2, 3 * number
    elif kind == RoyaltyPeriod.KIND_MONTH:
        if not 1 <= number <= 12:
            raise RoyaltyError(_("A month is numbered 1 to 12."))
        first_month = last_month = number
    else:
        raise RoyaltyError(_("Choose a month or a quarter."))
    return dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def period_open(*, kind: str, year: int, number: int, agency: AgencySettings | None = None) -> RoyaltyPeriod:
    """`agency`'s period (created if new; the default site's agency's unless named). An agency's periods
    never overlap, so an entry belongs to one period only; another agency's periods are no concern."""
    start, end = period_bounds(kind, year, number)
    periods = RoyaltyPeriod.objects.filter(agency=agency_or_default(agency))
    existing = periods.filter(kind=kind, year=year, number=number).first()
    if existing:
        return existing
    overlapping = periods.filter(start__lte=end, end__gte=start).first()
    if overlapping:
        raise RoyaltyError(_("This period overlaps %(period)s, which already exists.") % {"period": overlapping.label})
    try:
        with transaction.atomic():
            return RoyaltyPeriod.objects.create(
                agency=agency_or_default(agency), kind=kind, year=year, number=number, start=start, end=end
            )
    except IntegrityError:  # opened by someone else at the same moment
        return periods.get(kind=kind, year=year, number=number)


def period_settle(*, period: RoyaltyPeriod, user, today: dt.date | None = None) -> RoyaltyPeriod:
    """Settle a period that has ended: its agency's entries are assigned to it and locked for good."""
    if not can_settle(user, period):
        raise PermissionDenied
    today = today or timezone.localdate()
    with transaction.atomic():
        period = RoyaltyPeriod.objects.select_for_update().get(pk=period.pk)
        if period.is_settled:
            raise RoyaltyError(_("%(period)s is already settled.") % {"period": period.label})
        if period.end >= today:
            raise RoyaltyError(
                _("%(period)s can be settled once it has ended, from %(day)s.")
                % {"period": period.label, "day": (period.end + dt.timedelta(days=1)).strftime("%d/%m/%Y")}
            )
        entries = RoyaltyEntry.objects.filter(
            agency=period.agency_id, period__isnull=True, accounting_date__range=(period.start, period.end)
        )
        total = entries.aggregate(total=Sum("amount"))["total"] or 0
        count = entries.update(period=period)  # the one change an entry ever receives
        period.status = RoyaltyPeriod.STATUS_SETTLED
        period.settled_by = user
        period.settled_at = timezone.now()
        period.save(update_fields=["status", "settled_by", "settled_at"])
        log(instance=period, action="royalties.settle", user=user, data={"entries": count, "total": total})
    return period


# --- The ledger filled by publishing ----------------------------------------------------------


def work_record_publication(*, page_id: int, user=None) -> RoyaltyWork | None:
    """A page was published: pay its authors once. Republishing or editing pays nothing more.

    Safe to call any number of times, also at once from two processes: the work's unique page
    key lets one of them create it, and the other finds it (select_for_update) and stops.
    """
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or not page.live or page.alias_of_id:
        return None
    page = page.specific
    kind = kind_of_page(page)
    if kind is None:
        return None
    published_on = _published_on(page)
    schedule = schedule_in_force(published_on, agency=page_agency(page))  # paid by its own agency's schedule
    rate = schedule.rate_for(kind) if schedule else None
    if rate is None:
        # Before any schedule exists (a new site, the demo's first load) this is expected, not a warning.
        level = logging.WARNING if schedule else logging.INFO
        logger.log(level, "No royalty rate for %s on %s: %r earns nothing", kind, published_on, page.title)
        return None
    coefficient = _coefficient_for(page, rate)
    original = _original_amount(page) if rate.method == RoyaltyRate.METHOD_SHARE else None
    amount = rate.amount_for(coefficient=coefficient, original_amount=original)
    fields = {
        "page_id": page.pk,
        "title": page.title[:255],
        "kind": kind,
        "language": page.locale.language_code,
        "published_on": published_on,
        "schedule": schedule,
        "coefficient": coefficient,
        "amount": amount,
    }
    with transaction.atomic():
        work, created = RoyaltyWork.objects.get_or_create(page_key=page.pk, defaults=fields)
        if not created:
            work = RoyaltyWork.objects.select_for_update().get(pk=work.pk)
            if work.status == RoyaltyWork.STATUS_ACTIVE:
                return work  # paid already: republished or edited
            # Unpublished before settlement (so voided), now published again: payable again, once.
            for name, value in fields.items():
                setattr(work, name, value)
            work.status = RoyaltyWork.STATUS_ACTIVE
            work.generation += 1
            work.save()
        _accrue(work, page, user=user)
        log(instance=work, action="royalties.record", user=user, data={"amount": amount, "kind": kind})
    return work


def _accrue(work: RoyaltyWork, page: Page, *, user) -> list[RoyaltyEntry]:
    merged: dict[str, list] = {}
    for payee, name, weight in payees_for(page):
        key = payee_key(payee, name)
        if key in merged:  # the same author named twice: one entry with both shares
            merged[key][2] += weight
        else:
            merged[key] = [payee, name, weight]
    payees = list(merged.items())
    weights = [weight for _key, (_payee, _name, weight) in payees]
    parts = split_amount(work.amount, weights)
    due_on = work.published_on + dt.timedelta(days=work.schedule.payment_days)  # Decree 18: calendar days
    agency = work.schedule.agency  # the ledger of the agency whose schedule pays the work
    accounting_date = open_accounting_date(work.published_on, agency=agency)
    entries = []
    for (key, (payee, name, weight)), amount in zip(payees, parts, strict=True):
        entries.append(
            _write_entry(
                agency=agency,
                work=work,
                generation=work.generation,
                kind=work.kind,
                entry_type=RoyaltyEntry.TYPE_ACCRUAL,
                payee_key=key,
                payee_user=payee,
                payee_name=payee_display_name(payee, name)[:150],
                share_percent=round(100 * weight / sum(weights)),
                amount=amount,
                accounting_date=accounting_date,
                due_on=due_on,
                created_by=user,
            )
        )
    return entries


def work_void_on_unpublish(*, page_id: int, user=None) -> RoyaltyWork | None:
    """A page was unpublished (or deleted): void what it earned, unless that was already settled."""
    with transaction.atomic():
        work = RoyaltyWork.objects.select_for_update().filter(page_key=page_id).select_related("schedule").first()
        if work is None or work.status != RoyaltyWork.STATUS_ACTIVE:
            return work
        if Page.objects.filter(pk=page_id, live=True).exists():
            return work  # published again before this ran: still payable
        entries = list(work.entries.filter(generation=work.generation).select_related("agency"))
        if any(entry.period_id for entry in entries):
            logger.info("Royalty for %r already settled: unpublishing voids nothing", work.title)
            log(instance=work, action="royalties.void_refused", user=user)
            return work
        originals = {entry.payee_key: entry for entry in entries if entry.entry_type == RoyaltyEntry.TYPE_ACCRUAL}
        nets: dict[str, int] = defaultdict(int)
        for entry in entries:
            nets[entry.payee_key] += entry.amount
        for key, net in nets.items():
            if net == 0:
                continue
            original = originals[key]
            _write_entry(
                agency=original.agency,
                work=work,
                generation=work.generation,
                kind=work.kind,
                entry_type=RoyaltyEntry.TYPE_VOID,
                payee_key=key,
                payee_user=original.payee_user,
                payee_name=original.payee_name,
                share_percent=original.share_percent,
                amount=-net,
                accounting_date=open_accounting_date(original.accounting_date, agency=original.agency),
                due_on=original.due_on,
                corrects=original,
                reason=_("Unpublished before settlement"),
                created_by=user,
            )
        work.status = RoyaltyWork.STATUS_VOIDED
        work.save(update_fields=["status"])
        log(instance=work, action="royalties.void", user=user)
    return work


def backfill_published(*, report=None) -> int:
    """Record every live page that earns a royalty and has no work yet (a site adopting the ledger)."""
    from portal.news.models import ArticlePage

    recorded = set(RoyaltyWork.objects.values_list("page_key", flat=True))
    created = 0
    for page_id in ArticlePage.objects.live().exclude(pk__in=recorded).order_by("pk").values_list("pk", flat=True):
        if work_record_publication(page_id=page_id):
            created += 1
    if report:
        report(created)
    return created


# --- Corrections ------------------------------------------------------------------------------


def entry_net(entry: RoyaltyEntry) -> int:
    """What the entry pays now: its amount and every correction of it."""
    corrections = entry.corrections.aggregate(total=Sum("amount"))["total"] or 0
    return entry.amount + corrections


def entry_adjust(*, entry: RoyaltyEntry, new_amount: int, reason: str, user, today: dt.date | None = None):
    """The editor-in-chief corrects what an entry pays, with a reason: a new adjusting entry.

    Before settlement the adjustment joins the entry's period; after it, the next open period.
    """
    if not can_adjust(user, entry):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise RoyaltyError(_("Give the reason for the adjustment."))
    if new_amount < 0:
        raise RoyaltyError(_("The amount cannot be negative."))
    with transaction.atomic():
        entry = RoyaltyEntry.objects.select_for_update(of=("self",)).select_related("work", "agency").get(pk=entry.pk)
        if entry.entry_type not in (RoyaltyEntry.TYPE_ACCRUAL, RoyaltyEntry.TYPE_FEE):
            raise RoyaltyError(_("Adjust the original entry, not a correction of it."))
        if entry.work_id and entry.work.status != RoyaltyWork.STATUS_ACTIVE:
            raise RoyaltyError(_("This item was unpublished and its royalty voided."))
        current = entry_net(entry)
        if new_amount == current:
            raise RoyaltyError(_("The amount is unchanged."))
        base_day = entry.accounting_date if entry.period_id is None else (today or timezone.localdate())
        adjustment = _write_entry(
            agency=entry.agency,
            work=entry.work,
            generation=entry.generation,
            kind=entry.kind,
            entry_type=RoyaltyEntry.TYPE_ADJUSTMENT,
            payee_key=entry.payee_key,
            payee_user=entry.payee_user,
            payee_name=entry.payee_name,
            share_percent=entry.share_percent,
            amount=new_amount - current,
            accounting_date=open_accounting_date(base_day, agency=entry.agency),
            due_on=entry.due_on,
            fee_month=entry.fee_month,  # a fee's correction stays on the fee's month
            corrects=entry,
            reason=reason,
            created_by=user,
        )
        log(
            instance=adjustment,
            action="royalties.adjust",
            user=user,
            data={"entry": entry.pk, "from": current, "to": new_amount, "reason": reason},
        )
    return adjustment


def assessment_set(*, page: Page, coefficient: Decimal, note: str, user) -> RoyaltyAssessment:
    """An editor sets the coefficient of an item before it is published, within the schedule's range."""
    if not can_assess(user):
        raise PermissionDenied
    rate = assessable_rate(page)
    if rate is None:
        raise RoyaltyError(_("This item is paid a fixed amount: there is no coefficient to set."))
    if RoyaltyWork.objects.filter(page_key=page.pk, status=RoyaltyWork.STATUS_ACTIVE).exists():
        raise RoyaltyError(
            _("This item is published and its royalty recorded: the editor-in-chief adjusts it from the ledger.")
        )
    if not rate.coefficient_min <= coefficient <= rate.coefficient_max:
        raise RoyaltyError(
            _("Choose a coefficient from %(low)s to %(high)s.")
            % {"low": rate.coefficient_min, "high": rate.coefficient_max}
        )
    assessment, _created = RoyaltyAssessment.objects.update_or_create(
        page_key=page.pk, defaults={"page": page, "coefficient": coefficient, "note": note.strip(), "set_by": user}
    )
    log(instance=assessment, action="royalties.assess", user=user, data={"coefficient": str(coefficient)})
    return assessment


def assessable_rate(page: Page, *, day: dt.date | None = None) -> RoyaltyRate | None:
    """The coefficient rate the page would be paid at if published now, or None for a fixed amount."""
    kind = kind_of_page(page.specific)
    schedule = schedule_in_force(day or timezone.localdate(), agency=page_agency(page)) if kind else None
    rate = schedule.rate_for(kind) if schedule else None
    return rate if rate and rate.method == RoyaltyRate.METHOD_COEFFICIENT else None


# --- The monthly administration fee -----------------------------------------------------------


def admin_fee_accrue(*, month: dt.date, agency: AgencySettings | None = None) -> tuple[RoyaltyEntry | None, bool]:
    """Charge `agency`'s site administration fee of a month once (the default site's agency's unless named),
    at its own schedule's rate, to the administrator it names: (entry, created). None without a rate."""
    month = month.replace(day=1)
    agency = agency_or_default(agency)
    charged = RoyaltyEntry.objects.filter(agency=agency, entry_type=RoyaltyEntry.TYPE_FEE, fee_month=month)
    existing = charged.first()
    if existing:
        return existing, False
    schedule = schedule_in_force(month, agency=agency)
    rate = schedule.rate_for(Kind.ADMINISTRATION) if schedule else None
    if rate is None or not rate.amount:
        return None, False
    administrator = schedule.administrator
    name = "" if administrator else _("Site administrator")
    month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    try:
        with transaction.atomic():
            entry = _write_entry(
                agency=agency,
                kind=Kind.ADMINISTRATION,
                entry_type=RoyaltyEntry.TYPE_FEE,
                payee_key=payee_key(administrator, name),
                payee_user=administrator,
                payee_name=payee_display_name(administrator, name)[:150],
                amount=rate.amount,
                accounting_date=open_accounting_date(month, agency=agency),
                due_on=month_end + dt.timedelta(days=schedule.payment_days),
                fee_month=month,
            )
    except IntegrityError:  # charged by another process at the same moment
        return charged.get(), False
    return entry, True


def admin_fees_accrue_through(*, first: dt.date, last: dt.date, agency: AgencySettings | None = None) -> int:
    """Charge `agency`'s fee of every month from `first` to `last` not charged yet; the number charged now."""
    month, created, agency = first.replace(day=1), 0, agency_or_default(agency)
    while month <= last:
        created += admin_fee_accrue(month=month, agency=agency)[1]
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return created
