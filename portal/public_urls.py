"""The public URL configuration: every address but the staff side (`portal.urls` adds that).

A visitor's request is resolved against this one (`portal.core.urlconfs.PublicURLConfMiddleware`),
so a web worker that serves only visitors never imports Wagtail's admin, its admin API and the
REST framework under it, nor builds their routes (issue 21: a worker's memory).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import routing as core_routing
from portal.core import views as core_views
from portal.core.sitemaps import BilingualSitemap
from portal.core.urlconfs import deferred_include
from portal.news import feeds
from portal.opendata import addresses as opendata_addresses
from portal.operations import views as operations_views
from portal.payments import urls as payments_urls
from portal.procedures.sitemaps import ProcedureSitemap
from portal.search import views as search_views

urlpatterns = [
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": BilingualSitemap, "procedures": ProcedureSitemap}},
        name="sitemap",
    ),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("health/", operations_views.health, name="health"),
    path("payments/", include(payments_urls)),
    # Built at the first request under it (django-ninja, pydantic: some 10 MiB); the pages' footer links to
    # it through portal.opendata.addresses, not reverse().
    deferred_include(opendata_addresses.PREFIX, "portal.opendata.urls", "opendata"),
]

urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    path("rss/", feeds.LatestItemsFeed(), name="feed"),
    path("rss/<path:section_path>/", feeds.SectionFeed(), name="section_feed"),
    path("ho-so/", include("portal.applications.urls")),
    path("", include(payments_urls.return_urlpatterns)),
    # Wagtail's pages, the route of each path kept per publication (core.routing); its other URLs as they are.
    path("", include(wagtail_urls.urlpatterns[:-1])),
    re_path(wagtail_urls.serve_pattern, core_routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    # The embedded default serves its own files (`make run` turns runserver's own static handler off:
    # it answers 500 to /static/../x); in production the web server does. Not documents' files: see
    # portal.core.local_files.
    from portal.core import local_files

    urlpatterns = [*local_files.urlpatterns(), *urlpatterns]

handler404 = "portal.core.views.page_not_found"
handler500 = "portal.core.views.server_error"
