"""Response headers Django and django-csp do not send themselves."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin
from wagtail.coreutils import resolve_model_string


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` -> `camera=(), fullscreen=(self)` (the header's syntax)."""
    parts = []
    for feature, allowed in policy.items():
        origins = " ".join(origin if origin in ("self", "*") else f'"{origin}"' for origin in allowed)
        parts.append(f"{feature}=({origins})")
    return ", ".join(parts)


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY as the Permissions-Policy header on every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read per response, not at start-up, so that a test's override_settings applies.
        policy = getattr(settings, "PERMISSIONS_POLICY", None)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy_header(policy)
        return response


class ChooserIdGuardMiddleware:
    """A 404, not a 500, for a Wagtail chooser's "chosen" URL whose id cannot be one of the model's.

    Wagtail's ChosenView looks the object up with the id from the URL and catches DoesNotExist only,
    so `/admin/snippets/choose/units/unit/chosen/abc/` raises ValueError (and `chosen-multiple/?id=abc`
    the same). The id is checked here against the model's primary key before the view runs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        view_class = getattr(view_func, "view_class", None)
        if view_class is None or not issubclass(view_class, ChosenViewMixin | ChosenMultipleViewMixin):
            return None
        model = getattr(view_func, "view_initkwargs", {}).get("model") or view_class.model
        if not model:
            return None
        if issubclass(view_class, ChosenViewMixin):
            ids = [unquote(str(view_kwargs.get("pk", "")))]
        else:
            ids = request.GET.getlist("id")
        pk_field = resolve_model_string(model)._meta.pk
        try:
            for value in ids:
                pk_field.to_python(value)
        except ValidationError as error:
            raise Http404 from error
        return None
