from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .permissions import can_carry, can_oversee


class ProvinceMenuItem(MenuItem):
    def __init__(self, *args, shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = shown

    def is_shown(self, request):
        return self.shown(request.user)


@hooks.register("register_admin_urls")
def register_province_urls():
    return [
        path("province/", views.BoardView.as_view(), name="province_board"),
        path("province/agency/<int:agency_id>/", views.AgencyDashboardView.as_view(), name="province_agency"),
        path("province/summary/", views.SummaryExportView.as_view(), name="province_summary"),
        path("province/carry/", views.CarryIndexView.as_view(), name="province_carry"),
        path("province/carry/<int:page_id>/", views.CarryView.as_view(), name="province_carry_item"),
        path("province/withdraw/<int:page_id>/", views.WithdrawView.as_view(), name="province_withdraw"),
        path("province/carried/", views.CarriedReportView.as_view(), name="province_carried"),
    ]


@hooks.register("register_admin_menu_item")
def board_menu_item():
    return ProvinceMenuItem(
        _("Provincial board"), reverse("province_board"), icon_name="table", order=145, shown=can_oversee
    )


@hooks.register("register_admin_menu_item")
def carry_menu_item():
    return ProvinceMenuItem(
        _("Agencies' items to carry"), reverse("province_carry"), icon_name="doc-full", order=146, shown=can_carry
    )


@hooks.register("register_reports_menu_item")
def carried_report_menu_item():
    return MenuItem(_("Items carried to the provincial portal"), reverse("province_carried"), icon_name="doc-full")
