"""A server error is kept with the site it was asked of; one whose site cannot be told is kept all the same."""

import pytest
from django.db import DatabaseError
from django.test import Client
from wagtail.models import Page, Site

from portal.operations.models import Incident, site_incidents

pytestmark = [pytest.mark.django_db, pytest.mark.urls("portal.operations.tests.failing_urls")]


def _fail() -> Incident:
    before = set(Incident.objects.values_list("pk", flat=True))
    assert Client(raise_request_exception=False).get("/hong/").status_code == 500
    (incident,) = Incident.objects.exclude(pk__in=before)
    return incident


def test_a_server_error_keeps_the_site_it_was_asked_of():
    incident = _fail()
    assert incident.site == Site.objects.get(is_default_site=True)
    assert (incident.method, incident.path, incident.exception) == ("GET", "/hong/", "ZeroDivisionError")


def test_a_server_error_whose_site_cannot_be_told_is_kept_without_it(monkeypatch):
    def unreachable(request):
        raise DatabaseError("the sites' table cannot be read")

    monkeypatch.setattr(Site, "find_for_request", unreachable)
    incident = _fail()
    assert incident.site is None and incident.exception == "ZeroDivisionError"


def test_the_default_site_counts_the_errors_of_no_site_and_another_site_only_its_own():
    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="khac.example", root_page=Page.objects.get(depth=1), site_name="Khác")
    own = Incident.objects.create(site=other, method="GET", path="/a/", exception="KeyError")
    old = Incident.objects.create(method="GET", path="/b/", exception="KeyError")  # from before sites were kept
    assert set(site_incidents(other)) == {own}
    assert old in site_incidents(default) and own not in site_incidents(default)
    other.delete()  # a site removed: its errors stay, of no site
    own.refresh_from_db()
    assert own.site is None


def test_telling_the_site_costs_the_error_path_one_query_at_most(rf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.operations.signal_handlers import record_incident

    request = rf.get("/hong/")
    with CaptureQueriesContext(connection) as asked:
        record_incident(sender=None, request=request)
    selects = [query["sql"] for query in asked.captured_queries if query["sql"].lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 1  # the site of the host (none where Wagtail found it for the request already)
    Site.find_for_request(request)  # as a page's serving has found it
    with CaptureQueriesContext(connection) as asked:
        record_incident(sender=None, request=request)
    assert not [query for query in asked.captured_queries if query["sql"].lstrip().upper().startswith("SELECT")]
    assert Incident.objects.order_by("-pk").first().site == Site.objects.get(is_default_site=True)
