"""The panel the item editor shows for naming the authors a royalty is paid to (used by news.ArticlePage)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel


def royalty_authors_panel() -> InlinePanel:
    return InlinePanel(
        "royalty_authors",
        heading=_("Royalty authors (nhuận bút)"),
        label=_("author"),
        help_text=_("Who is paid for this item and their shares. With nobody named, the item's creator is paid."),
    )
