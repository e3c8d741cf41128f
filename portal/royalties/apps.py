from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoyaltiesConfig(AppConfig):
    name = "portal.royalties"
    label = "royalties"
    verbose_name = _("Royalties")

    def ready(self) -> None:
        from portal.core.figures import register_figures
        from portal.core.panels import add_panel
        from portal.news.models import ArticlePage

        # Imported for its handlers of publishing (portal.core.publishing), which register themselves.
        from . import publishing  # noqa: F401
        from .panels import royalty_authors_panel
        from .selectors import royalty_figures

        register_figures("royalties", royalty_figures, order=60)
        # The item editor names the authors a royalty is paid to.
        add_panel(ArticlePage, royalty_authors_panel(), name="royalty-authors", before="related_links")

        from portal.operations.scheduler import register_job

        # The site administration fee of the month; charged once per month however often it runs.
        register_job(
            "accrue_royalty_fee",
            60 * 60,
            "accrue_royalty_fee",
            label=_("the monthly site administration fee"),
            order=60,
        )
