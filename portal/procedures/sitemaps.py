from django.contrib.sitemaps import Sitemap
from django.utils import translation

from .selectors import catalogue_page, effective_versions


class ProcedureSitemap(Sitemap):
    """Each procedure in effect, in both languages: they live on the catalogue page's own routes,
    which Wagtail's page sitemap cannot see. The catalogue is read once, however many procedures."""

    def items(self):
        catalogue = catalogue_page()
        if catalogue is None:
            return []
        entries = []
        for language in ("vi", "en"):
            with translation.override(language):
                page = catalogue.localized
            if not page.live:
                continue
            base = page.get_url()
            for version in effective_versions():
                entries.append((base + page.own_route("procedure", slug=version.procedure.slug), version))
        return entries

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1].effective_from
