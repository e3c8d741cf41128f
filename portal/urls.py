from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.accounts import views as accounts_views
from portal.core import routing as core_routing
from portal.core import views as core_views
from portal.core.sitemaps import BilingualSitemap
from portal.news import feeds
from portal.operations import views as operations_views
from portal.payments import urls as payments_urls
from portal.procedures.sitemaps import ProcedureSitemap
from portal.search import views as search_views

urlpatterns = [
    # Before Wagtail's own: throttled, and the same answer as fast for any address (portal.accounts).
    path("admin/password_reset/", accounts_views.PasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
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
    path("api/v1/", include("portal.opendata.urls")),
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
