"""Addresses that carry a secret are never counted, so no report can open a citizen's application."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from portal.applications.models import Application
from portal.applications.notifications import tracking_path
from portal.packs.install import plan_next_year
from portal.planning.report import quarterly_report, report_pdf, report_xlsx
from portal.testing.factories import ApplicationFactory, QuestionFactory
from portal.visits import services
from portal.visits.models import DailyVisits, PageVisits
from portal.visits.privacy import is_private_path
from portal.visits.selectors import most_visited_pages, visits_total

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_counts_yet(monkeypatch):
    monkeypatch.setattr(services, "PUSH_SECONDS", 10**9)
    monkeypatch.setattr(services, "_pending", services.Counter())
    DailyVisits.objects.all().delete()  # counts already there (the demo's): only this test's visits are read back
    PageVisits.objects.all().delete()


@pytest.fixture
def application() -> Application:
    """A submitted application with its receipt number: its tracking link carries its secret."""
    return ApplicationFactory(receipt_number="HS-261207-0007")


def test_secret_addresses_come_from_the_url_configuration(application):
    public_id = application.public_id
    for path in (
        tracking_path(application),
        reverse("applications:track", kwargs={"public_id": public_id, "secret": "X"}).replace("/ho-so/", "/en/ho-so/"),
        reverse("applications:result", kwargs={"public_id": public_id, "secret": "X"}),
        reverse("applications:upload", kwargs={"public_id": public_id, "secret": "X", "upload_id": 3}),
        reverse("applications:sign_in_confirm", kwargs={"token": "eyJhIjoxfQ:abc:sig"}),
        "/hoi-dap/theo-doi/HD-ABC123/Zq8sKx2v/",
        "/en/questions/track/HD-ABC123/Zq8sKx2v/",
        "/admin/pages/3/edit/preview/",
        "/admin/",
    ):
        assert is_private_path(path), path
    for path in ("/", "/en/", "/ho-so/tra-cuu/", "/hoi-dap/", "/hoi-dap/theo-doi/", "/tin-tuc-su-kien/"):
        assert not is_private_path(path), path


def test_private_pages_are_not_counted_and_not_in_the_quarterly_report(client, application):
    question = QuestionFactory()
    secret = question.secret
    private_link = f"/hoi-dap/theo-doi/{question.tracking_code}/{secret}/"
    secret_pages = [tracking_path(application), private_link]
    for path in secret_pages:
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html"), path
    assert client.get("/").status_code == 200
    services.flush_everything()

    today = timezone.localdate()
    assert list(PageVisits.objects.values_list("path", "views")) == [("/", 1)]
    assert visits_total(start=today, end=today) == 1
    assert most_visited_pages(start=today, end=today) == [("/", 1)]

    plan_next_year(year=today.year)  # the report is of this year's plan (setup_portal --plan copies it)
    report = quarterly_report(year=today.year, quarter=(today.month - 1) // 3 + 1, today=today)
    assert report.top_pages == [("/", 1)] and report.visits == 1
    book = load_workbook(BytesIO(report_xlsx(report)))
    cells = [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert "/" in cells
    pdf_text = " ".join(page.extract_text() for page in PdfReader(BytesIO(report_pdf(report))).pages)
    assert "/" in pdf_text
    for secret_part in (application.secret, secret):
        assert not any(secret_part in cell for cell in cells)
        assert secret_part not in pdf_text.replace("\n", "")


def test_the_migration_forgets_secret_addresses_counted_before(application):
    day = dt.date(2026, 3, 2)
    DailyVisits.objects.create(day=day, views=10)
    PageVisits.objects.bulk_create(
        [
            PageVisits(day=day, path="/", views=6),
            PageVisits(day=day, path=tracking_path(application), views=3),
            PageVisits(day=day, path="/hoi-dap/theo-doi/HD-ABC123/Zq8sKx2v/", views=1),
        ]
    )
    assert services.forget_private_addresses() == 4
    assert list(PageVisits.objects.values_list("path", "views")) == [("/", 6)]
    assert DailyVisits.objects.get(day=day).views == 6


def test_secret_addresses_already_counted_in_the_cache_are_dropped_at_the_flush(application):
    today = timezone.localdate()
    services.record_visit("/", day=today)
    services.record_visit(tracking_path(application), day=today)  # counted by a process not yet updated
    services.flush_everything()
    assert list(PageVisits.objects.values_list("path", "views")) == [("/", 1)]
    assert DailyVisits.objects.get(day=today).views == 1
