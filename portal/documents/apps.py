from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "portal.documents"
    label = "documents"
    verbose_name = _("Documents registry")

    def ready(self) -> None:
        # The plan measures "no later than one working day after the document" from issue_date, by the
        # rule its secretariat keeps (portal.planning), so no second count lives here.
        from . import signal_handlers  # noqa: F401
