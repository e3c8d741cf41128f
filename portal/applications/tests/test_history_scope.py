"""Officers and leaders read the receipt numbers of their own unit's applications only: in the work
queue, on the dashboard and in site history (issue 18, item 9)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from portal.testing.factories import ProcedureVersionFactory, StaffFactory
from portal.units import roles

from .conftest import submit

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


def viewable(viewer) -> set[str]:
    labels = set()
    for model in log_registry.get_log_entry_models():
        labels.update(model.objects.viewable_by_user(viewer).values_list("label", flat=True))
    return labels


@pytest.fixture
def two_units(client, submitted, officer):
    """One open application of the officer's unit (consular) and one of another unit, each with a fresh
    step in the audit log (so both would head the first page of site history)."""
    other = submit(client, ProcedureVersionFactory(), email="donvikhac@example.com")  # a procedure of its own unit
    assert other.procedure.unit != submitted.procedure.unit and other.receipt_number
    for application in (submitted, other):
        log(application, "applications.note", user=None, data={"receipt_number": application.receipt_number})
    return submitted, other


@pytest.fixture
def other_officer(two_units):
    _ours, other = two_units
    return StaffFactory(role=roles.APPLICATION_OFFICER, unit=other.procedure.unit)


def test_site_history_shows_an_officer_the_receipt_numbers_of_their_unit_only(
    staff_client, officer, other_officer, approver, two_units
):
    ours, other = two_units
    for viewer, own, foreign in ((officer, ours, other), (approver, ours, other), (other_officer, other, ours)):
        response = staff_client(viewer).get(SITE_HISTORY)
        assert response.status_code == 200
        html = response.content.decode()
        assert own.receipt_number in html, viewer.username
        assert foreign.receipt_number not in html, viewer.username
        labels = viewable(viewer)
        assert own.receipt_number in labels and foreign.receipt_number not in labels


def test_the_officer_of_another_unit_cannot_open_the_applications_history(staff_client, other_officer, two_units):
    ours, _other = two_units
    client = staff_client(other_officer)
    html = client.get(SITE_HISTORY, {"object_type": ""}).content.decode()
    assert ours.receipt_number not in html
    assert client.get(reverse("applications_admin:detail", args=[ours.pk])).status_code in (302, 403, 404)


def test_the_dashboard_shows_the_units_queue_only_with_bounded_queries(staff_client, officer, other_officer, two_units):
    ours, other = two_units
    client = staff_client(other_officer)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as counted:
        html = client.get("/admin/").content.decode()
    assert other.receipt_number in html and ours.receipt_number not in html
    assert len(counted) < 60
    html = staff_client(officer).get("/admin/").content.decode()
    assert ours.receipt_number in html and other.receipt_number not in html
