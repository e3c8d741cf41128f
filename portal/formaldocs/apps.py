from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormalDocsConfig(AppConfig):
    name = "portal.formaldocs"
    label = "formaldocs"
    verbose_name = _("Formal documents")
