"""The applicant's pages: the form, the tracking page, supplements, files, payment, look-up, sign-in.

An application is reached only through its tracking link (public id + secret); a wrong secret
and an unknown application answer the same 404, so a guessed receipt number or id reveals
nothing. Every page here is personal: none is kept by the page cache or by the browser's cache.
"""

from __future__ import annotations

import hmac
import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core import clients, formguards
from portal.core.models import AgencySettings
from portal.procedures.selectors import effective_version_for_slug, procedure_url

from . import accounts, guards, selectors, services
from .forms import ApplicationForm, LookupForm, SignInForm, SupplementForm
from .models import Application, Upload, private_storage
from .notifications import tracking_path
from .uploads import CONTENT_TYPES


def personal(view):
    """Never cached anywhere: these pages show one person's application."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Cache-Control"] = "private, no-store, max-age=0"
        return response

    return wrapped


REFUSALS = {
    guards.TokenProblem.MISSING: gettext_lazy(
        "The form could not be checked. Please send it again from this page (your entries have been kept)."
    ),
    guards.TokenProblem.TOO_FAST: gettext_lazy(
        "The form was sent faster than a person can fill it in. Please check your entries and send it again."
    ),
    guards.TokenProblem.EXPIRED: gettext_lazy(
        "The form was open for too long. Please check your entries and send it again (they have been kept)."
    ),
}
HONEYPOT_REFUSAL = gettext_lazy(
    "Your application could not be accepted. Please leave the field “Leave this field empty” empty."
)
FLOOD_REFUSAL = gettext_lazy(
    "Too many attempts have come from your connection in a short time. Please wait ten minutes and try again."
)


def application_for(request: HttpRequest, public_id, secret: str) -> Application:
    """The application of this site's agency with this link: another agency's opens as a wrong link does."""
    application = (
        Application.objects.select_related("version__procedure", "procedure__unit")
        .filter(public_id=public_id, agency=AgencySettings.for_request(request))
        .first()
    )
    if application is None or not hmac.compare_digest(application.secret.encode(), secret.encode()):
        raise Http404
    return application


def _language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


# --- The form ------------------------------------------------------------------------------------


@personal
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    version = effective_version_for_slug(slug, agency=AgencySettings.for_request(request))
    if not version.is_online:
        raise Http404
    applicant = accounts.current_applicant(request)
    prefill = selectors.prefill_for_applicant(applicant)
    source = None
    if request.GET.get("tu") and request.GET.get("ma"):  # "apply again" from a tracking page
        try:
            source = application_for(request, uuid.UUID(request.GET["tu"]), request.GET["ma"])
        except (ValueError, Http404):
            source = None
        if source is not None:
            prefill = selectors.prefill_for_application(source)
    return _form_view(request, version, draft=None, prefill=prefill, applicant=applicant, reused_from=source)


@personal
def edit_draft(request: HttpRequest, public_id, secret: str) -> HttpResponse:
    application = application_for(request, public_id, secret)
    if application.status != Application.DRAFT:
        return redirect(tracking_path(application))
    version = effective_version_for_slug(application.procedure.slug, agency=AgencySettings.for_request(request))
    applicant = accounts.current_applicant(request)
    return _form_view(request, version, draft=application, prefill=None, applicant=applicant)


def _form_view(request, version, *, draft, prefill, applicant, reused_from=None) -> HttpResponse:
    reusable = prefill.reusable if prefill else {}
    status = 200
    if request.method == "POST":
        address = clients.client_address(request)
        try:
            key = uuid.UUID(request.POST.get("idempotency_key", ""))
        except ValueError:
            key = None
        if key is None:
            messages.error(request, _("The form had expired: please fill it in again."))
            return redirect(request.path)
        existing = Application.objects.filter(idempotency_key=key).first()
        if existing is not None and existing.status != Application.DRAFT:
            return redirect(tracking_path(existing))  # a repeated click: the application already made
        if existing is not None:
            draft = existing
        # Reusable files come from what this person proved they own; re-read them for the POST.
        if applicant is not None:
            reusable = selectors.prefill_for_applicant(applicant).reusable
        elif request.POST.get("reused_from") and request.POST.get("reused_secret"):
            try:
                source = application_for(request, uuid.UUID(request.POST["reused_from"]), request.POST["reused_secret"])
                reusable = selectors.prefill_for_application(source).reusable
            except (ValueError, Http404):
                reusable = {}
        submitting = request.POST.get("action") == "submit"
        form = ApplicationForm(
            request.POST, request.FILES, version=version, draft=draft, reusable=reusable, submitting=submitting
        )
        if not guards.post_allowed(address):
            form.add_error(None, FLOOD_REFUSAL)
            return _render_form(request, version, form, key, draft, applicant, reused_from, prefill, status=429)
        valid = form.is_valid()
        data = services.ApplicationInput(
            applicant_kind=form.cleaned_data.get("applicant_kind") or Application.ORGANISATION,
            applicant_name=form.cleaned_data.get("applicant_name", ""),
            email=form.cleaned_data.get("email", ""),
            phone=form.cleaned_data.get("phone", ""),
            address=form.cleaned_data.get("address", ""),
            answers=form.answers(),
            new_files=form.new_files(),
            remove_upload_ids=form.removed_upload_ids() if valid else [],
            reuse_uploads=form.reused_uploads() if valid else [],
        )
        can_save_draft = bool(data.email)  # a draft is reached again through the link e-mailed to it
        saving = valid or (can_save_draft and any(data.new_files.values()))
        # A person's own mistakes first; the checks against automation only before something is kept.
        problem = _automation_problem(request) if saving else None
        if problem:
            form.add_error(None, problem)
            status = 400
        elif valid:
            try:
                result = services.application_save(
                    version=version,
                    idempotency_key=key,
                    data=data,
                    applicant=applicant,
                    language=_language(),
                    submit=submitting,
                    address=address,
                )
            except services.ApplicationError as refusal:
                form.add_error(None, str(refusal))
                status = getattr(refusal, "status", 200)
            else:
                application = result.application
                if result.already_submitted or submitting:
                    if not result.mailed:
                        messages.warning(request, _not_mailed(application, _("the receipt")))
                    return redirect(tracking_path(application) + "?da-nop=1")
                if result.created and not services.draft_link_sent(application, address=address, applicant=applicant):
                    messages.warning(request, _not_mailed(application, _("the link to your draft")))
                    messages.success(request, _("Your draft is saved."))
                else:
                    messages.success(
                        request,
                        _("Your draft is saved. The link to come back to it was sent to %(email)s.")
                        % {"email": application.email},
                    )
                return redirect(
                    reverse(
                        "applications:edit_draft",
                        kwargs={"public_id": application.public_id, "secret": application.secret},
                    )
                )
        elif saving:
            # Keep the files that passed the checks, so that fixing one field does not mean choosing them all again.
            data.answers = {k: v for k, v in data.answers.items() if f"f_{k}" not in form.errors}
            try:
                result = services.application_save(
                    version=version,
                    idempotency_key=key,
                    data=data,
                    applicant=applicant,
                    language=_language(),
                    submit=False,
                    address=address,
                )
            except services.ApplicationRefused as refusal:
                form.add_error(None, str(refusal))
                status = refusal.status
            else:
                draft = result.application
                if result.created and not services.draft_link_sent(draft, address=address, applicant=applicant):
                    messages.warning(request, _not_mailed(draft, _("the link to your draft")))
                refused = form.refused
                form = ApplicationForm(
                    request.POST, version=version, draft=draft, reusable=reusable, submitting=submitting
                )
                form.is_valid()
                for field_name, refusals in refused.items():
                    form.add_error(field_name, refusals)
                messages.info(request, _("The files that passed the checks are kept in your draft."))
    else:
        key = draft.idempotency_key if draft else uuid.uuid4()
        initial = _initial_from_draft(draft) if draft else (prefill.initial if prefill else {})
        form = ApplicationForm(initial=initial, version=version, draft=draft, reusable=reusable)
    return _render_form(request, version, form, key, draft, applicant, reused_from, prefill, status=status)


def _automation_problem(request: HttpRequest) -> str | None:
    """Why this post looks sent by a program (the honeypot filled, the time stamp wrong), or None."""
    if formguards.honeypot_filled(request.POST):
        return HONEYPOT_REFUSAL
    problem = guards.check_form_token(request.POST.get("form_token", ""))
    return REFUSALS[problem] if problem else None


def _not_mailed(application: Application, what: str) -> str:
    return _(
        "We did not e-mail %(what)s to %(email)s: too many messages went to this address in the last hour. "
        "Keep the address of this page: it leads back to your application."
    ) % {"what": what, "email": application.email}


def _render_form(request, version, form, key, draft, applicant, reused_from, prefill, *, status=200) -> HttpResponse:
    return render(
        request,
        "applications/apply.html",
        {
            "form": form,
            "form_token": guards.form_token(),  # a fresh time stamp each time the form is shown
            "version": version,
            "procedure": version.procedure,
            "idempotency_key": key,
            "draft": draft,
            "applicant": applicant,
            "reused_from": reused_from,
            "procedure_url": procedure_url(version.procedure.slug, agency=AgencySettings.for_request(request)),
            "prefilled": bool(prefill and prefill.source),
            "fee_items": list(version.fee_items.all()),
            "max_upload_mb": settings.APPLICATIONS_MAX_UPLOAD_BYTES // (1024 * 1024),
        },
        status=status,
    )


def _initial_from_draft(draft: Application) -> dict:
    initial = {name: getattr(draft, name) for name in selectors.APPLICANT_FIELDS}
    initial.update({f"f_{key}": value for key, value in draft.answers.items()})
    return initial


# --- Tracking -----------------------------------------------------------------------------------


@personal
def track(request: HttpRequest, public_id, secret: str) -> HttpResponse:
    application = application_for(request, public_id, secret)
    open_request = application.supplement_requests.filter(supplied_at__isnull=True).first()
    supplement_form = None
    if application.status == Application.SUPPLEMENT_REQUESTED:
        supplement_form = SupplementForm(
            application=application, request_keys=open_request.document_keys if open_request else []
        )
    return _track_page(request, application, supplement_form, open_request)


def _track_page(request, application, supplement_form, open_request, status=200):
    from portal.payments.models import Payment
    from portal.payments.selectors import payment_available
    from portal.payments.services import payments_expire_abandoned

    # Payments are looked at only where there is a fee (the page shows no payment otherwise).
    waiting_payment = payments_expire_abandoned(application=application) if application.fee_amount else None
    paid_twice = (
        list(application.payments.filter(status__in=[Payment.DUPLICATE, Payment.REFUNDED]))
        if application.fee_amount
        else []
    )

    return render(
        request,
        "applications/track.html",
        {
            "application": application,
            "version": application.version,
            "procedure_url": procedure_url(
                application.procedure.slug, number=application.version.number, agency=application.agency
            ),
            "answers": selectors.answers_for_display(application),
            "documents": selectors.documents_by_key(application),
            "events": selectors.timeline(application, public=True),
            "light": selectors.deadline_light(application),
            "light_label": selectors.LIGHT_LABELS[selectors.deadline_light(application)],
            "open_request": open_request,
            "supplement_form": supplement_form,
            "just_submitted": request.GET.get("da-nop") == "1",
            "can_pay": application.amount_due > 0
            and application.status not in (Application.DRAFT, Application.REFUSED)
            and payment_available(),
            "waiting_payment": waiting_payment,
            "paid_twice": paid_twice,
            "secret": application.secret,
            "apply_again_url": reverse("applications:apply", kwargs={"slug": application.procedure.slug})
            + f"?tu={application.public_id}&ma={application.secret}",
        },
        status=status,
    )


@personal
@require_POST
def supply(request: HttpRequest, public_id, secret: str) -> HttpResponse:
    application = application_for(request, public_id, secret)
    open_request = application.supplement_requests.filter(supplied_at__isnull=True).first()
    if application.status != Application.SUPPLEMENT_REQUESTED:
        messages.error(request, _("No supplement is being asked for on this application."))
        return redirect(tracking_path(application))
    form = SupplementForm(
        request.POST,
        request.FILES,
        application=application,
        request_keys=open_request.document_keys if open_request else [],
    )
    if form.is_valid():
        try:
            services.application_supply(
                application=application, files=form.files_by_key(), reply=form.cleaned_data["reply"]
            )
        except services.ApplicationError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Thank you: your supplement was sent and the handling officer informed."))
            return redirect(tracking_path(application))
    return _track_page(request, application, form, open_request, status=400)


def _file_response(name: str, download_name: str, content_type: str) -> FileResponse:
    try:
        handle = private_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=download_name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@personal
def upload_file(request: HttpRequest, public_id, secret: str, upload_id: int) -> HttpResponse:
    application = application_for(request, public_id, secret)
    upload = Upload.objects.filter(pk=upload_id, application=application).first()
    if upload is None:
        raise Http404
    return _file_response(upload.file.name, upload.original_name, CONTENT_TYPES[upload.kind])


@personal
def result_file(request: HttpRequest, public_id, secret: str) -> HttpResponse:
    application = application_for(request, public_id, secret)
    if application.status != Application.RESULT_ISSUED or not application.result_file:
        raise Http404
    return _file_response(application.result_file.name, application.result_name, "application/pdf")


@personal
@require_POST
def pay(request: HttpRequest, public_id, secret: str) -> HttpResponse:
    from portal.payments import services as payments

    application = application_for(request, public_id, secret)
    try:
        started = payments.payment_start(application=application, request=request)
    except payments.PaymentError as refusal:
        messages.error(request, str(refusal))
        return redirect(tracking_path(application))
    # A payment already under way is resumed at the gateway, never a second one started beside it.
    response = redirect(started.gateway_url)
    payments.remember_return(response, started.payment, tracking_path(application))
    return response


# --- Look-up and the applicant's account --------------------------------------------------------


@personal
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if not guards.lookup_allowed(clients.client_address(request)):
            form.add_error(None, _("Too many attempts from this address. Try again in ten minutes."))
        elif form.is_valid():
            application = Application.objects.filter(
                receipt_number=form.cleaned_data["receipt_number"], agency=AgencySettings.for_request(request)
            ).first()
            if application is not None and hmac.compare_digest(
                application.secret.encode(), form.cleaned_data["secret"].encode()
            ):
                return redirect(tracking_path(application))
            # The same answer whether the number exists or not: a guessed number reveals nothing.
            form.add_error(None, _("No application matches this receipt number and tracking code."))
    return render(request, "applications/lookup.html", {"form": form}, status=400 if form.errors else 200)


@personal
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST":
        address = clients.client_address(request)
        if not guards.sign_in_allowed(address):
            form.add_error(None, _("Too many sign-in links asked for from this address. Try again in an hour."))
        elif form.is_valid():
            email = form.cleaned_data["email"]
            if accounts.send_sign_in_link(
                email=email, language=_language(), address=address, agency=AgencySettings.for_request(request)
            ):
                return render(request, "applications/sign_in_sent.html", {"email": email})
            form.add_error(
                None,
                _(
                    "Several sign-in links went to this address in the last hour. Use the newest one in your "
                    "mailbox, or ask again in an hour."
                ),
            )
    return render(request, "applications/sign_in.html", {"form": form}, status=400 if form.errors else 200)


@personal
def sign_in_confirm(request: HttpRequest, token: str) -> HttpResponse:
    applicant = accounts.sign_in_with_token(request, token)
    if applicant is None:
        error = _("This sign-in link has expired or was already used. Ask for a new one.")
        return render(request, "applications/sign_in.html", {"form": SignInForm(), "link_error": error}, status=400)
    messages.success(request, _("You are signed in as %(email)s.") % {"email": applicant.email})
    return redirect("applications:my_applications")


@personal
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    accounts.sign_out(request)
    messages.success(request, _("You are signed out."))
    return redirect("applications:sign_in")


@personal
def my_applications(request: HttpRequest) -> HttpResponse:
    applicant = accounts.current_applicant(request)
    if applicant is None:
        return redirect("applications:sign_in")
    applications = list(
        Application.objects.filter(applicant=applicant, agency=AgencySettings.for_request(request))
        .select_related("version")
        .order_by("-created_at")[:100]
    )
    return render(request, "applications/my_applications.html", {"applicant": applicant, "applications": applications})
