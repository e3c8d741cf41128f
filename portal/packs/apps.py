from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "portal.packs"
    verbose_name = _("agency pack")
