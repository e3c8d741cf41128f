from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "portal.planning"
    label = "planning"
    verbose_name = _("Annual plan")

    def ready(self) -> None:
        from portal.news.models import ArticlePage

        from . import signal_handlers  # noqa: F401
        from .registry import register_item_type

        register_item_type(ArticlePage, reference_date_field="source_date", unit_field="unit")
