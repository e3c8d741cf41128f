"""Search over published content that ignores diacritics and case, with filters and refusals."""

import re

import pytest
from django.db import connection

from portal.news.tests.factories import publish_article, section

pytestmark = pytest.mark.django_db

SEARCH_VI = "/tim-kiem/"
SEARCH_EN = "/en/search/"


def _titles(response) -> list[str]:
    return [result.title for result in response.context["results"]] if "results" in response.context else []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ngoai vu", "Ngoại vụ"), ("ha noi", "Hà Nội"), ("da nang", "Đà Nẵng"), ("NGOẠI VỤ", "Ngoại vụ")],
)
def test_queries_without_diacritics_find_vietnamese_words(client, query, expected):
    publish_article(
        section("tin-tuc-su-kien"),
        title=f"Kiểm thử tìm kiếm {expected}",
        lead=f"Tin về {expected} và công tác đối ngoại.",
    )
    response = client.get(SEARCH_VI, {"q": query})
    assert response.status_code == 200
    titles = _titles(response)
    assert titles, f"{query!r} found nothing"
    assert f"Kiểm thử tìm kiếm {expected}" in titles


def test_title_matches_rank_above_body_matches(client):
    news = section("tin-tuc-su-kien")
    publish_article(news, title="Thông báo lịch tiếp công dân", body_html="<p>Đoàn khách Xứ Wales ghé thăm.</p>")
    publish_article(news, title="Đoàn khách Xứ Wales thăm Huế", body_html="<p>Chuyến thăm hữu nghị.</p>")
    titles = _titles(client.get(SEARCH_VI, {"q": "xu wales"}))
    assert titles[:2] == ["Đoàn khách Xứ Wales thăm Huế", "Thông báo lịch tiếp công dân"]


def test_search_shows_only_the_current_language_and_live_pages(client):
    news = section("tin-tuc-su-kien")
    draft = publish_article(news, title="Bản nháp Kiribati bí mật")
    draft.unpublish()
    english = publish_article(section("tin-tuc-su-kien", "en"), title="Lao friendship delegation visits Hue")
    assert _titles(client.get(SEARCH_VI, {"q": "kiribati"})) == []
    english_word = english.title.split()[0]
    vi_results = client.get(SEARCH_VI, {"q": english.title})
    assert english.title not in _titles(vi_results)
    assert english.title in _titles(client.get(SEARCH_EN, {"q": english.title})), english_word


