"""Visits counted by the portal itself: cached pages count, nothing is written per request."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.testing.factories import ArticleFactory
from portal.visits import services
from portal.visits.models import DailyVisits, PageVisits
from portal.visits.selectors import most_visited_pages, visits_per_month, visits_total

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_automatic_push(monkeypatch):
    """Counts stay in memory until the test pushes them (the real interval is a few seconds)."""
    monkeypatch.setattr(services, "PUSH_SECONDS", 10**9)
    monkeypatch.setattr(services, "_pending", services.Counter())


def test_cached_pages_count_and_no_query_is_made_per_visit(client, django_assert_num_queries):
    article = ArticleFactory(title="Hội thảo hợp tác Việt - Nhật")
    url = article.url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    services.flush_everything()
    today = timezone.localdate()
    assert DailyVisits.objects.get(day=today).views == 2
    assert PageVisits.objects.get(day=today, path=url).views == 2


def test_what_is_not_a_public_visit(client, django_user_model):
    client.get("/khong-co-trang-nay/")  # 404
    client.get("/robots.txt")  # not a page
    client.get("/", HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    client.head("/")
    client.get("/admin/login/")
    client.cookies["sessionid"] = "someone-signed-in"
    client.get("/")
    assert services.flush_everything() == 0
    assert not DailyVisits.objects.filter(day=timezone.localdate()).exists()


def test_counts_added_while_flushing_are_kept_for_the_next_flush():
    today = timezone.localdate()
    for _visit in range(3):
        services.record_visit("/", day=today)
    services.push_pending()
    services.record_visit("/", day=today)  # still in this process's memory
    assert services.flush_visits(today=today) == 3
    assert services.flush_everything() == 1
    assert DailyVisits.objects.get(day=today).views == 4
    assert services.flush_visits(today=today) == 0  # nothing counted twice


def test_a_process_with_a_local_cache_writes_its_counts_itself(monkeypatch):
    monkeypatch.setattr(services, "cache_is_shared", lambda: False)  # local memory, as in the embedded default
    monkeypatch.setattr(services, "PUSH_SECONDS", 0)
    monkeypatch.setattr(services, "_last_local_flush", 0.0)
    services.record_visit("/en/", day=timezone.localdate())
    assert DailyVisits.objects.get(day=timezone.localdate()).views == 1


def test_with_a_shared_cache_the_scheduler_writes_the_counts(monkeypatch):
    monkeypatch.setattr(services, "cache_is_shared", lambda: True)  # Redis, seen by every process
    monkeypatch.setattr(services, "PUSH_SECONDS", 0)
    today = timezone.localdate()
    services.record_visit("/en/", day=today)
    assert not DailyVisits.objects.filter(day=today).exists()  # in the cache only
    assert services.flush_visits(today=today) == 1
    assert DailyVisits.objects.get(day=today).views == 1


def test_the_report_reads_visits_per_period():
    DailyVisits.objects.bulk_create(
        [DailyVisits(day=dt.date(2017, 4, 30), views=5), DailyVisits(day=dt.date(2017, 5, 1), views=7)]
    )
    PageVisits.objects.bulk_create(
        [
            PageVisits(day=dt.date(2017, 4, 30), path="/", views=4),
            PageVisits(day=dt.date(2017, 5, 1), path="/", views=3),
            PageVisits(day=dt.date(2017, 5, 1), path="/hoi-dap/", views=4),
        ]
    )
    assert visits_total(start=dt.date(2017, 4, 1), end=dt.date(2017, 6, 30)) == 12
    assert visits_per_month(start=dt.date(2017, 4, 1), end=dt.date(2017, 6, 30)) == {(2017, 4): 5, (2017, 5): 7}
    assert most_visited_pages(start=dt.date(2017, 5, 1), end=dt.date(2017, 5, 31)) == [("/hoi-dap/", 4), ("/", 3)]
