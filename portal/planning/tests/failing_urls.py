"""The portal's addresses, and /hong/, which fails (a server error) on whichever site is asked."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def broken(request):
    raise ZeroDivisionError("a bug")


urlpatterns = [path("hong/", broken), *portal_urlpatterns]
