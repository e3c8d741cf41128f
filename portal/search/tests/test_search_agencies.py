"""Search on one installation of several agencies: each agency's site finds its own pages only, the
province's portal finds every agency's, each result naming the agency it comes from."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.news.models import SectionPage
from portal.news.tests.factories import publish_article
from portal.testing.agencies import agency, site, visitor

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

SEARCH_VI = "/tim-kiem/"


def _section_of(key: str) -> SectionPage:
    """A news category of the agency's Vietnamese tree."""
    return SectionPage.objects.live().descendant_of(site(key).root_page).order_by("path").first()


def _found(key: str, query: str) -> tuple[list[str], str]:
    client = visitor(key)
    client.cookies["sessionid"] = "none"  # rendered: the page cache steps aside (tests never commit)
    response = client.get(SEARCH_VI, {"q": query})
    assert response.status_code == 200
    titles = [result.title for result in response.context["results"]] if "results" in response.context else []
    return titles, response.content.decode()


def test_a_page_of_the_second_agency_is_found_on_its_site_and_the_provinces_not_on_the_first():
    publish_article(_section_of("second"), title="Lễ hội văn hóa Zambezi", lead="Tin của Sở Văn hóa.")
    assert _found("second", "le hoi zambezi")[0] == ["Lễ hội văn hóa Zambezi"]
    assert _found("first", "le hoi zambezi")[0] == []
    titles, page = _found("province", "le hoi zambezi")
    assert titles == ["Lễ hội văn hóa Zambezi"]
    # Named by its agency, and linked on the agency's own site.
    assert agency("second").name_vi in page
    assert "http://svhtt.lamson.example/" in page


def test_a_page_of_the_first_agency_is_found_on_its_site_and_the_provinces_not_on_the_second():
    publish_article(_section_of("first"), title="Đoàn công tác Tuvalu", lead="Tin của Sở Ngoại vụ.")
    assert _found("first", "tuvalu")[0] == ["Đoàn công tác Tuvalu"]
    assert _found("second", "tuvalu")[0] == []
    titles, page = _found("province", "tuvalu")
    assert titles == ["Đoàn công tác Tuvalu"]
    assert agency("first").name_vi in page


def test_the_provinces_own_pages_are_found_on_its_portal_only_and_an_agency_site_names_no_agency():
    publish_article(_section_of("province"), title="Chỉ đạo của tỉnh về Kiribati")
    assert _found("province", "kiribati")[0] == ["Chỉ đạo của tỉnh về Kiribati"]
    assert _found("first", "kiribati")[0] == [] and _found("second", "kiribati")[0] == []
    publish_article(_section_of("second"), title="Giải bóng chuyền Kiribati")
    _titles, page = _found("second", "giai bong chuyen kiribati")
    assert 'class="search-result__agency"' not in page  # on an agency's own site every result is its own


def test_the_province_search_ranks_every_agencys_matches_as_one_list():
    publish_article(_section_of("first"), title="Hợp tác Nauru", days_ago=3)
    publish_article(_section_of("second"), title="Thông báo chung", lead="Đón đoàn Nauru.", days_ago=1)
    publish_article(_section_of("province"), title="Tỉnh đón đoàn Nauru", days_ago=2)
    titles, page = _found("province", "nauru")
    # Title matches first (shorter title, higher rank), then the body match; each named by its agency.
    assert titles == ["Hợp tác Nauru", "Tỉnh đón đoàn Nauru", "Thông báo chung"]
    for key in ("first", "second", "province"):
        assert agency(key).name_vi in page


def test_province_search_queries_do_not_grow_with_the_matches_or_their_agencies():
    client = visitor("province")
    client.cookies["sessionid"] = "none"  # every request rendered: the page cache steps aside
    publish_article(_section_of("second"), title="Hội nghị Palau lần thứ nhất")
    client.get(SEARCH_VI, {"q": "palau"})  # warm the per-process caches (site, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(SEARCH_VI, {"q": "palau"})
    for number in range(6):
        publish_article(_section_of("first"), title=f"Hội nghị Palau lần {number + 2}")
        publish_article(_section_of("province"), title=f"Tỉnh họp về Palau lần {number + 2}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(SEARCH_VI, {"q": "palau"})
    assert len(response.context["results"]) == 12  # a full page of the 13 matches, from three agencies
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_search_follows_a_page_edited_moved_unpublished_and_deleted():
    """What a search finds changes with the page, in the same transaction (on PostgreSQL, the search
    table's triggers follow Wagtail's index and the page tree)."""
    article = publish_article(_section_of("first"), title="Hội chợ Vanuatu")
    assert _found("first", "vanuatu")[0] == ["Hội chợ Vanuatu"]
    article.title = "Hội chợ Tonga"
    article.save_revision().publish()
    assert _found("first", "vanuatu")[0] == [] and _found("first", "tonga")[0] == ["Hội chợ Tonga"]
    article.move(_section_of("second"), pos="last-child")
    assert _found("first", "tonga")[0] == [] and _found("second", "tonga")[0] == ["Hội chợ Tonga"]
    article.refresh_from_db()
    article.unpublish()
    assert _found("second", "tonga")[0] == [] and _found("province", "tonga")[0] == []
    article.save_revision().publish()
    assert _found("second", "tonga")[0] == ["Hội chợ Tonga"]
    article.delete()
    assert _found("second", "tonga")[0] == [] and _found("province", "tonga")[0] == []
