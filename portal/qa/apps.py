from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "portal.qa"
    label = "qa"
    verbose_name = _("Citizens' questions")

    def ready(self) -> None:
        from portal.core.figures import register_figures

        from . import signal_handlers  # noqa: F401
        from .figures import qa_figures

        register_figures("qa", qa_figures, order=30)

        from portal.operations.scheduler import register_job

        # Citizens' questions: whoever holds one is reminded once a working day (the job skips the rest).
        register_job(
            "send_question_reminders",
            60 * 60,
            "send_question_reminders",
            label=_("reminders on citizens' questions"),
            order=100,
        )
