from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "portal.documents"
    label = "documents"
    verbose_name = _("Documents registry")

    def ready(self) -> None:
        from portal.core.figures import register_figures

        from . import signal_handlers  # noqa: F401
        from .selectors import document_figures

        register_figures("documents", document_figures, order=20)
