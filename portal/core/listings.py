"""What the structured content types' index pages share: pagination, filter links and an RSS feed.

An index page (the documents registry, the work programmes, the albums...) is a category of
the site that lists pages of its own type; each offers its list as RSS at `<index>/rss/`.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.contrib.routable_page.models import path

FEED_SIZE = 30


def paginate(request: HttpRequest, items, *, per_page: int | None = None) -> Page:
    """One page of `items`; an unknown page number shows the first page rather than an error."""
    paginator = Paginator(items, per_page or settings.PORTAL_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(1)


def query_prefix(request: HttpRequest) -> str:
    """The current filters as `a=1&b=2&`, for pagination links that keep them."""
    params = request.GET.copy()
    params.pop("page", None)
    return f"{params.urlencode()}&" if params else ""


class IndexPageFeed(Feed):
    """RSS of an index page: its `feed_items()`, each with `title`, `lead` and `first_published_at`."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index):
        return index.title

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.search_description or index.title

    def items(self, index):
        return index.feed_items()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "lead", "")

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at


class FeedRouteMixin:
    """For a RoutablePageMixin index page: its `feed_items()` as RSS at `<index>/rss/`."""

    @path("rss/", name="feed")
    def rss(self, request):
        return IndexPageFeed(self)(request)
