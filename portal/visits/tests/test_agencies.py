"""Each agency's site counts its own visits."""

import pytest
from django.utils import timezone

from portal.testing.agencies import site, visitor
from portal.visits import services
from portal.visits.models import DailyVisits, PageVisits
from portal.visits.selectors import most_visited_pages, visits_total

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


@pytest.fixture(autouse=True)
def no_automatic_push(monkeypatch):
    monkeypatch.setattr(services, "PUSH_SECONDS", 10**9)
    monkeypatch.setattr(services, "_pending", services.Counter())


def test_visits_are_counted_for_the_site_visited():
    for _visit in range(3):
        assert visitor("second").get("/").status_code == 200
    assert visitor("first").get("/").status_code == 200
    assert visitor("province").get("/").status_code == 200
    assert services.flush_everything() == 5
    today = timezone.localdate()
    views = {key: DailyVisits.objects.get(site=site(key), day=today).views for key in ("first", "second", "province")}
    assert views == {"first": 1, "second": 3, "province": 1}
    assert PageVisits.objects.get(site=site("second"), day=today, path="/").views == 3
    # The report's figures are a site's own: the default site's unless another is named.
    assert visits_total(start=today, end=today) == 1
    assert visits_total(start=today, end=today, site_id=site("second").pk) == 3
    assert most_visited_pages(start=today, end=today, site_id=site("second").pk) == [("/", 3)]


def test_counts_recorded_without_a_host_stay_the_default_sites():
    today = timezone.localdate()
    services.record_visit("/", day=today)  # as counted before sites were told apart
    services.record_visit("/", host="an-unknown-host.example", day=today)  # Wagtail serves it the default site
    assert services.flush_everything() == 2
    assert DailyVisits.objects.get(site=site("first"), day=today).views == 2
    assert not DailyVisits.objects.filter(site=site("second")).exists()
