"""Visits counted by the portal itself: cached pages count, nothing is written per request."""

import datetime as dt
import time

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
    monkeypatch.setattr(services, "LOCAL_FLUSH_SECONDS", 60)  # as deployed: the last flush was longer ago
    monkeypatch.setattr(services, "_last_local_flush", time.monotonic() - 61)
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


class _SecondServerPushesMidway:
    """The shared cache as one server sees it while another server pushes at the worst moment.

    Right after this server's first step on the day's list of addresses (a read or a
    registration), the other server pushes all its counts; then this server goes on.
    """

    def __init__(self, real, other_push):
        self._real = real
        self._other_push = other_push

    def __getattr__(self, name):
        method = getattr(self._real, name)

        def call(key, *args, **kwargs):
            result = method(key, *args, **kwargs)
            on_the_list = isinstance(key, str) and not key.endswith(":total") and ":page:" not in key
            if self._other_push is not None and on_the_list and name in ("get", "add"):
                other_push, self._other_push = self._other_push, None
                other_push()
            return result

        return call


def test_servers_pushing_at_once_lose_no_address(monkeypatch):
    monkeypatch.setattr(services, "cache_is_shared", lambda: True)  # Redis, shared by the app servers
    today = timezone.localdate()
    first_server = services.Counter({(today, "", "/"): 3, (today, "", "/hoi-dap/"): 2})
    second_server = services.Counter({(today, "", "/tin-tuc/"): 4, (today, "", "/"): 1})

    def push_as(pending):
        monkeypatch.setattr(services, "_pending", pending)
        services.push_pending()

    monkeypatch.setattr(services, "cache", _SecondServerPushesMidway(services.cache, lambda: push_as(second_server)))
    push_as(first_server)
    monkeypatch.setattr(services, "cache", services.cache._real)

    assert services.flush_visits(today=today) == 10
    views = dict(PageVisits.objects.filter(day=today).values_list("path", "views"))
    assert views == {"/": 4, "/hoi-dap/": 2, "/tin-tuc/": 4}
    assert DailyVisits.objects.get(day=today).views == sum(views.values())
    assert services.flush_visits(today=today) == 0  # nothing counted twice


def test_many_servers_register_each_address_once(monkeypatch):
    monkeypatch.setattr(services, "cache_is_shared", lambda: True)
    today = timezone.localdate()
    for server in range(5):
        monkeypatch.setattr(services, "_pending", services.Counter())
        for number in range(server, server + 20):
            services.record_visit(f"/trang-{number}/", day=today)
        services.push_pending()
    assert services.flush_visits(today=today) == 100
    views = dict(PageVisits.objects.filter(day=today).values_list("path", "views"))
    assert len(views) == 24
    assert views["/trang-0/"] == 1
    assert views["/trang-4/"] == 5
    assert views["/trang-23/"] == 1
    assert sum(views.values()) == 100
    # Visits counted after a flush, on addresses already known, reach the next flush.
    services.record_visit("/trang-4/", day=today)
    services.push_pending()
    assert services.flush_visits(today=today) == 1
    assert PageVisits.objects.get(day=today, path="/trang-4/").views == 6
