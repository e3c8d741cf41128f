import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.accounts.models import StaffProfile
from portal.accounts.testing import login_with_second_factor
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.packs.install import plan_next_year
from portal.royalties.models import Kind, RoyaltyRate, RoyaltySchedule
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

_numbers = itertools.count(1)
# A year no demo entry falls in: tests of settlement own their periods there, whatever today is.
TEST_YEAR = 2019


@dataclass(frozen=True)
class Person:
    role: roles.Role | None  # None: the site's administrator, a superuser
    unit_code: str  # a unit the pack installs
    first_name: str
    last_name: str
    pen_name: str = ""
    bank_account_number: str = ""


# The people the tests are about: a role of the newsroom, the unit they work in, the name the ledger shows.
PEOPLE = {
    "contributor": Person(roles.CONTRIBUTOR, "hop-tac-quoc-te", "Lê Thị", "Thu", "Thu Lê", "0711000123456"),
    "unit_head": Person(roles.UNIT_HEAD, "hop-tac-quoc-te", "Phan Văn", "Đức"),
    "category_editor": Person(roles.CATEGORY_EDITOR, "hop-tac-quoc-te", "Đỗ Thị", "Hạnh"),
    "secretariat": Person(roles.SECRETARIAT, "van-phong", "Huỳnh Văn", "Tâm"),
    "editor_in_chief": Person(roles.EDITOR_IN_CHIEF, "van-phong", "Trịnh Minh", "Quang"),
    "accountant": Person(roles.ACCOUNTANT, "van-phong", "Lương Thị", "Yến"),
    "administrator": Person(None, "van-phong", "Trương Quốc", "Việt"),
}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` ends the change as its transaction would: the on-commit handlers run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def user(db):
    """user("accountant") -> the test's account of that person (one of PEOPLE), made when first asked for."""
    made = {}

    def person(who: str):
        if who not in made:
            about = PEOPLE[who]
            account = StaffFactory(
                role=about.role,
                unit=Unit.objects.get(code=about.unit_code),
                superuser=about.role is None,
                first_name=about.first_name,
                last_name=about.last_name,
            )
            StaffProfile.objects.filter(user=account).update(
                pen_name=about.pen_name, bank_account_number=about.bank_account_number
            )
            made[who] = account
        return made[who]

    return person


@pytest.fixture
def this_years_schedule(db) -> RoyaltySchedule:
    """This year's schedule, copied from the latest as `setup_portal --plan YEAR` copies it (the demo has it)."""
    plan_next_year(year=timezone.localdate().year)
    return RoyaltySchedule.objects.get(year=timezone.localdate().year)


@pytest.fixture
def site_administrator(user):
    """The administrator the schedule in force in TEST_YEAR names: paid the monthly administration fee."""
    schedule = RoyaltySchedule.objects.filter(year__lte=TEST_YEAR).order_by("-year").first()
    schedule.administrator = user("administrator")
    schedule.save(update_fields=["administrator"])
    return schedule.administrator


@pytest.fixture
def signed_in(client, user):
    def sign_in(who: str):
        login_with_second_factor(client, user(who))
        return client

    return sign_in


def noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@pytest.fixture
def publish(committed):
    """publish(on=date, language="vi", **fields) -> a published ArticlePage, its on-commit handlers run."""

    def publish(*, on: dt.date | None = None, language: str = "vi", parent=None, **fields) -> ArticlePage:
        number = next(_numbers)
        parent = parent or section("tin-tuc-su-kien", language)
        when = noon(on) if on else timezone.now()
        fields.setdefault("title", f"Tin nhuận bút thử nghiệm {number}")
        with committed():
            page = parent.add_child(
                instance=ArticlePage(slug=f"tin-nhuan-but-{number}", lead="Tóm tắt.", first_published_at=when, **fields)
            )
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def coefficient_schedule():
    """A 2019 schedule paying Vietnamese items by coefficient (Decree 18/2014), translations 50%."""
    schedule = RoyaltySchedule(year=TEST_YEAR, title="Định mức thử nghiệm 2019", base_salary=1_490_000)
    schedule.rates = [
        RoyaltyRate(
            kind=Kind.VIETNAMESE_ITEM,
            method=RoyaltyRate.METHOD_COEFFICIENT,
            coefficient_min=Decimal("1.0"),
            coefficient_max=Decimal("1.5"),
            coefficient_default=Decimal("1.0"),
            planned_quantity=100,
        ),
        RoyaltyRate(kind=Kind.ENGLISH_ITEM, method=RoyaltyRate.METHOD_SHARE, share_percent=50, planned_quantity=50),
        RoyaltyRate(kind=Kind.COLLECTED_ITEM, amount=15_000, planned_quantity=10),
        RoyaltyRate(kind=Kind.ADMINISTRATION, amount=200_000, planned_quantity=12),
    ]
    for rate in schedule.rates.all():
        rate.full_clean(exclude=["schedule"])
    schedule.save()
    return schedule


@pytest.fixture
def english():
    """Rules' messages asserted in English; the views' tests read them in Vietnamese, as staff do."""
    from django.utils import translation

    with translation.override("en"):
        yield
