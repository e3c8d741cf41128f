from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectedConfig(AppConfig):
    name = "portal.collected"
    label = "collected"
    verbose_name = _("Collected items")
