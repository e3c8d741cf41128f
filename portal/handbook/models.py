"""The protocol handbook (sổ tay lễ tân ngoại giao) as a browsable book: chapters and sections in order,
with a table of contents and previous / next links."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.core.tree import descendants_q
from portal.documents.models import RegistryIndexMixin
from portal.news.models import SectionPage

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


def _contents(root: Page) -> list[dict]:
    """The chapters under `root` as a tree [{page, children}], from one query over the descendants."""
    pages = list(
        HandbookPage.objects.live()
        .public()
        .filter(descendants_q(root))
        .order_by("path")
        .only("title", "path", "depth", "url_path", "locale_id")
    )
    tree: list[dict] = []
    by_path: dict[str, dict] = {}
    for page in pages:
        node = {"page": page, "children": []}
        by_path[page.path] = node
        parent = by_path.get(page.path[: -page.steplen])
        (parent["children"] if parent else tree).append(node)
    return tree


class HandbookIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["handbook.HandbookPage", "news.ArticlePage"]
    template = "handbook/handbook_index_page.html"

    class Meta:
        verbose_name = _("protocol handbook")

    def feed_items(self):
        return HandbookPage.objects.live().public().filter(descendants_q(self)).order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = PortalPage.get_context(self, request, *args, **kwargs)
        context["contents"] = _contents(self)
        context["news"] = self.category_news()
        return context


class HandbookPage(PortalPage):
    """A chapter or section of the handbook; a chapter holds its sections as child pages."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES)

    content_panels = [*PortalPage.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*PortalPage.search_fields, FoldedSearchField("summary", boost=2), FoldedSearchField("body")]
    parent_page_types = ["handbook.HandbookIndexPage", "handbook.HandbookPage"]
    subpage_types = ["handbook.HandbookPage"]

    class Meta:
        verbose_name = _("handbook chapter")
        verbose_name_plural = _("handbook chapters")

    @property
    def lead(self) -> str:
        return self.summary

    def handbook(self) -> HandbookIndexPage | None:
        return HandbookIndexPage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        handbook = self.handbook()
        ordered = (
            list(
                HandbookPage.objects.live()
                .public()
                .filter(descendants_q(handbook))
                .order_by("path")
                .only("title", "path", "url_path", "locale_id")
            )
            if handbook
            else []
        )
        position = next((number for number, page in enumerate(ordered) if page.pk == self.pk), None)
        context["handbook"] = handbook
        context["previous_chapter"] = ordered[position - 1] if position else None
        context["next_chapter"] = (
            ordered[position + 1] if position is not None and position + 1 < len(ordered) else None
        )
        context["sections"] = [
            page for page in ordered if page.path.startswith(self.path) and page.depth == self.depth + 1
        ]
        return context
