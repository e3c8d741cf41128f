"""Staff pages in the Wagtail admin: the unit's work queue and one application with the steps the user may take."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from portal.payments.services import PaymentError, payment_mark_refunded, payments_expire_abandoned
from portal.procedures.models import Procedure

from . import permissions, selectors, services
from .forms import DecisionForm, NoteForm, RefundedForm, ResultForm, SupplementRequestForm
from .models import Application, Upload
from .pdf import result_letter_pdf
from .uploads import CONTENT_TYPES
from .views import _file_response

QUEUE_STATUSES = [choice for choice in Application.STATUS_CHOICES if choice[0] != Application.DRAFT]


class QueueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=QUEUE_STATUSES, empty_label=gettext_lazy("Any")
    )
    procedure = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Procedure"), queryset=Procedure.objects.order_by("code"), empty_label=gettext_lazy("Any")
    )
    open = django_filters.BooleanFilter(label=gettext_lazy("Still open"), field_name="closed_at", lookup_expr="isnull")

    class Meta:
        model = Application
        fields = ["status", "procedure", "open"]


def _light_label(application: Application) -> str:
    return str(selectors.LIGHT_LABELS[selectors.deadline_light(application)])


def _due_label(application: Application) -> str:
    return date_format(timezone.localtime(application.due_at), "d/m/Y H:i") if application.due_at else "—"


class WorkQueueView(ReportView):
    """The applications of the user's unit, those due first at the top; XLSX/CSV export of what is shown."""

    page_title = gettext_lazy("Online applications")
    header_icon = "tasks"
    index_url_name = "applications_admin:queue"
    index_results_url_name = "applications_admin:queue_results"
    filterset_class = QueueFilterSet
    columns = [
        TitleColumn(
            "receipt_number",
            label=gettext_lazy("Receipt number"),
            url_name="applications_admin:detail",
        ),
        Column("procedure_code", label=gettext_lazy("Procedure"), accessor=lambda a: a.procedure.code),
        Column("applicant_name", label=gettext_lazy("Applicant")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("submitted_at", label=pgettext_lazy("application date", "Submitted")),
        # The date itself: a relative "x ago" reads wrong for a date ahead.
        Column("due_at", label=pgettext_lazy("application date", "Due"), accessor=_due_label),
        StatusTagColumn(
            "light",
            label=pgettext_lazy("application", "Deadline"),
            accessor=_light_label,
            primary=lambda a: selectors.deadline_light(a) in (selectors.RED, selectors.AMBER),
        ),
    ]
    list_export = [
        "receipt_number",
        "procedure.code",
        "applicant_name",
        "email",
        "get_status_display",
        "submitted_at",
        "received_at",
        "due_at",
        "closed_at",
        "fee_amount",
        "paid_at",
    ]
    export_headings = {
        "receipt_number": gettext_lazy("Receipt number"),
        "procedure.code": gettext_lazy("Procedure"),
        "applicant_name": gettext_lazy("Applicant"),
        "email": gettext_lazy("E-mail"),
        "get_status_display": gettext_lazy("Status"),
        "submitted_at": pgettext_lazy("application date", "Submitted"),
        "received_at": gettext_lazy("Received"),
        "due_at": pgettext_lazy("application date", "Due"),
        "closed_at": pgettext_lazy("application date", "Closed"),
        "fee_amount": gettext_lazy("Fee (đồng)"),
        "paid_at": gettext_lazy("Paid"),
    }

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not permissions.has_queue(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            permissions.visible_applications(self.request.user)
            .select_related("procedure", "version")
            # Open ones first, the soonest due at the top (the same on SQLite and PostgreSQL, which sort NULLs apart).
            .order_by(F("closed_at").asc(nulls_first=True), F("due_at").asc(nulls_last=True), "submitted_at")
        )

    def get_filename(self):
        return "ho-so-truc-tuyen"


def _visible(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("procedure__unit", "version", "agency").exclude(status=Application.DRAFT),
        pk=pk,
    )
    if not permissions.can_view(request.user, application):
        raise PermissionDenied
    return application


ACTIONS = {
    "receive": ("can_handle", [Application.SUBMITTED]),
    "supplement": ("can_handle", [Application.SUBMITTED, Application.IN_PROGRESS, Application.AWAITING_DECISION]),
    "propose": ("can_handle", [Application.IN_PROGRESS]),
    "decide": ("can_decide", [Application.SUBMITTED, Application.IN_PROGRESS, Application.AWAITING_DECISION]),
    "result": ("can_handle", [Application.APPROVED]),
    "note": ("can_view", None),
    "refunded": ("can_handle", None),  # only while a payment made twice waits for its refund
}


def _available(user, application: Application) -> set[str]:
    from portal.payments.models import Payment

    available = {
        name
        for name, (check, statuses) in ACTIONS.items()
        if getattr(permissions, check)(user, application) and (statuses is None or application.status in statuses)
    }
    if not application.payments.filter(status=Payment.DUPLICATE).exists():
        available.discard("refunded")
    return available


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application = _visible(request, pk)
    except PermissionDenied:
        return permission_denied(request)
    available = _available(request.user, application)
    forms = {
        "receive": NoteForm(prefix="receive"),
        "supplement": SupplementRequestForm(prefix="supplement", application=application),
        "propose": NoteForm(prefix="propose"),
        "decide": DecisionForm(prefix="decide"),
        "result": ResultForm(prefix="result", initial={"body": _default_letter(application)}),
        "note": NoteForm(prefix="note"),
        "refunded": RefundedForm(prefix="refunded"),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in available:
            messages.error(request, _("You cannot take this step on this application now."))
            return redirect("applications_admin:detail", pk)
        form = _bound(action, request, application)
        forms[action] = form
        if form.is_valid():
            try:
                _run(action, form, request, application)
            except (services.ApplicationError, PaymentError) as refusal:
                messages.error(request, str(refusal))
            except PermissionDenied:
                return permission_denied(request)
            else:
                return redirect("applications_admin:detail", pk)
        status = 400
    return TemplateResponse(
        request,
        "applications/admin/detail.html",
        {
            "application": application,
            "page_title": application.receipt_number,
            "header_title": _("Application %(number)s") % {"number": application.receipt_number},
            "header_icon": "doc-full-inverse",
            "answers": selectors.answers_for_display(application),
            "documents": selectors.documents_by_key(application),
            "events": selectors.timeline(application, public=False),
            "supplements": list(application.supplement_requests.all()),
            "payments": _payments(application),
            "light": selectors.deadline_light(application),
            "light_label": selectors.LIGHT_LABELS[selectors.deadline_light(application)],
            "available": available,
            "forms": forms,
        },
        status=status,
    )


def _payments(application: Application) -> list:
    """The officer reads the payments as they stand now: one left at the gateway past its time limit
    (the payer closed the tab, or clicked pay again) is closed as expired, not shown waiting forever."""
    payments_expire_abandoned(application=application)
    return list(application.payments.all())


def _bound(action: str, request: HttpRequest, application: Application):
    if action == "supplement":
        return SupplementRequestForm(request.POST, prefix=action, application=application)
    if action == "decide":
        return DecisionForm(request.POST, prefix=action)
    if action == "result":
        return ResultForm(request.POST, request.FILES, prefix=action)
    if action == "refunded":
        return RefundedForm(request.POST, prefix=action)
    return NoteForm(request.POST, prefix=action)


def _run(action: str, form, request: HttpRequest, application: Application) -> None:
    user, data = request.user, form.cleaned_data
    if action == "receive":
        services.application_receive(application=application, user=user, note=data["note"])
        messages.success(
            request, _("Received: the time limit runs until %(due)s.") % {"due": _date(application, "due_at")}
        )
    elif action == "supplement":
        services.application_request_supplement(
            application=application, user=user, message=data["message"], document_keys=data["documents"]
        )
        messages.success(request, _("The applicant was asked for a supplement by e-mail."))
    elif action == "propose":
        services.application_propose(application=application, user=user, note=data["note"])
        messages.success(request, _("Put before the leader for decision."))
    elif action == "decide":
        approve = data["decision"] == DecisionForm.APPROVE
        services.application_decide(application=application, user=user, approve=approve, note=data["note"])
        messages.success(request, _("Approved.") if approve else _("Refused; the applicant was told why."))
    elif action == "result":
        if data["how"] == ResultForm.UPLOAD:
            pdf, name = data["checked"].data, data["checked"].original_name
        else:
            # Signed by the leader who approved it, not by the officer who issues it.
            pdf = result_letter_pdf(application, document_number=data["document_number"], body=data["body"])
            name = f"ket-qua-{application.receipt_number}.pdf"
        services.application_issue_result(application=application, user=user, pdf=pdf, file_name=name)
        messages.success(request, _("The result was issued to the applicant."))
    elif action == "note":
        services.application_note(application=application, user=user, note=data["note"])
        messages.success(request, _("Note added."))
    elif action == "refunded":
        payment_mark_refunded(application=application, payment_id=data["payment"], user=user, note=data["note"])
        messages.success(request, _("The refund of the second payment is recorded."))


def _date(application: Application, field: str) -> str:
    from django.utils import timezone

    value = getattr(Application.objects.get(pk=application.pk), field)
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def _default_letter(application: Application) -> str:
    from django.utils import translation

    # The agency that decides is the application's own (its staff's; a superuser may decide any agency's).
    with translation.override(application.language):
        return _(
            "Having considered the application %(number)s of %(name)s for the procedure “%(procedure)s”, "
            "%(agency)s approves it.\n\nThis letter is the result of the procedure."
        ) % {
            "number": application.receipt_number,
            "name": application.applicant_name,
            "procedure": application.version.name,
            "agency": application.agency.name,
        }


def staff_upload(request: HttpRequest, pk: int, upload_id: int) -> HttpResponse:
    try:
        application = _visible(request, pk)
    except PermissionDenied:
        return permission_denied(request)
    upload = Upload.objects.filter(pk=upload_id, application=application).first()
    if upload is None:
        raise Http404
    return _file_response(upload.file.name, upload.original_name, CONTENT_TYPES[upload.kind])


def staff_result(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application = _visible(request, pk)
    except PermissionDenied:
        return permission_denied(request)
    if not application.result_file:
        raise Http404
    return _file_response(application.result_file.name, application.result_name, "application/pdf")
