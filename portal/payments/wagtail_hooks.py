from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from .admin_views import PaymentNotificationsReport


@hooks.register("register_admin_urls")
def register_payment_report_urls():
    return [
        path("reports/payment-notifications/", PaymentNotificationsReport.as_view(), name="payments_notifications"),
        path(
            "reports/payment-notifications/results/",
            PaymentNotificationsReport.as_view(results_only=True),
            name="payments_notifications_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def payment_notifications_menu_item():
    return AdminOnlyMenuItem(
        _("Payment notifications"), reverse("payments_notifications"), icon_name="warning", order=910
    )
