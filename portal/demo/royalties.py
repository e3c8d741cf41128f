"""Demo royalties: the 2017 schedule of Appendix II, this year's copy, named authors, settled quarters.

Get-or-create by natural keys (year, page, period); nothing someone edited is overwritten.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.royalties import services
from portal.royalties.models import (
    Kind,
    RoyaltyAuthor,
    RoyaltyEntry,
    RoyaltyPeriod,
    RoyaltyRate,
    RoyaltySchedule,
    RoyaltyWork,
)

# Appendix II of the 2017 plan: rate, planned quantity a year (the budget line is their product).
PLAN_2017 = [
    (Kind.VIETNAMESE_ITEM, 50_000, 300),  # 15.000.000 đ
    (Kind.ENGLISH_ITEM, 50_000, 150),  # 7.500.000 đ
    (Kind.COLLECTED_ITEM, 10_000, 200),  # 2.000.000 đ
    (Kind.ADMINISTRATION, 150_000, 12),  # 1.800.000 đ; total 26.300.000 đ
]
PLAN_2017_DECISION = "Phụ lục II, Kế hoạch hoạt động Trang TTĐT Sở Ngoại vụ năm 2017 (23/02/2017)"

# Items whose authors the demo names: slug -> [(user name, share %)].
DEMO_AUTHORS = {
    "tiep-tong-lanh-su-han-quoc-tai-da-nang": [("congtacvien", 60), ("truongphong", 40)],
    "doan-gyeongsangbuk-do-tham-lam-viec": [("congtacvien", 100)],
    "quan-ly-phong-vien-nuoc-ngoai": [("congtacvien", 50), ("bientap", 50)],
}
# The editor-in-chief's corrections: slug -> (amount after, reason).
DEMO_ADJUSTMENTS = {
    "tiep-tong-lanh-su-han-quoc-tai-da-nang": (
        50_000,
        "Tin kèm 4 ảnh tác giả tự chụp: Trưởng Ban Biên tập duyệt thêm 20.000 đ theo quy định.",
    ),
    "lich-cong-tac-tuan-lanh-dao-so": (0, "Lịch công tác do Văn phòng đăng định kỳ, không tính nhuận bút."),
}


def ensure_demo_royalties(*, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    User = get_user_model()
    users = {user.username: user for user in User.objects.filter(username__in=["quantri", "ketoan", "truongban"])}
    with transaction.atomic():
        plan = _schedule(
            2017,
            title="Định mức nhuận bút, thù lao Trang TTĐT năm 2017",
            decision=PLAN_2017_DECISION,
            base_salary=1_210_000,  # lương cơ sở in force in early 2017
            administrator=users.get("quantri"),
            rates=[RoyaltyRate(kind=kind, amount=amount, planned_quantity=qty) for kind, amount, qty in PLAN_2017],
        )
        if today.year != plan.year:
            photo = RoyaltyRate(
                kind=Kind.PHOTO,
                method=RoyaltyRate.METHOD_COEFFICIENT,
                coefficient_min=Decimal("0.20"),
                coefficient_max=Decimal("0.40"),
                coefficient_default=Decimal("0.20"),
                planned_quantity=4,
            )
            _schedule(
                today.year,
                title=f"Định mức nhuận bút, thù lao Trang TTĐT năm {today.year}",
                decision=f"Theo mức của năm 2017 (Phụ lục II), áp dụng cho năm {today.year}",
                base_salary=2_340_000,
                administrator=users.get("quantri"),
                rates=[
                    RoyaltyRate(kind=rate.kind, amount=rate.amount, planned_quantity=rate.planned_quantity)
                    for rate in plan.rates.all()
                ]
                + [photo],
            )
    _name_authors()
    services.backfill_published()
    services.admin_fees_accrue_through(first=today.replace(month=1, day=1), last=today)
    _periods(today, accountant=users.get("ketoan"))
    _adjustments(users.get("truongban"))


def _schedule(year: int, *, rates: list[RoyaltyRate], **fields) -> RoyaltySchedule:
    schedule = RoyaltySchedule.objects.filter(year=year).first()
    if schedule is not None:  # installed from the agency pack: the demo names who administers the site
        if schedule.administrator_id is None and fields.get("administrator"):
            schedule.administrator = fields["administrator"]
            schedule.save(update_fields=["administrator"])
        return schedule
    schedule = RoyaltySchedule(year=year, **fields)
    schedule.rates = rates
    for rate in rates:
        rate.full_clean(exclude=["schedule"])  # saving fills the budget line: quantity × usual amount
    schedule.save()
    return schedule


def _name_authors() -> None:
    from portal.news.models import ArticlePage

    User = get_user_model()
    recorded = set(RoyaltyWork.objects.values_list("page_key", flat=True))
    for slug, authors in DEMO_AUTHORS.items():
        page = ArticlePage.objects.filter(slug=slug, locale__language_code="vi").first()
        if page is None or page.pk in recorded or page.royalty_authors.exists():
            continue
        page.royalty_authors = [
            RoyaltyAuthor(user=User.objects.get(username=username), share_percent=share) for username, share in authors
        ]
        with transaction.atomic():  # published as an editor would: the ledger records it on commit
            page.save_revision().publish()


def _periods(today: dt.date, *, accountant) -> None:
    """Settled up to about two and a half months ago (quarters, then months); the months since stay open.

    So the demo shows settled quarters and months, open ones, and some royalties past their 60 days.
    """
    if accountant is None:
        return
    first_work = RoyaltyWork.objects.order_by("published_on").values_list("published_on", flat=True).first()
    cutoff = today - dt.timedelta(days=75)
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    settled_until = None
    for year in range((first_work or today).year, today.year + 1):
        for quarter in range(1, 5):
            start, end = services.period_bounds(RoyaltyPeriod.KIND_QUARTER, year, quarter)
            if end >= cutoff or (first_work and end < first_work):
                continue
            _open_and_settle(RoyaltyPeriod.KIND_QUARTER, year, quarter, settle=True, accountant=accountant, today=today)
            settled_until = end
    month = (settled_until + dt.timedelta(days=1)) if settled_until else last_month
    while month <= last_month:
        _, end = services.period_bounds(RoyaltyPeriod.KIND_MONTH, month.year, month.month)
        _open_and_settle(
            RoyaltyPeriod.KIND_MONTH, month.year, month.month, settle=end < cutoff, accountant=accountant, today=today
        )
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _open_and_settle(kind: str, year: int, number: int, *, settle: bool, accountant, today: dt.date) -> None:
    try:
        period = services.period_open(kind=kind, year=year, number=number)
        if settle and not period.is_settled:
            services.period_settle(period=period, user=accountant, today=today)
    except services.RoyaltyError:
        pass  # overlaps a period someone opened by hand: theirs stands


def _adjustments(editor_in_chief) -> None:
    if editor_in_chief is None or RoyaltyEntry.objects.filter(entry_type=RoyaltyEntry.TYPE_ADJUSTMENT).exists():
        return
    for slug, (amount, reason) in DEMO_ADJUSTMENTS.items():
        entry = (
            RoyaltyEntry.objects.filter(
                entry_type=RoyaltyEntry.TYPE_ACCRUAL, work__page__slug=slug, work__language="vi", period__isnull=True
            )
            .order_by("pk")
            .first()
        )
        if entry is None:
            continue
        try:
            services.entry_adjust(entry=entry, new_amount=amount, reason=reason, user=editor_in_chief)
        except services.RoyaltyError:
            continue
