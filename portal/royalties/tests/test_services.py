"""The ledger's rules: paid once per publication, voided before settlement, locked after, corrected by new entries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from wagtail.models import Locale

from portal.news.models import ArticlePage, SectionPage
from portal.news.tests.factories import section
from portal.royalties import services
from portal.royalties.models import (
    Kind,
    LedgerIsAppendOnly,
    RoyaltyAuthor,
    RoyaltyEntry,
    RoyaltyPeriod,
    RoyaltySchedule,
    RoyaltyWork,
)

from .conftest import TEST_YEAR, noon

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
DAY = dt.date(TEST_YEAR, 3, 12)


def entries_of(page):
    return RoyaltyEntry.objects.filter(work__page_key=page.pk).order_by("pk")


def net_of(page) -> int:
    return entries_of(page).aggregate(total=Sum("amount"))["total"] or 0


def settle(year=TEST_YEAR, month=3, user=None):
    period = services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=year, number=month)
    return services.period_settle(period=period, user=user)


# --- The schedule seeded from Appendix II ------------------------------------------------------


def test_the_2017_schedule_holds_appendix_ii():
    schedule = RoyaltySchedule.objects.get(year=2017)
    rates = {rate.kind: (rate.amount, rate.planned_quantity, rate.planned_amount) for rate in schedule.rates.all()}
    assert rates == {
        Kind.VIETNAMESE_ITEM: (50_000, 300, 15_000_000),
        Kind.ENGLISH_ITEM: (50_000, 150, 7_500_000),
        Kind.COLLECTED_ITEM: (10_000, 200, 2_000_000),
        Kind.ADMINISTRATION: (150_000, 12, 1_800_000),
    }
    assert schedule.budget == 26_300_000


def test_a_year_without_its_own_schedule_keeps_the_last_one():
    assert services.schedule_in_force(dt.date(TEST_YEAR, 6, 1)).year == 2017


def test_unit_value_is_ten_percent_of_the_base_salary(coefficient_schedule):
    assert coefficient_schedule.unit_value == 149_000
    coefficient_schedule.unit_percent = 12
    assert coefficient_schedule.unit_value == 178_800


# --- Publishing fills the ledger ---------------------------------------------------------------


def test_first_publication_pays_the_byline_at_the_rate_in_force(publish):
    page = publish(on=DAY, author_name="Thanh Hương")
    [entry] = entries_of(page)
    assert (entry.payee_name, entry.amount, entry.kind) == ("Thanh Hương", 50_000, Kind.VIETNAMESE_ITEM)
    assert entry.accounting_date == DAY
    assert entry.due_on == DAY + dt.timedelta(days=60)


def test_republishing_and_editing_never_pay_twice(publish, committed):
    page = publish(on=DAY, author_name="Thanh Hương")
    for title in ("Sửa tiêu đề lần 1", "Sửa tiêu đề lần 2"):
        page.title = title
        with committed():
            page.save_revision().publish()
    with committed():
        services.work_record_publication(page_id=page.pk)  # the handler running again changes nothing
    assert entries_of(page).count() == 1
    assert net_of(page) == 50_000


def test_the_owner_is_paid_when_no_author_is_named(publish, user):
    page = publish(on=DAY, owner=user("contributor"), author_name="Bút danh khác")
    [entry] = entries_of(page)
    assert entry.payee_user == user("contributor")
    assert entry.payee_name == "Lê Thị Thu"


def test_named_authors_share_the_amount_exactly(publish, user, coefficient_schedule):
    authors = [RoyaltyAuthor(user=user("contributor"), share_percent=1), RoyaltyAuthor(name="Lê Na", share_percent=2)]
    page = publish(on=DAY, royalty_authors=authors, owner=user("unit_head"))
    # 1.0 × 149.000 split 1:2 -> 49.667 + 99.333 (the remainder goes to the larger fraction)
    assert [(entry.payee_name, entry.amount) for entry in entries_of(page)] == [
        ("Lê Thị Thu", 49_667),
        ("Lê Na", 99_333),
    ]
    assert net_of(page) == 149_000


def test_the_same_author_named_twice_is_paid_once_with_both_shares(publish, user):
    authors = [RoyaltyAuthor(user=user("contributor"), share_percent=50) for _ in range(2)]
    page = publish(on=DAY, royalty_authors=authors)
    [entry] = entries_of(page)
    assert (entry.payee_name, entry.amount) == ("Lê Thị Thu", 50_000)


def test_the_coefficient_the_editor_set_is_used_within_the_range(user, committed):
    schedule = services.schedule_in_force(services.timezone.localdate())
    schedule.rates.filter(kind=Kind.VIETNAMESE_ITEM).update(
        method="coefficient", amount=None, coefficient_min="1.0", coefficient_max="1.5", coefficient_default="1.0"
    )
    draft = section().add_child(instance=ArticlePage(title="Tin có hệ số", slug="tin-co-he-so", lead="T", live=False))
    with pytest.raises(services.RoyaltyError, match="from 1.00 to 1.50"):
        services.assessment_set(page=draft, coefficient=Decimal("2"), note="", user=user("category_editor"))
    with pytest.raises(PermissionDenied):
        services.assessment_set(page=draft, coefficient=Decimal("1.2"), note="", user=user("contributor"))
    services.assessment_set(page=draft, coefficient=Decimal("1.5"), note="Tin có ảnh", user=user("category_editor"))
    draft.author_name = "Hải Yến"
    with committed():
        draft.save_revision().publish()
    work = RoyaltyWork.objects.get(page_key=draft.pk)
    assert (work.coefficient, work.amount) == (Decimal("1.50"), 1.5 * schedule.unit_value)
    with pytest.raises(services.RoyaltyError, match="editor-in-chief"):
        services.assessment_set(page=draft, coefficient=Decimal("1.0"), note="", user=user("category_editor"))


def test_an_english_translation_earns_its_share_of_the_original(publish, coefficient_schedule, committed):
    original = publish(on=DAY, author_name="Hải Yến")
    with committed():
        translation = original.copy_for_translation(Locale.objects.get(language_code="en"))
        translation.title = "Translated item"
        translation.first_published_at = noon(DAY + dt.timedelta(days=1))
        translation.save()
        translation.save_revision().publish()
    [entry] = entries_of(translation)
    assert (entry.kind, entry.amount) == (Kind.ENGLISH_ITEM, 74_500)  # 50% of 1.0 × 149.000


def test_a_collected_item_earns_the_collected_rate(publish):
    page = publish(on=DAY, source_kind="collected", source_name="Báo Thừa Thiên Huế", author_name="Minh Thư")
    [entry] = entries_of(page)
    assert (entry.kind, entry.amount) == (Kind.COLLECTED_ITEM, 10_000)


def test_a_page_class_declaring_a_royalty_kind_is_paid_as_that_kind(monkeypatch):
    monkeypatch.setattr(SectionPage, "royalty_kind", Kind.PHOTO, raising=False)
    assert services.kind_of_page(SectionPage.objects.filter(locale__language_code="vi").first()) == Kind.PHOTO
    assert services.kind_of_page(SectionPage.objects.filter(locale__language_code="en").first()) is None


def test_other_pages_earn_nothing(committed):
    news = section()
    with committed():
        news.title = "Tin tức - Sự kiện"
        news.save_revision().publish()
    assert not RoyaltyWork.objects.filter(page_key=news.pk).exists()


# --- Unpublishing --------------------------------------------------------------------------------


def test_unpublishing_before_settlement_voids_and_republishing_pays_once_more(publish, committed):
    page = publish(on=DAY, author_name="Thanh Hương")
    with committed():
        page.unpublish()
    assert net_of(page) == 0
    assert RoyaltyWork.objects.get(page_key=page.pk).status == RoyaltyWork.STATUS_VOIDED
    [void] = entries_of(page).filter(entry_type=RoyaltyEntry.TYPE_VOID)
    assert void.amount == -50_000 and void.accounting_date == DAY
    with committed():
        page.save_revision().publish()
    with committed():
        page.save_revision().publish()
    assert net_of(page) == 50_000
    assert entries_of(page).count() == 3  # accrual, void, accrual again


def test_unpublishing_after_settlement_keeps_what_was_paid(publish, committed, user):
    page = publish(on=DAY, author_name="Thanh Hương")
    settle(user=user("accountant"))
    with committed():
        page.unpublish()
    assert net_of(page) == 50_000
    assert entries_of(page).count() == 1


def test_deleting_a_published_page_voids_its_royalty(publish, committed):
    page = publish(on=DAY, author_name="Thanh Hương")
    page_id = page.pk
    with committed():
        page.delete()
    work = RoyaltyWork.objects.get(page_key=page_id)
    assert work.status == RoyaltyWork.STATUS_VOIDED
    assert work.entries.aggregate(total=Sum("amount"))["total"] == 0


# --- Settlement, locking and corrections --------------------------------------------------------


def test_settling_locks_the_period(publish, user):
    page = publish(on=DAY, author_name="Thanh Hương")
    period = settle(user=user("accountant"))
    assert entries_of(page).get().period == period
    with pytest.raises(services.PeriodLocked, match="Month 03/2019 is settled"):
        services._write_entry(
            kind=Kind.VIETNAMESE_ITEM,
            entry_type=RoyaltyEntry.TYPE_ADJUSTMENT,
            payee_key="n:x",
            payee_name="X",
            amount=1,
            accounting_date=DAY,
            due_on=DAY,
        )
    with pytest.raises(services.RoyaltyError, match="already settled"):
        services.period_settle(period=period, user=user("accountant"))


def test_only_the_accountant_settles_and_only_a_period_that_has_ended(user):
    period = services.period_open(kind=RoyaltyPeriod.KIND_QUARTER, year=TEST_YEAR, number=2)
    for who in ("contributor", "unit_head", "category_editor", "secretariat", "editor_in_chief"):
        with pytest.raises(PermissionDenied):
            services.period_settle(period=period, user=user(who))
    with pytest.raises(services.RoyaltyError, match="from 01/07/2019"):
        services.period_settle(period=period, user=user("accountant"), today=dt.date(TEST_YEAR, 6, 30))
    assert services.period_settle(period=period, user=user("accountant")).is_settled


def test_periods_never_overlap():
    services.period_open(kind=RoyaltyPeriod.KIND_QUARTER, year=TEST_YEAR, number=1)
    with pytest.raises(services.RoyaltyError, match="overlaps Quarter I/2019"):
        services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=2)


def test_a_publication_dated_in_a_settled_period_lands_in_the_next_open_one(publish, user):
    settle(user=user("accountant"))
    page = publish(on=DAY, author_name="Thanh Hương")
    assert entries_of(page).get().accounting_date == dt.date(TEST_YEAR, 4, 1)


def test_the_editor_in_chief_adjusts_before_settlement_within_the_same_period(publish, user):
    page = publish(on=DAY, author_name="Thanh Hương")
    entry = entries_of(page).get()
    adjustment = services.entry_adjust(
        entry=entry, new_amount=70_000, reason="Tin có 4 ảnh", user=user("editor_in_chief")
    )
    assert (adjustment.amount, adjustment.accounting_date, adjustment.corrects) == (20_000, DAY, entry)
    assert services.entry_net(entry) == 70_000
    entry.refresh_from_db()
    assert entry.amount == 50_000  # the original is never edited
    from wagtail.models import ModelLogEntry

    logged = ModelLogEntry.objects.get(action="royalties.adjust", object_id=str(adjustment.pk))
    assert logged.user == user("editor_in_chief") and logged.data["reason"] == "Tin có 4 ảnh"


def test_a_correction_after_settlement_is_a_new_entry_in_an_open_period(publish, user):
    page = publish(on=DAY, author_name="Thanh Hương")
    settle(user=user("accountant"))
    entry = entries_of(page).get()
    adjustment = services.entry_adjust(
        entry=entry,
        new_amount=30_000,
        reason="Trùng tin",
        user=user("editor_in_chief"),
        today=dt.date(TEST_YEAR, 3, 20),
    )
    assert adjustment.amount == -20_000
    assert adjustment.accounting_date == dt.date(TEST_YEAR, 4, 1)  # March is locked
    assert adjustment.period is None


@pytest.mark.parametrize(
    ("new_amount", "reason", "message"),
    [(70_000, "  ", "Give the reason"), (-1, "Lý do", "cannot be negative"), (50_000, "Lý do", "unchanged")],
)
def test_an_adjustment_needs_a_reason_and_a_real_change(publish, user, new_amount, reason, message):
    entry = entries_of(publish(on=DAY, author_name="Thanh Hương")).get()
    with pytest.raises(services.RoyaltyError, match=message):
        services.entry_adjust(entry=entry, new_amount=new_amount, reason=reason, user=user("editor_in_chief"))


@pytest.mark.parametrize("who", ["contributor", "unit_head", "category_editor", "secretariat", "accountant"])
def test_only_the_editor_in_chief_adjusts(publish, user, who):
    entry = entries_of(publish(on=DAY, author_name="Thanh Hương")).get()
    with pytest.raises(PermissionDenied):
        services.entry_adjust(entry=entry, new_amount=1, reason="Lý do", user=user(who))


def test_the_ledger_is_append_only(publish):
    entry = entries_of(publish(on=DAY, author_name="Thanh Hương")).get()
    entry.amount = 1_000_000
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    assert RoyaltyEntry.objects.get(pk=entry.pk).amount == 50_000


# --- No double pay, at the database level (SQLite and PostgreSQL) ------------------------------


def test_the_database_refuses_a_second_work_for_one_page(publish):
    work = RoyaltyWork.objects.get(page_key=publish(on=DAY).pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoyaltyWork.objects.create(
            page_key=work.page_key,
            title=work.title,
            kind=work.kind,
            published_on=DAY,
            schedule=work.schedule,
            amount=work.amount,
        )


def test_the_database_refuses_paying_an_author_twice_for_one_publication(publish):
    entry = entries_of(publish(on=DAY, author_name="Thanh Hương")).get()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoyaltyEntry.objects.create(
            work=entry.work,
            generation=entry.generation,
            kind=entry.kind,
            entry_type=RoyaltyEntry.TYPE_ACCRUAL,
            payee_key=entry.payee_key,
            payee_name=entry.payee_name,
            amount=entry.amount,
            accounting_date=DAY,
            due_on=DAY,
        )


def test_a_publication_recorded_meanwhile_by_another_process_is_found_not_paid_again(publish, monkeypatch):
    """The race as one process sees it: its get_or_create finds the row the other one committed."""
    page = publish(on=DAY, author_name="Thanh Hương")
    original_get_or_create = RoyaltyWork.objects.get_or_create

    def racing_get_or_create(**kwargs):
        work, _created = original_get_or_create(**kwargs)
        return work, False  # someone else's insert won

    monkeypatch.setattr(RoyaltyWork.objects, "get_or_create", racing_get_or_create)
    assert services.work_record_publication(page_id=page.pk).pk == RoyaltyWork.objects.get(page_key=page.pk).pk
    assert entries_of(page).count() == 1


# --- The administration fee ---------------------------------------------------------------------


def test_the_administration_fee_is_charged_once_a_month(user, site_administrator):
    month = dt.date(TEST_YEAR, 5, 1)
    entry, created = services.admin_fee_accrue(month=dt.date(TEST_YEAR, 5, 17))
    assert created and (entry.amount, entry.fee_month, entry.payee_user) == (150_000, month, user("administrator"))
    assert services.admin_fee_accrue(month=month) == (entry, False)
    assert services.admin_fees_accrue_through(first=dt.date(TEST_YEAR, 1, 1), last=dt.date(TEST_YEAR, 6, 30)) == 5
    assert RoyaltyEntry.objects.filter(fee_month__year=TEST_YEAR).aggregate(total=Sum("amount"))["total"] == 900_000
    with pytest.raises(IntegrityError), transaction.atomic():
        RoyaltyEntry.objects.create(
            kind=Kind.ADMINISTRATION,
            entry_type=RoyaltyEntry.TYPE_FEE,
            payee_key="n:x",
            payee_name="X",
            amount=150_000,
            accounting_date=month,
            due_on=month,
            fee_month=month,
        )


def test_split_amount_always_adds_up():
    for total, weights in [(50_000, [1, 1, 1]), (149_000, [60, 40]), (7, [3, 3, 3]), (0, [1, 2])]:
        parts = services.split_amount(total, weights)
        assert sum(parts) == total and len(parts) == len(weights)
