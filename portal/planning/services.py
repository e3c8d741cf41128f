"""Writes of the plan: loading the seed, copying a plan forward to a new year, demo data."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from portal.units.models import Unit

from .models import Anniversary, BudgetLine, KeyTask, Plan, PlanRow, UnitMinimum

SEED_DIR = Path(__file__).parent / "seed"
MONTHS_A_YEAR = 12


class PlanError(Exception):
    """A plan operation refused, with a message for the user."""


def _category_page(reference: str) -> Page | None:
    """`slug` of a Vietnamese category, or `en:home` for the English site's home page."""
    if not reference:
        return None
    if reference.startswith("en:"):
        from portal.home.models import HomePage

        return HomePage.objects.filter(locale__language_code="en").first()
    vietnamese = Locale.objects.filter(language_code="vi").first()
    return Page.objects.filter(slug=reference, locale=vietnamese).order_by("depth").first()


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


@transaction.atomic
def plan_load(data: dict) -> Plan:
    """Create the plan of `data` (the seed's format) if its year has none yet; an existing plan is kept as edited."""
    existing = Plan.objects.filter(year=data["year"]).first()
    if existing is not None:
        return existing
    units = {unit.code: unit for unit in Unit.objects.all()}
    plan = Plan(
        year=data["year"],
        title=data["title"],
        reference=data.get("reference", ""),
        issued_on=dt.date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None,
        signed_by=data.get("signed_by", ""),
        weekly_min=data["weekly_min"],
        weekly_max=data["weekly_max"],
        budget=data["budget"],
    )
    plan.save()
    for order, row in enumerate(data["rows"]):
        PlanRow(
            plan=plan,
            sort_order=order,
            number=row["number"],
            site=row["site"],
            title=row["title"],
            content=row["content"],
            category=_category_page(row.get("category", "")),
            continues=row.get("continues", ""),
            quantity_text=row["quantity_text"],
            quantity_min=row["quantity_min"],
            quantity_max=row["quantity_max"],
            sources_text=row["sources_text"],
            deadline_text=row["deadline_text"],
            deadline_rule=row["deadline_rule"],
            deadline_days=row["deadline_days"],
            stale_after_days=row["stale_after_days"],
            editor_text=row["editor_text"],
            source_units=[units[code] for code in row["source_units"] if code in units],
        ).save()
    for order, task in enumerate(data["key_tasks"]):
        KeyTask(
            plan=plan,
            sort_order=order,
            number=task["number"],
            content=task["content"],
            period_text=task["period_text"],
            quarter_from=task["quarter_from"],
            quarter_to=task["quarter_to"],
            unit_text=task["unit_text"],
            note=task.get("note", ""),
            units=[units[code] for code in task["units"] if code in units],
        ).save()
    for order, line in enumerate(data.get("budget_lines", [])):
        BudgetLine.objects.create(plan=plan, sort_order=order, **line)
    minimums = data.get("unit_minimums") or derived_unit_minimums(data["rows"])
    for order, (code, minimum) in enumerate(sorted(minimums.items(), key=lambda item: units[item[0]].sort_order)):
        UnitMinimum.objects.create(plan=plan, sort_order=order, unit=units[code], monthly_minimum=minimum)
    return plan


def load_seed_plan(name: str = "plan-2017") -> Plan:
    return plan_load(json.loads((SEED_DIR / f"{name}.json").read_text(encoding="utf-8")))


def plan_copy_forward(*, source: Plan, year: int, user=None) -> Plan:
    """A new plan for `year` with every row, key task, unit minimum and budget line of `source`.

    Key tasks start again as not started; the title's year is replaced. Refused if `year` has a plan.
    """
    if not 2000 <= year <= 2100:
        raise PlanError(_("Choose a year between 2000 and 2100."))
    try:
        with transaction.atomic():
            if Plan.objects.select_for_update().filter(year=year).exists():
                raise PlanError(_("The plan of %(year)s already exists.") % {"year": year})
            plan = Plan.objects.create(
                year=year,
                title=source.title.replace(str(source.year), str(year)),
                weekly_min=source.weekly_min,
                weekly_max=source.weekly_max,
                budget=source.budget,
                anniversary_weeks_ahead=source.anniversary_weeks_ahead,
            )
            for row in source.rows.all():
                units = list(row.source_units.all())
                row.pk, row.id, row.plan = None, None, plan
                row.source_units.set(units)
                row.save()
            for task in source.key_tasks.all():
                units = list(task.units.all())
                task.pk, task.id, task.plan = None, None, plan
                task.status, task.note = KeyTask.Status.PLANNED, ""
                task.units.set(units)
                task.save()
            for minimum in source.unit_minimums.all():
                minimum.pk, minimum.id, minimum.plan = None, None, plan
                minimum.save()
            for line in source.budget_lines.all():
                line.pk, line.id, line.plan = None, None, plan
                line.save()
    except IntegrityError as error:  # another secretary copied the same year at the same moment
        raise PlanError(_("The plan of %(year)s already exists.") % {"year": year}) from error
    log(instance=plan, action="wagtail.create", user=user, data={"copied_from": source.year})
    return plan


