"""/hong/ fails (a server error) on whichever site is asked."""

from django.urls import path


def broken(request):
    raise ZeroDivisionError("a bug")


urlpatterns = [path("hong/", broken)]
