from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "portal.board"
    label = "board"
    verbose_name = _("Editorial board")

    def ready(self) -> None:
        from portal.core.figures import register_figures

        from .selectors import training_section

        # After the plan's own figures and the other domains': the plan's II.4, training.
        register_figures("training", training_section, order=90)
