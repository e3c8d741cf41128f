import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F
from wagtail.models import Page

from portal.core.tree import PlusDays, _successor, any_subtree_q, local_date, subtree_q
from portal.testing.factories import ArticleFactory, SectionFactory, vietnamese_home

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = dt.UTC


def test_the_successor_of_a_path_carries_over_the_last_letter_of_the_alphabet():
    assert _successor("00010002") == "00010003"
    assert _successor("00010009") == "0001000A"
    assert _successor("0001000Z") == "0001001"  # every 0001000Z... sorts before it
    assert _successor("0001ZZZZ") == "0002"
    assert _successor("ZZZZ") is None


@pytest.mark.django_db
def test_a_subtree_is_the_page_and_everything_below_it_and_nothing_beside_it():
    news = SectionFactory()
    article = ArticleFactory(parent=news)
    found = set(Page.objects.filter(subtree_q(news.path)).values_list("pk", flat=True))
    assert found == set(news.get_descendants(inclusive=True).values_list("pk", flat=True))
    assert article.pk in found
    assert not found & set(news.get_siblings(inclusive=False).values_list("pk", flat=True))
    everything = set(Page.objects.filter(subtree_q(vietnamese_home().path)).values_list("pk", flat=True))
    assert found < everything
    assert not Page.objects.filter(any_subtree_q([])).exists()


@pytest.mark.django_db
def test_the_local_date_of_a_publication_is_the_day_in_vietnam_not_in_utc():
    news = SectionFactory()
    evening = ArticleFactory(parent=news)
    morning = ArticleFactory(parent=news)
    # 17:30 UTC is 00:30 the next day in Huế; 16:59 UTC is still 23:59 the same day.
    Page.objects.filter(pk=evening.pk).update(first_published_at=dt.datetime(2026, 3, 1, 17, 30, tzinfo=UTC))
    Page.objects.filter(pk=morning.pk).update(first_published_at=dt.datetime(2026, 3, 1, 16, 59, tzinfo=UTC))
    day = local_date("first_published_at", zone=HANOI, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    days = dict(Page.objects.filter(pk__in=[evening.pk, morning.pk]).annotate(day=day).values_list("pk", "day"))
    assert days == {evening.pk: dt.date(2026, 3, 2), morning.pk: dt.date(2026, 3, 1)}


@pytest.mark.django_db
def test_a_zone_with_daylight_saving_still_gets_its_own_dates():
    news = SectionFactory()
    article = ArticleFactory(parent=news)
    # 23:30 UTC on 1 July is 01:30 on 2 July in Paris (summer time, UTC+2) but 00:30 in winter time.
    Page.objects.filter(pk=article.pk).update(first_published_at=dt.datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    day = local_date(
        "first_published_at", zone=ZoneInfo("Europe/Paris"), start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    assert Page.objects.filter(pk=article.pk).annotate(day=day).values_list("day", flat=True).get() == dt.date(
        2026, 7, 2
    )


@pytest.mark.django_db
def test_days_are_added_to_a_publication_moment_in_the_database():
    news = SectionFactory()
    article = ArticleFactory(parent=news)
    moment = dt.datetime(2026, 3, 1, 8, 15, 30, tzinfo=UTC)
    Page.objects.filter(pk=article.pk).update(first_published_at=moment)
    pages = Page.objects.filter(pk=article.pk)
    assert pages.filter(first_published_at__lt=PlusDays(F("first_published_at"), days=2)).exists()
    later = pages.annotate(later=PlusDays("first_published_at", days=2)).values_list("later", flat=True).get()
    assert later.replace(microsecond=0) == moment + dt.timedelta(days=2)
