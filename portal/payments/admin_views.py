"""For superusers: every payment notification received, accepted, repeated or refused (forged, wrong amount...)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.reports import ReportView

from .models import PaymentNotification
from .services import ANSWERS, CONFIRMED


class PaymentNotificationsReport(ReportView):
    page_title = _("Payment notifications")
    header_icon = "warning"
    index_url_name = "payments_notifications"
    index_results_url_name = "payments_notifications_results"
    columns = [
        DateColumn("received_at", label=_("Received at")),
        Column("channel", label=_("Channel"), accessor="get_channel_display"),
        Column("reference", label=_("Reference given")),
        Column("remote_addr", label=_("From address")),
        StatusTagColumn(
            "answer_code",
            label=_("Answer"),
            accessor=lambda n: f"{n.answer_code} {ANSWERS.get(n.answer_code, '')}",
            primary=lambda n: n.answer_code != CONFIRMED,
        ),
    ]
    list_export = ["received_at", "channel", "reference", "remote_addr", "answer_code", "answer", "params"]
    export_headings = {
        "received_at": _("Received at"),
        "channel": _("Channel"),
        "reference": _("Reference given"),
        "remote_addr": _("From address"),
        "answer_code": _("Answer code"),
        "answer": _("Answer"),
        "params": _("Parameters"),
    }

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_superuser:  # the notifications carry payers' transaction details
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return PaymentNotification.objects.order_by("-received_at")