# Key task 9: national days and the anniversaries of diplomatic relations (date, Vietnamese name,
# English name, kind, unit code). Round anniversaries (5, 10, ... years) appear on the dashboard.
ANNIVERSARIES = [
    (
        "1930-02-03",
        "Thành lập Đảng Cộng sản Việt Nam",
        "Founding of the Communist Party of Viet Nam",
        "national",
        "van-phong",
    ),
    ("1975-03-26", "Giải phóng Thừa Thiên Huế", "Liberation of Thua Thien Hue", "province", "van-phong"),
    (
        "1975-04-30",
        "Giải phóng miền Nam, thống nhất đất nước",
        "Liberation of the South and National Reunification",
        "national",
        "van-phong",
    ),
    ("1890-05-19", "Ngày sinh Chủ tịch Hồ Chí Minh", "Birthday of President Ho Chi Minh", "national", "van-phong"),
    ("1945-08-19", "Cách mạng Tháng Tám", "August Revolution", "national", "van-phong"),
    (
        "1945-08-28",
        "Ngày truyền thống ngành Ngoại giao Việt Nam",
        "Traditional Day of the Vietnamese Diplomatic Service",
        "national",
        "van-phong",
    ),
    (
        "1945-09-02",
        "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "National Day of Viet Nam",
        "national",
        "van-phong",
    ),
    (
        "1950-01-18",
        "Thiết lập quan hệ ngoại giao Việt Nam - Trung Quốc",
        "Viet Nam - China diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1950-01-30",
        "Thiết lập quan hệ ngoại giao Việt Nam - Liên bang Nga",
        "Viet Nam - Russia diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1960-12-02",
        "Thiết lập quan hệ ngoại giao Việt Nam - Cu Ba",
        "Viet Nam - Cuba diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1962-09-05",
        "Thiết lập quan hệ ngoại giao Việt Nam - Lào",
        "Viet Nam - Laos diplomatic relations",
        "relations",
        "bien-gioi",
    ),
    (
        "1967-06-24",
        "Thiết lập quan hệ ngoại giao Việt Nam - Campuchia",
        "Viet Nam - Cambodia diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1972-01-07",
        "Thiết lập quan hệ ngoại giao Việt Nam - Ấn Độ",
        "Viet Nam - India diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1973-02-26",
        "Thiết lập quan hệ ngoại giao Việt Nam - Ô-xtrây-li-a",
        "Viet Nam - Australia diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1973-03-23",
        "Thiết lập quan hệ ngoại giao Việt Nam - I-ta-li-a",
        "Viet Nam - Italy diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1973-04-12",
        "Thiết lập quan hệ ngoại giao Việt Nam - Pháp",
        "Viet Nam - France diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1973-08-01",
        "Thiết lập quan hệ ngoại giao Việt Nam - Xin-ga-po",
        "Viet Nam - Singapore diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1973-08-21",
        "Thiết lập quan hệ ngoại giao Việt Nam - Ca-na-đa",
        "Viet Nam - Canada diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1973-09-11",
        "Thiết lập quan hệ ngoại giao Việt Nam - Vương quốc Anh",
        "Viet Nam - United Kingdom diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1973-09-21",
        "Thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản",
        "Viet Nam - Japan diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1975-09-23",
        "Thiết lập quan hệ ngoại giao Việt Nam - Đức",
        "Viet Nam - Germany diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1976-08-06",
        "Thiết lập quan hệ ngoại giao Việt Nam - Thái Lan",
        "Viet Nam - Thailand diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1992-12-22",
        "Thiết lập quan hệ ngoại giao Việt Nam - Hàn Quốc",
        "Viet Nam - Republic of Korea diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    (
        "1995-07-12",
        "Thiết lập quan hệ ngoại giao Việt Nam - Hoa Kỳ",
        "Viet Nam - United States diplomatic relations",
        "relations",
        "hop-tac-quoc-te",
    ),
    ("1995-07-28", "Việt Nam gia nhập ASEAN", "Viet Nam joins ASEAN", "national", "hop-tac-quoc-te"),
]


def ensure_anniversaries() -> int:
    units = {unit.code: unit for unit in Unit.objects.all()}
    created = 0
    for day, name_vi, name_en, kind, unit_code in ANNIVERSARIES:
        _anniversary, was_created = Anniversary.objects.get_or_create(
            name_vi=name_vi,
            date=dt.date.fromisoformat(day),
            defaults={"name_en": name_en, "kind": kind, "unit": units.get(unit_code)},
        )
        created += was_created
    return created


def ensure_plans(*, current_year: int) -> tuple[Plan, Plan]:
    """The 2017 plan exactly as written, and the current year's copied from it (unless it exists)."""
    seed = load_seed_plan()
    current = Plan.objects.filter(year=current_year).first() or plan_copy_forward(source=seed, year=current_year)
    return seed, current
