from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from portal.core.selectors import home_for_request

from .models import ArticlePage, SectionPage

FEED_SIZE = 30


class LatestItemsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return home_for_request(request)

    def title(self, home):
        return _("%(site)s: latest items") % {"site": home.title}

    def link(self, home):
        return home.get_url(self.request)

    def description(self, home):
        return _("The newest items published on the site.")

    def items(self, home):
        return ArticlePage.objects.live().public().descendant_of(home).order_by("-first_published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.author_name or None


class SectionFeed(LatestItemsFeed):
    def get_object(self, request, section_path: str, *args, **kwargs):
        self.request = request
        home = home_for_request(request)
        slugs = [slug for slug in section_path.strip("/").split("/") if slug]
        section = home.route(request, slugs).page.specific
        if not isinstance(section, SectionPage) or not SectionPage.objects.public().filter(pk=section.pk).exists():
            raise Http404
        return section

    def title(self, section):
        return section.title

    def link(self, section):
        return section.get_url(self.request)

    def description(self, section):
        return _("The newest items of the category %(category)s.") % {"category": section.title}
