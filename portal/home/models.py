from django.db import models
from django.db.models import F, Window
from django.db.models.functions import RowNumber, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from portal.core.pages import PortalPage
from portal.news.models import ArticlePage, SectionPage

ITEMS_PER_HOME_BLOCK = 4


class HomePage(PortalPage):
    """The root of one language's site: featured and latest items, a block per main category."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    services_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("online services page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    questions_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("questions and answers page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    documents_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("documents page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("services_page"), FieldPanel("questions_page"), FieldPanel("documents_page")],
            heading=_("Quick links"),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "qa.QuestionIndexPage"]
    max_count_per_parent = 2  # one per language

    class Meta:
        verbose_name = _("home page")

    def _items(self):
        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("image", "unit")
            .order_by("-first_published_at", "-pk")
        )

    def featured_items(self, limit: int = 5):
        return list(self._items().filter(featured=True)[:limit])

    def latest_items(self, limit: int = 8):
        return list(self._items()[:limit])

    def category_blocks(self):
        """[(category, [its newest items])] for the categories shown on the home page.

        One query for all the items, whatever the number of categories or items: the newest
        few per main category are picked by a window over the category's tree path.
        """
        sections = list(SectionPage.objects.child_of(self).live().public().filter(show_on_home=True).order_by("path"))
        if not sections:
            return []
        path_length = len(self.path) + SectionPage.steplen
        ranked = (
            self._items()
            .annotate(
                category_path=Substr("path", 1, path_length),
                rank=Window(
                    RowNumber(),
                    partition_by=[Substr("path", 1, path_length)],
                    order_by=[F("first_published_at").desc(), F("pk").desc()],
                ),
            )
            .filter(rank__lte=ITEMS_PER_HOME_BLOCK, category_path__in=[section.path for section in sections])
        )
        by_path: dict[str, list] = {section.path: [] for section in sections}
        for item in ranked:
            by_path[item.category_path].append(item)
        return [(section, by_path[section.path]) for section in sections]

    def quick_links(self):
        return [
            (label, page.localized)
            for label, page in (
                (_("Online public services"), self.services_page),
                (_("Questions and answers"), self.questions_page),
                (_("Documents"), self.documents_page),
            )
            if page is not None
        ]
