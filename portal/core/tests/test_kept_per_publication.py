"""Parts of pages kept per publication (core.per_request) show every change on the next request.

Publishing, unpublishing, moving and restricting a page are read right after on the home page,
the categories and an item, by a visitor the page cache serves and by one it steps aside for (a
session cookie: the page is rendered, with the parts kept per publication).
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.core.models import AgencySettings
from portal.news.tests.factories import publish_article, section, vietnamese_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` ends a change as its transaction would: the on-commit hooks run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def kept(settings):
    settings.PUBLICATION_CACHE_SECONDS = 3600  # off in the test settings


@pytest.fixture
def visitors():
    anonymous = Client()
    rendered = Client()
    rendered.cookies["sessionid"] = "bypass-page-cache"
    return {"anonymous": anonymous, "rendered": rendered}


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_rendered_page_is_kept_until_the_next_publication(kept, visitors):
    client = visitors["rendered"]
    for url in (section("tin-tuc-su-kien").url, vietnamese_home().url, "/tim-kiem/?q=hop+tac"):
        with CaptureQueriesContext(connection) as first_queries:
            first = _html(client, url)
        with CaptureQueriesContext(connection) as queries:
            second = _html(client, url)
        assert second == first
        # The page's own lookup (and a listing's count) remain; the items, menu and blocks are kept.
        assert len(queries) < len(first_queries) / 2, url


@pytest.mark.parametrize("who", ["anonymous", "rendered"])
def test_publish_unpublish_move_and_restrict_show_on_the_next_request(kept, visitors, committed, who):
    client = visitors[who]
    news, cooperation, home = section("tin-tuc-su-kien"), section("hop-tac-quoc-te"), vietnamese_home()
    with committed():
        first = publish_article(news, title="Tin thứ nhất về hợp tác Huế – Lào")
    search = "/tim-kiem/?q=doan+cong+tac+han+quoc"  # the results are kept per publication too
    pages = [home.url, news.url, cooperation.url, first.url, search]
    for url in pages:  # every page rendered and kept
        _html(client, url)

    # Published: on the home page, in its category, among the related items of its sibling.
    with committed():
        second = publish_article(news, title="Tin thứ hai về đoàn công tác Hàn Quốc")
    for url in (home.url, news.url, first.url, search):
        assert second.title in _html(client, url), url

    # Edited and published again: the new title everywhere, the item's own page too.
    second.title = "Tin thứ hai (đã sửa) về đoàn công tác Hàn Quốc"
    with committed():
        second.save_revision().publish()
    assert second.title in _html(client, second.url)
    for url in (home.url, news.url, first.url, search):
        assert second.title in _html(client, url), url

    # Moved to another category: listed there, not in the old one; the old address leads to the new.
    old_url = second.url
    with committed():
        second.move(cooperation, pos="last-child")
    second.refresh_from_db()
    assert second.title in _html(client, cooperation.url)
    assert second.title not in _html(client, news.url)
    assert second.title not in _html(client, first.url)  # no longer a sibling
    assert client.get(old_url)["Location"] == second.url
    assert second.title in _html(client, second.url)

    # Restricted to signed-in users: off the home page and the category, the item asks to sign in.
    with committed():
        restriction = PageViewRestriction.objects.create(page=second, restriction_type=PageViewRestriction.LOGIN)
    assert second.title not in _html(client, home.url)
    assert second.title not in _html(client, cooperation.url)
    assert second.title not in _html(client, search)
    assert client.get(second.url).status_code == 302
    with committed():
        restriction.delete()
    assert second.title in _html(client, cooperation.url)

    # Unpublished: gone from every page, its address 404.
    with committed():
        second.unpublish()
    for url in (home.url, cooperation.url, news.url, first.url, search):
        assert second.title not in _html(client, url), url
    assert client.get(second.url).status_code == 404


def test_a_preview_is_never_served_from_what_was_kept(kept, visitors):
    news = section("tin-tuc-su-kien")
    article = publish_article(news, title="Tin đã xuất bản")
    assert "Tin đã xuất bản" in _html(visitors["rendered"], article.url)  # kept
    article.title = "Bản nháp chưa xuất bản"
    draft = article.save_revision().as_object()
    preview = draft.make_preview_request()
    assert "Bản nháp chưa xuất bản" in preview.rendered_content
    assert "Bản nháp chưa xuất bản" not in _html(visitors["rendered"], article.url)


def test_a_page_is_found_by_its_kept_route_without_walking_the_tree(kept, visitors):
    client = visitors["rendered"]
    article = publish_article(section("tin-tuc-su-kien"), title="Tin tìm theo đường dẫn đã giữ")
    first = _html(client, article.url)
    with CaptureQueriesContext(connection) as queries:
        second = _html(client, article.url)
    assert second == first
    assert not [query for query in queries.captured_queries if '"slug" = ' in query["sql"]]
    for _ in range(2):  # a sub-path no route of the item answers, nor any page: not found, kept or not
        assert client.get(f"{article.url}khong-co/").status_code == 404


def test_the_agencys_settings_show_on_the_next_request(kept, visitors, committed):
    client = visitors["rendered"]
    home = vietnamese_home()
    _html(client, home.url)  # the settings kept with the site
    agency = AgencySettings.load()
    agency.name_vi = "Sở Ngoại vụ (tên mới sau khi sửa)"
    with committed():
        agency.save()
    assert "Sở Ngoại vụ (tên mới sau khi sửa)" in _html(client, home.url)


def test_every_page_of_a_category_listing_follows_a_publication(kept, visitors, committed, settings):
    # The count and each page of items are kept: a new item pushes the others one place down the pages.
    settings.PORTAL_PAGE_SIZE = 2
    client = visitors["rendered"]
    category = section("hop-tac-quoc-te")
    with committed():
        oldest, middle, newest = (
            publish_article(category, title=f"Tin phân trang {n}", days_ago=3 - n) for n in range(3)
        )
    second_page = f"{category.url}?page=2"
    assert oldest.title in _html(client, second_page) and middle.title not in _html(client, second_page)
    assert "?page=3" not in _html(client, category.url)
    with committed():
        publish_article(category, title="Tin phân trang thứ tư")
    page_two = _html(client, second_page)
    assert middle.title in page_two and oldest.title in page_two  # pushed down from the first page
    with committed():
        publish_article(category, title="Tin phân trang mới nhất")
    assert oldest.title not in _html(client, second_page)
    assert oldest.title in _html(client, f"{category.url}?page=3")  # a third page now, and the count says so
    beyond = _html(client, f"{category.url}?page=99")  # beyond the last: the first page
    assert "Tin phân trang mới nhất" in beyond and newest.title not in beyond
