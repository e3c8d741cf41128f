import pytest
from django.utils import translation

from portal.collected.models import FeedSource
from portal.news.tests.factories import section
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

from . import feeds


@pytest.fixture(scope="session")
def feed_server():
    with feeds.FeedServer() as server:
        server.routes.update(
            {
                "/rss": feeds.Route(feeds.RSS),
                "/atom": feeds.Route(feeds.ATOM, content_type="application/atom+xml; charset=utf-8"),
                "/hostile": feeds.Route(feeds.HOSTILE),
                "/html": feeds.Route(feeds.HTML_PAGE, content_type="text/html; charset=utf-8"),
                "/invalid": feeds.Route(feeds.INVALID_XML),
                "/laughs": feeds.Route(feeds.BILLION_LAUGHS),
                "/huge": feeds.Route(feeds.HUGE),
                "/huge-unannounced": feeds.Route(feeds.HUGE, content_length=False),
                "/slow": feeds.Route(feeds.RSS, delay=2),
            }
        )
        yield server


@pytest.fixture
def only_test_sources(db, settings):
    """No other source (e.g. the demo's, which would need the network) is fetched; short timeout."""
    settings.COLLECTED_FETCH_TIMEOUT = 0.5
    FeedSource.objects.update(active=False)


@pytest.fixture
def make_source(feed_server, only_test_sources):
    def make(path: str, name: str | None = None, category: str = "tin-tuc-su-kien") -> FeedSource:
        return FeedSource.objects.create(
            name=name or f"Nguồn thử {path}",
            site_url="https://baochinhphu.vn",
            feed_url=feed_server.url(path),
            default_category=section(category),
        )

    return make


@pytest.fixture
def secretariat(db):
    return StaffFactory(role=roles.SECRETARIAT, unit=Unit.objects.get(code="van-phong"))


@pytest.fixture
def editor(db):
    """A category editor of Phòng Hợp tác quốc tế."""
    return StaffFactory(role=roles.CATEGORY_EDITOR, unit=Unit.objects.get(code="hop-tac-quoc-te"))


@pytest.fixture
def english():
    with translation.override("en"):
        yield
