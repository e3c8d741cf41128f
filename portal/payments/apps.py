from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "portal.payments"
    label = "payments"
    verbose_name = _("Online payments")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks
        from .plugins import vnpay  # noqa: F401 - registers the provider
