from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    """Wagtail's sitemap covers the site root only; ours adds every language's translated tree."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = root.get_translations(inclusive=True)
        descendants = Page.objects.none()
        for home in homes:
            descendants |= Page.objects.descendant_of(home, inclusive=True)
        return descendants.live().public().order_by("path").defer_streamfields().specific()
