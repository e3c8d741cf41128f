"""Feeds, sitemap, robots, error pages and security headers."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client, override_settings

from portal.home.models import HomePage
from portal.news.models import ArticlePage
from portal.testing.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_site_feed_lists_the_newest_items_of_the_language(client):
    ArticleFactory(days_ago=2)
    newest = ArticleFactory(days_ago=0)
    english_home = HomePage.objects.get(locale__language_code="en")
    english_item = ArticleFactory(parent=SectionFactory(parent=english_home), title="Cooperation news", slug="news")
    response = client.get("/rss/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "vi"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == newest.title
    assert english_item.title not in titles
    english = ET.fromstring(client.get("/en/rss/").content).find("channel")
    assert english.findtext("language") == "en"
    assert english_item.title in [item.findtext("title") for item in english.findall("item")]
    assert all(
        ArticlePage.objects.get(title=item.findtext("title"), locale__language_code="en")
        for item in english.findall("item")
    )


def test_category_feed_lists_only_that_category(client):
    documents = SectionFactory()
    ArticleFactory(parent=documents, days_ago=1)
    ArticleFactory(parent=documents)
    ArticleFactory()  # in a category of its own: not in this feed
    response = client.get(f"/rss/{documents.path_below_home}/")
    assert response.status_code == 200
    titles = {item.findtext("title") for item in ET.fromstring(response.content).iter("item")}
    assert titles == set(documents.items().values_list("title", flat=True)[:30])
    assert len(titles) == 2
    assert client.get("/rss/khong-co-muc-nay/").status_code == 404
    first_item = documents.items().first()
    assert client.get(f"/rss/{documents.path_below_home}/{first_item.slug}/").status_code == 404


def test_sitemap_lists_pages_of_both_languages(client):
    item = ArticleFactory()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert item.get_parent().url in body and item.url in body
    assert "/en/" in body


def test_robots_points_to_the_sitemap_and_hides_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_not_found_page_speaks_the_visitors_language(client):
    vi = client.get("/khong-co-trang-nay/")
    assert vi.status_code == 404
    assert "Không tìm thấy trang" in vi.content.decode()
    en = client.get("/en/no-such-page/")
    assert en.status_code == 404
    assert "Page not found" in en.content.decode()


@override_settings(DEBUG=False)
def test_server_error_page_is_bilingual_and_needs_no_database(monkeypatch):
    from portal.core import views

    response = views.server_error(None)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Đã xảy ra lỗi" in body and "Something went wrong" in body


@pytest.mark.parametrize(
    "url",
    [
        "/%ff%fe/",
        "/tin-tuc-su-kien/%00/",
        "/" + "a/" * 300,
        "/en/%E0%A4%A/",
        "/rss/../../etc/passwd",
        "/tin-tuc-su-kien/?page=" + "9" * 400,
        "/documents/999999/x.pdf",
        "/en/search/?q=%00%FF",
    ],
)
def test_malformed_urls_get_a_normal_page_or_a_clear_4xx(url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code < 500, url


def test_public_pages_send_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'self'" in csp
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_public_html_has_no_inline_scripts(client):
    article = ArticleFactory(title="Hợp tác quốc tế tại Huế")  # found by the search below
    for url in ("/", "/en/", article.url, "/tim-kiem/?q=hue"):
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            assert tag.split(">")[0].strip().startswith("src="), f"inline script on {url}"


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_the_database_away_is_a_503_to_try_again_shortly_not_a_server_error(monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    client = Client(raise_request_exception=False, HTTP_COOKIE="sessionid=x")  # past the page cache
    monkeypatch.setattr(CursorWrapper, "execute", unreachable)
    response = client.get("/tin-tuc-su-kien/")
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"
    assert "Hệ thống tạm gián đoạn" in body and "Temporarily unavailable" in body
    assert "không bị ghi hai lần" in body and "not recorded twice" in body


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_any_other_fault_is_still_a_server_error(monkeypatch):
    from portal.news.models import SectionPage

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    category = SectionFactory()
    monkeypatch.setattr(SectionPage, "serve", broken)
    response = Client(raise_request_exception=False, HTTP_COOKIE="sessionid=x").get(category.url)
    assert response.status_code == 500
    assert "Đã xảy ra lỗi" in response.content.decode()
