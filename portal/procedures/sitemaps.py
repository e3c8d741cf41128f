from django.contrib.sitemaps import Sitemap
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Site

from portal.core.models import AgencySettings

from .selectors import catalogue_page, effective_versions


class ProcedureSitemap(Sitemap):
    """Each procedure in effect of the site's agency, in both languages: they live on the catalogue page's
    own routes, which Wagtail's page sitemap cannot see. The catalogue is read once, however many procedures."""

    site: Site | None = None

    def get_urls(self, page=1, site=None, protocol=None):
        # The site asked (its host, as the sitemap view passes it): each agency's sitemap lists its own.
        hostname = split_domain_port(site.domain)[0] if site is not None else ""
        self.site = Site.objects.filter(hostname=hostname).first() or Site.objects.filter(is_default_site=True).first()
        return super().get_urls(page=page, site=site, protocol=protocol)

    def items(self):
        agency = AgencySettings.for_site(self.site) if self.site else None
        catalogue = catalogue_page(agency)
        if catalogue is None:
            return []
        entries = []
        for language in ("vi", "en"):
            with translation.override(language):
                page = catalogue.localized
            if not page.live:
                continue
            base = page.get_url(current_site=self.site)
            for version in effective_versions(agency):
                entries.append((base + page.own_route("procedure", slug=version.procedure.slug), version))
        return entries

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1].effective_from
