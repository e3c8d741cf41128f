from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401
        from .spreadsheets import guard_wagtail_exports

        guard_wagtail_exports()
