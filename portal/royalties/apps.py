from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoyaltiesConfig(AppConfig):
    name = "portal.royalties"
    label = "royalties"
    verbose_name = _("Royalties")

    def ready(self) -> None:
        from portal.core.figures import register_figures

        from . import signal_handlers  # noqa: F401
        from .selectors import royalty_figures

        register_figures("royalties", royalty_figures, order=60)
