from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class OpendataConfig(AppConfig):
    name = "portal.opendata"
    label = "opendata"
    verbose_name = pgettext_lazy("open data API", "Open data")
