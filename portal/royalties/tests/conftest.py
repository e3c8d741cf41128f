import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.accounts.testing import login_with_second_factor
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.royalties.models import Kind, RoyaltyRate, RoyaltySchedule

_numbers = itertools.count(1)
# A year no demo entry falls in: tests of settlement own their periods there, whatever today is.
TEST_YEAR = 2019


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` ends the change as its transaction would: the on-commit handlers run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def user():
    return lambda username: get_user_model().objects.get(username=username)


@pytest.fixture
def signed_in(client, user):
    def sign_in(username: str):
        login_with_second_factor(client, user(username))
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
