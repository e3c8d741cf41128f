"""Anonymous visitors get whole pages from the cache; any change they could see shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.news.tests.factories import publish_article, section, vietnamese_home
from portal.testing.factories import StaffFactory
from portal.units import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` ends a change as its transaction would: the on-commit hooks run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_second_anonymous_request_is_served_from_cache_without_queries(client):
    news = section("tin-tuc-su-kien")
    first = client.get(news.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(news.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_publishing_an_item_shows_on_the_next_request(client, committed):
    news = section("tin-tuc-su-kien")
    home = vietnamese_home()
    client.get(news.url)
    client.get(home.url)
    with committed():
        article = publish_article(news, title="Tin vừa xuất bản về hợp tác với Lào")
    assert article.title in client.get(news.url).content.decode()
    assert article.title in client.get(home.url).content.decode()


def test_editing_and_unpublishing_show_on_the_next_request(client, committed):
    news = section("tin-tuc-su-kien")
    with committed():
        article = publish_article(news, title="Tiêu đề ban đầu")
    assert "Tiêu đề ban đầu" in client.get(article.url).content.decode()
    article.title = "Tiêu đề đã sửa"
    with committed():
        article.save_revision().publish()
    assert "Tiêu đề đã sửa" in client.get(article.url).content.decode()
    assert "Tiêu đề đã sửa" in client.get(news.url).content.decode()
    with committed():
        article.unpublish()
    assert client.get(article.url).status_code == 404
    assert "Tiêu đề đã sửa" not in client.get(news.url).content.decode()


def test_changing_the_agency_contact_shows_in_the_footer(client, committed):
    from portal.core.models import AgencySettings

    client.get("/")
    agency = AgencySettings.load()
    agency.phone = "0234 3999 888"
    with committed():
        agency.save()
    assert "0234 3999 888" in client.get("/").content.decode()


def test_signed_in_staff_are_never_served_from_cache(client):
    news = section("tin-tuc-su-kien")
    client.get(news.url)
    client.force_login(StaffFactory(role=roles.CONTRIBUTOR))
    response = client.get(news.url)
    assert "X-Page-Cache" not in response
    client.logout()
    assert client.get(news.url)["X-Page-Cache"] == "hit"


def test_errors_are_not_cached(client):
    first = client.get("/khong-ton-tai/")
    assert first.status_code == 404
    assert "X-Page-Cache" not in first


def test_uncommitted_changes_do_not_clear_the_cache(client):
    news = section("tin-tuc-su-kien")
    client.get(news.url)
    publish_article(news, title="Tin chưa được ghi hẳn vào cơ sở dữ liệu")
    assert client.get(news.url)["X-Page-Cache"] == "hit"
