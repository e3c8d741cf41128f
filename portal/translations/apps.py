from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "portal.translations"
    label = "translations"
    verbose_name = _("English site and translations")

    def ready(self) -> None:
        from portal.core.figures import register_figures

        # Imported for their receivers and their handlers of publishing (portal.core.publishing).
        from . import publishing, signal_handlers  # noqa: F401
        from .selectors import translation_figures

        register_figures("translations", translation_figures, order=50)

        from portal.operations.scheduler import register_job

        # Units hear of their open translations: owed, due today, overdue (each task once a day).
        register_job(
            "translation_reminders",
            24 * 60 * 60,
            "send_translation_reminders",
            label=_("translation reminders"),
            order=70,
        )