def test_filter_by_category_and_dates(client):
    publish_article(section("hop-tac-quoc-te"), title="Hợp tác Quảng Trị Kyoto", days_ago=3)
    publish_article(section("tin-tuc-su-kien"), title="Tin tức Quảng Trị Kyoto", days_ago=40)
    cooperation = section("hop-tac-quoc-te")
    only_cooperation = _titles(client.get(SEARCH_VI, {"q": "quang tri kyoto", "category": cooperation.pk}))
    assert only_cooperation == ["Hợp tác Quảng Trị Kyoto"]
    import datetime as dt

    from django.utils import timezone

    since = (timezone.localdate() - dt.timedelta(days=10)).strftime("%d/%m/%Y")
    recent = _titles(client.get(SEARCH_VI, {"q": "quang tri kyoto", "date_from": since}))
    assert recent == ["Hợp tác Quảng Trị Kyoto"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "a" * 10_000}, "Vui lòng rút gọn"),
        ({"q": "hue", "date_from": "32/13/2020"}, "nn/tt/nnnn"),
        ({"q": "hue", "date_from": "10/05/2026", "date_to": "01/05/2026"}, "không được trước"),
        ({"q": "hue", "category": "not-a-number"}, "lựa chọn"),
        ({"q": "hue", "category": "999999"}, "lựa chọn"),
    ],
)
def test_bad_search_input_gets_a_translated_message_not_an_error(client, params, message):
    response = client.get(SEARCH_VI, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="results-heading"' not in response.content.decode()  # no results section at all


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        '"unbalanced',
        "AND OR NOT",
        "*",
        "( ) :",
        "\x00\x01",
        "😀 Huế",
        "ｈｕｅ",
        "\u202e evil",
        "%",
        "hue^2 title:x",
    ],
)
def test_odd_queries_never_break_the_page(client, query):
    response = client.get(SEARCH_VI, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_paginates_with_the_query_kept(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for number in range(3):
        publish_article(section("tin-tuc-su-kien"), title=f"Phân trang Montenegro {number}")
    first = client.get(SEARCH_VI, {"q": "montenegro"})
    assert first.context["results"].paginator.count == 3
    assert "q=montenegro&amp;page=2" in first.content.decode()
    second = client.get(SEARCH_VI, {"q": "montenegro", "page": "2"})
    assert len(_titles(second)) == 1
    assert client.get(SEARCH_VI, {"q": "montenegro", "page": "zzz"}).status_code == 200


def test_a_word_in_thousands_of_items_ranks_the_newest_matches_and_says_there_are_more(client, monkeypatch):
    from portal.search import ranked

    monkeypatch.setattr(ranked, "CANDIDATES", 3)  # the bound, made small enough to reach
    news = section("tin-tuc-su-kien")
    for number in range(5):
        publish_article(news, title=f"Thông cáo Zanzibar số {number}", lead="Tin thử giới hạn xếp hạng.")
    response = client.get(SEARCH_VI, {"q": "zanzibar"})
    assert response.context["capped"] is True
    assert len(_titles(response)) == 3
    assert "Hơn 3 kết quả" in response.content.decode()


def test_matches_read_window_by_window_are_the_newest_ranked_as_one_list(client, monkeypatch):
    """PostgreSQL reads the index's newest entries first, window by window (SQLite in one query): the
    visitor sees the newest matches, title matches first, then the newest, however they were read."""
    from portal.search import ranked

    monkeypatch.setattr(ranked, "CANDIDATES", 4)
    client.cookies["sessionid"] = "none"  # every request rendered: the page cache steps aside
    news = section("tin-tuc-su-kien")
    publish_article(news, title="Đoàn Vanuatu thăm Huế", days_ago=9)  # the oldest match: left out
    named = "<p>Đón đoàn Vanuatu.</p>"  # the same text: these rank alike, and the newest comes first
    publish_article(news, title="Thông báo tiếp khách", body_html=named, days_ago=8)
    publish_article(news, title="Tin khác", body_html=named, days_ago=1)
    publish_article(news, title="Không liên quan", days_ago=0.5)
    publish_article(news, title="Hợp tác với Vanuatu", days_ago=7)
    publish_article(news, title="Lịch công tác", body_html=named, days_ago=2)
    expected = ["Hợp tác với Vanuatu", "Tin khác", "Lịch công tác", "Thông báo tiếp khách"]
    assert _titles(client.get(SEARCH_VI, {"q": "vanuatu"})) == expected
    monkeypatch.setattr(ranked, "FIRST_WINDOW", 1)  # a few entries per window: the matches span them all
    monkeypatch.setattr(ranked, "WALK_AT_MOST", 3)
    response = client.get(SEARCH_VI, {"q": "vanuatu"})
    assert _titles(response) == expected
    assert response.context["capped"] is True


def test_search_queries_do_not_grow_with_the_number_of_matches(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies["sessionid"] = "none"  # every request rendered: the page cache steps aside
    news = section("tin-tuc-su-kien")
    publish_article(news, title="Hội nghị Tuvalu lần thứ nhất", lead="Tin thử số truy vấn.")
    client.get(SEARCH_VI, {"q": "tuvalu"})  # warm the per-process caches (site, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(SEARCH_VI, {"q": "tuvalu"})
    for number in range(15):
        publish_article(news, title=f"Hội nghị Tuvalu lần {number + 2}", lead="Tin thử số truy vấn.")
    with CaptureQueriesContext(connection) as many:
        response = client.get(SEARCH_VI, {"q": "tuvalu"})
    assert len(_titles(response)) == 12  # a full page of the 16 matches
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_a_kept_search_is_shared_by_the_same_question_and_links_only_the_forms_fields(
    client, settings, django_assert_max_num_queries
):
    settings.PUBLICATION_CACHE_SECONDS = 3600  # kept until the next publication, as in production
    for number in range(settings.PORTAL_PAGE_SIZE + 1):
        publish_article(section("tin-tuc-su-kien"), title=f"Tin thử tìm kiếm chung {number}")
    first = client.get("/tim-kiem/", {"q": "tìm kiếm chung", "utm_source": "<bản tin>"}).content.decode()
    assert 'href="?q=t%C3%ACm+ki%E1%BA%BFm+chung&amp;page=2"' in first  # the form's fields only
    pages = re.findall(r'href="\?([^"]*page=\d+)"', first)
    assert pages and not [link for link in pages if "utm_source" in link]
    # The same question with another tracking parameter reads the kept copy: no search query again.
    with django_assert_max_num_queries(4):
        again = client.get("/tim-kiem/", {"q": "tìm kiếm chung", "utm_source": "khac"}).content.decode()
    assert "Tin thử tìm kiếm chung" in again
    assert not [link for link in re.findall(r'href="\?([^"]*page=\d+)"', again) if "utm_source" in link]


def test_the_first_window_is_sized_by_the_tables_statistics():
    from portal.search.ranked import FIRST_WINDOW, GIN_AT_MOST, first_window

    title = ({"han": 0.05, "quoc": 0.06}, 0.001)  # the share of titles with each common word; any other's at most
    body = ({"han": 0.30, "quoc": 0.31, "hop": 0.5}, 0.002)
    assert first_window(["han", "quoc"], None) == FIRST_WINDOW  # no statistics yet: as before
    assert first_window(["han", "quoc"], (100_000.0, (title, body))) == FIRST_WINDOW  # common words: as before
    # A word listed nowhere is at most as common as the least common listed: rare, read through the indexes.
    assert (0.001 + 0.002) * 100_000 <= GIN_AT_MOST
    assert first_window(["han", "kumamoto"], (100_000.0, (title, body))) is None


@pytest.mark.parametrize("statistics", ["none", "rare", "common"])
def test_the_same_matches_are_found_whatever_the_statistics_say(client, monkeypatch, statistics):
    """The statistics only choose how the newest entries are read: the visitor sees the same results."""
    from portal.search import ranked

    said = {
        "none": None,
        "rare": (100_000.0, (({}, 0.0001), ({}, 0.0001))),
        "common": (100_000.0, (({"vanuatu": 0.9}, 0.0001), ({"vanuatu": 0.9}, 0.0001))),
    }[statistics]
    monkeypatch.setattr(ranked, "_statistics", lambda cursor: said)
    monkeypatch.setattr(ranked, "CANDIDATES", 3)
    monkeypatch.setattr(ranked, "FIRST_WINDOW", 1)
    monkeypatch.setattr(ranked, "WALK_AT_MOST", 2)
    client.cookies["sessionid"] = "none"  # every request rendered: the page cache steps aside
    news = section("tin-tuc-su-kien")
    publish_article(news, title="Đoàn Vanuatu thăm Huế", days_ago=9)  # the oldest match: left out
    publish_article(news, title="Tin khác", body_html="<p>Đón đoàn Vanuatu.</p>", days_ago=1)
    publish_article(news, title="Không liên quan", days_ago=0.5)
    publish_article(news, title="Hợp tác với Vanuatu", days_ago=7)
    publish_article(news, title="Lịch công tác", body_html="<p>Đón đoàn Vanuatu.</p>", days_ago=2)
    response = client.get(SEARCH_VI, {"q": "vanuatu"})
    assert _titles(response) == ["Hợp tác với Vanuatu", "Tin khác", "Lịch công tác"]
    assert "Hơn 3 kết quả" in response.content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search's own table and its statistics are PostgreSQL's"
)
def test_the_tables_statistics_are_read_and_kept_by_the_process(client, monkeypatch):
    """PostgreSQL (the PostgreSQL pass runs it; SQLite has no such table): after ANALYZE the table's
    statistics are read, then kept, and the search still finds what it should."""
    from django.test.utils import CaptureQueriesContext

    from portal.search import ranked

    monkeypatch.setattr(ranked, "_read_statistics", (float("-inf"), None))
    news = section("tin-tuc-su-kien")
    for number in range(30):
        publish_article(news, title=f"Hội nghị Seychelles lần {number}", lead="Tin thử thống kê.")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {ranked.ENTRIES}")
        statistics = ranked._statistics(cursor)
        assert statistics is not None
        rows, ((title_words, _), _) = statistics
        assert rows >= 30 and title_words["seychelles"] == pytest.approx(30 / rows, abs=0.02)
        with CaptureQueriesContext(connection) as again:
            assert ranked._statistics(cursor) == statistics
        assert not again.captured_queries  # kept: no query
    response = client.get(SEARCH_VI, {"q": "seychelles"})
    assert response.context["results"].paginator.count == 30
