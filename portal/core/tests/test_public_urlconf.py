"""A visitor's request is resolved against the public URL configuration (portal.core.urlconfs), which
does not hold the admin's routes; everything else is as before: the staff side, a signed-in user's
pages, the open data API (the forms' e-mails with their links to the admin: portal.qa.tests.test_public_views)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.accounts.testing import login_with_second_factor
from portal.testing.factories import ArticleFactory, SectionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_still_finds_the_staff_sign_in(client):
    response = client.get("/admin")
    assert response.status_code == 301 and response["Location"] == "/admin/"
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200 and 'name="password"' in response.content.decode()
    assert client.get("/django-admin/").status_code == 302


def test_a_signed_in_editor_reads_public_pages_and_the_admin():
    item = ArticleFactory(parent=SectionFactory(), title="Tiếp Tổng Lãnh sự Hàn Quốc")
    editor = StaffFactory(superuser=True)
    client = Client()
    login_with_second_factor(client, editor)
    assert "Tiếp Tổng Lãnh sự Hàn Quốc" in client.get(item.url).content.decode()
    assert client.get("/tim-kiem/?q=han+quoc").status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).status_code == 200


def test_the_admin_api_serves_wagtails_images_and_documents():
    """Their viewsets stood in while the hooks were imported (portal.core.wagtail_apps)."""
    client = Client()
    login_with_second_factor(client, StaffFactory(superuser=True))
    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/admin/api/main/{endpoint}/")
        assert response.status_code == 200, endpoint
        assert "items" in response.json(), endpoint


def test_the_footer_links_to_the_open_data_description(client):
    item = ArticleFactory(parent=SectionFactory())
    html = client.get(item.url).content.decode()
    link = re.search(r'<a href="([^"]+)">Dữ liệu mở \(API\)</a>', html)
    assert link is not None
    assert link.group(1) == reverse("opendata:openapi") == "/api/v1/openapi.json"
    response = client.get(link.group(1))
    assert response.status_code == 200 and response.json()["openapi"].startswith("3.1")


def test_a_file_a_visitor_downloads_leaves_the_whole_configuration_behind_it(client):
    # A streamed answer read by nobody is never closed, so Django never gave the thread its whole
    # configuration back: code run after it (here the test) could not find an admin address.
    from portal.testing.factories import library_document

    document = library_document("Quyết định thử nghiệm")
    response = client.get(document.url)
    try:
        assert response.status_code == 200 and response.streaming
        assert reverse("wagtailadmin_home") == "/admin/"
        assert reverse("planning_calendar").startswith("/admin/")
    finally:
        response.close()  # as the server does when the file is sent: the request ends
