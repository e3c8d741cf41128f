from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    """The province's own portal above the agencies of one installation: its board and the items it carries."""

    name = "portal.province"
    label = "province"
    verbose_name = _("Provincial portal")

    def ready(self) -> None:
        from portal.core.panels import add_panel
        from portal.news.models import ArticlePage

        from . import permissions  # noqa: F401 - registers the permission policy
        from .panels import CarriesPanel

        # The agency sees, on its item's edit page, where the provincial portal carries it.
        add_panel(ArticlePage, CarriesPanel(heading=_("On the provincial portal")), name="province-carries")
