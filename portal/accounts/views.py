"""Second-factor pages (verify, enrol), the lockout page of the login, the password reset and the sign-in
failures report."""

from axes.models import AccessFailureLog
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import account
from wagtail.admin.views.account import LoginView
from wagtail.admin.views.reports import ReportView

from portal.core.clients import client_address

from . import lockout, services
from .forms import EnrolForm, VerifyForm


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def verify(request: HttpRequest) -> HttpResponse:
    """Ask a user who has a device for a code; the admin stays closed until one is accepted."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not services.has_second_factor(request.user):
        return redirect(reverse("accounts_second_factor_enrol") + f"?next={_next_url(request)}")
    form = VerifyForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return TemplateResponse(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and secret, confirmed by a first code."""
    user = request.user
    if services.has_second_factor(user):
        if not user.is_verified():
            return redirect(reverse("accounts_second_factor_verify") + f"?next={_next_url(request)}")
        return TemplateResponse(request, "accounts/enrolled.html", {"required": services.requires_second_factor(user)})
    device = services.pending_device(user)
    form = EnrolForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)  # the code just proved the device: this session is verified
        messages.success(request, _("Two-step verification is on. You will be asked for a code at each sign-in."))
        return redirect(_next_url(request))
    return TemplateResponse(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "required": services.requires_second_factor(user),
            "qr_code": services.qr_code_svg(device),
            "secret": services.secret_base32(device),
        },
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes' lockout answer: Wagtail's sign-in page with the reason, instead of a bare text."""
    view = LoginView()
    view.setup(request)
    username = (credentials or {}).get("username") or ""
    form = view.get_form_class()(request, initial={"username": username})
    context = view.get_context_data(form=form)
    context["lockout_message"] = services.lockout_message(address=lockout.address_blocked(request))
    return render(request, "accounts/locked_out.html", context, status=429)  # axes' middleware needs it rendered


class PasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, throttled per address and per e-mail typed, and answering at once:
    the mail (if the address is a staff member's) leaves in the background."""

    def form_valid(self, form) -> HttpResponse:
        try:
            services.password_reset_request(
                email=form.cleaned_data["email"],
                address=client_address(self.request),
                domain=self.request.get_host(),
                use_https=self.request.is_secure(),
                language=get_language(),
            )
        except services.PasswordResetThrottled:
            form.add_error(None, services.password_reset_throttle_message())
            return self.form_invalid(form)
        return HttpResponseRedirect(self.get_success_url())


class SignInFailuresReport(ReportView):
    """Failed sign-ins and lockouts, from django-axes' log, for superusers."""

    page_title = _("Sign-in failures")
    header_icon = "warning"
    index_url_name = "accounts_sign_in_failures"
    index_results_url_name = "accounts_sign_in_failures_results"
    columns = [
        DateColumn("attempt_time", label=_("Attempted at")),
        Column("username", label=_("User name entered")),
        Column("ip_address", label=_("IP address")),
        Column("path_info", label=_("Sign-in form")),
        StatusTagColumn(
            "locked_out",
            label=_("Locked out"),
            accessor=lambda entry: _("Locked out") if entry.locked_out else "",
            primary=lambda entry: entry.locked_out,
        ),
    ]
    list_export = ["attempt_time", "username", "ip_address", "path_info", "locked_out"]
    export_headings = {
        "attempt_time": _("Attempted at"),
        "username": _("User name entered"),
        "ip_address": _("IP address"),
        "path_info": _("Sign-in form"),
        "locked_out": _("Locked out"),
    }

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_superuser:  # the log shows who tried which account from where
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AccessFailureLog.objects.order_by("-attempt_time")
