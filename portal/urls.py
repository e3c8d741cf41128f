"""The whole URL configuration: the staff side, then the public one (`portal.public_urls`).

Requests from the staff side and from signed-in users are resolved against this one; a visitor's
against the public one alone (`portal.core.urlconfs`), which never loads the admin's routes.
"""

from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from portal.accounts import views as accounts_views
from portal.core.urlconfs import ADMIN_PREFIX, DJANGO_ADMIN_PREFIX
from portal.public_urls import handler404, handler500
from portal.public_urls import urlpatterns as public_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]

urlpatterns = [
    # Before Wagtail's own: throttled, and the same answer as fast for any address (portal.accounts).
    path(
        f"{ADMIN_PREFIX}password_reset/",
        accounts_views.PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path(ADMIN_PREFIX, include(wagtailadmin_urls)),
    path(DJANGO_ADMIN_PREFIX, admin.site.urls),
    # i18n_patterns only work in the root URLconf, so the public patterns are reused, not include()d.
    *public_urlpatterns,
]
