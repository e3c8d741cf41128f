from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import services


class SecondFactorMiddleware:
    """Keep the staff side closed to a signed-in user who still owes a second factor.

    Anyone with a confirmed device must enter a code; an approver or superuser without one must
    enrol first. Until then every admin URL (Wagtail's and Django's) redirects to that page, so a
    stolen password alone can neither read the admin nor publish. Runs after django-otp's
    OTPMiddleware, which sets `user.is_verified()` from the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._pending_step(request)
        if target:
            query = {"next": request.get_full_path()} if request.method == "GET" else {}
            return redirect(f"{reverse(target)}?{urlencode(query)}" if query else reverse(target))
        return self.get_response(request)

    def _pending_step(self, request: HttpRequest) -> str | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        path = request.path_info
        if not path.startswith((reverse("wagtailadmin_home"), reverse("admin:index"))):
            return None
        if path in _open_paths():
            return None
        if services.has_second_factor(user):
            return "accounts_second_factor_verify"
        if services.requires_second_factor(user):
            return "accounts_second_factor_enrol"
        return None


def _open_paths() -> set[str]:
    # What the second-factor pages themselves need: themselves, signing out, the admin's JS catalogue
    # and icon sprite (fetched by script; redirecting it pasted the verify form into the page twice).
    names = [
        "accounts_second_factor_verify",
        "accounts_second_factor_enrol",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    ]
    return {reverse(name) for name in names}
