from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "portal.translations"
    label = "translations"
    verbose_name = _("English site and translations")

    def ready(self) -> None:
        from portal.core.figures import register_figures

        from . import signal_handlers  # noqa: F401
        from .selectors import translation_figures

        register_figures("translations", translation_figures, order=50)
