"""The RSS feeds of each agency's site carry that agency's items only."""

import pytest

from portal.testing.agencies import site, visitor
from portal.testing.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def test_each_sites_feeds_carry_its_own_items_only():
    first = ArticleFactory(title="Tin của Sở Ngoại vụ trong RSS")
    section = SectionFactory(parent=site("second").root_page.specific, title="Lễ hội", slug="le-hoi")
    second = ArticleFactory(parent=section, title="Tin của Sở Văn hóa trong RSS")
    first_feed = visitor("first").get("/rss/").content.decode()
    second_feed = visitor("second").get("/rss/").content.decode()
    assert first.title in first_feed and second.title not in first_feed
    assert second.title in second_feed and first.title not in second_feed
    assert "svhtt.lamson.example" in second_feed  # its links lead to its own site
    section_feed = visitor("second").get("/rss/le-hoi/")
    assert section_feed.status_code == 200 and second.title in section_feed.content.decode()
    assert visitor("first").get("/rss/le-hoi/").status_code == 404  # another site's category is not one of its own
