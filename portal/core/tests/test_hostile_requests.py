"""What a hostile crawl sees: the portal's own bilingual pages for 400 and 403, 405 with Allow for
TRACE and OPTIONS, a favicon, and `<time datetime>` values a validator accepts."""

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, override_settings
from django.urls import path

from portal.testing.factories import ArticleFactory
from portal.urls import urlpatterns as portal_urlpatterns

pytestmark = pytest.mark.django_db


def refuse(request):
    raise PermissionDenied


def malformed(request):
    raise SuspiciousOperation("a broken multipart body")


# Django's own handlers render the project's 400.html and 403.html.
urlpatterns = [path("test-refuse/", refuse), path("test-malformed/", malformed), *portal_urlpatterns]


def test_a_bad_host_gets_the_bilingual_400_page(client):
    response = client.get("/", headers={"host": "bad host name"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html and "Bad request" in html
    assert '<html lang="vi">' in html and '<div lang="en">' in html
    assert "Bad Request (400)" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_a_malformed_request_and_a_refusal_get_the_portals_pages(client):
    response = client.get("/test-malformed/")
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.content.decode()
    response = client.get("/test-refuse/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html and "Access denied" in html and "403 Forbidden" not in html


def test_a_form_sent_without_its_token_still_gets_the_form_page():
    response = Client(enforce_csrf_checks=True).post("/hoi-dap/gui-cau-hoi/", {"name": "An"})
    assert response.status_code == 403 and "Biểu mẫu đã hết hạn" in response.content.decode()


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS"])
@pytest.mark.parametrize("url", ["/", "/en/", "/hoi-dap/", "/admin/login/"])
def test_trace_and_options_are_not_allowed(client, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert b"<html" not in response.content


def test_the_open_data_api_still_answers_options_for_cors(client):
    response = client.options("/api/v1/items/")
    assert response.status_code in (200, 204)
    assert "Access-Control-Allow-Methods" in response
    assert client.generic("TRACE", "/api/v1/items/").status_code == 405


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in response["Cache-Control"]


def test_time_datetime_values_have_no_fraction_of_a_second(client):
    # Published now: a moment with microseconds, among the latest items and the featured ones of the home page.
    ArticleFactory()
    ArticleFactory(featured=True)
    html = client.get("/").content.decode()
    values = re.findall(r'<time datetime="([^"]+)"', html)
    assert len(values) >= 3
    for value in values:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{4})?", value), value
