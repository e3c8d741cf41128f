from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlbumsConfig(AppConfig):
    name = "portal.albums"
    label = "albums"
    verbose_name = _("Photo albums")

    def ready(self) -> None:
        from portal.core.figures import register_figures

        from .selectors import album_figures

        register_figures("albums", album_figures, order=40)
