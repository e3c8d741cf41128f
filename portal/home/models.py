from functools import reduce
from operator import or_

from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from portal.core.pages import PortalPage
from portal.core.per_request import public_q
from portal.core.tree import children_q
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
    # No list of children: each page type that may sit at the top of a site names "home.HomePage"
    # in its own parent_page_types.
    max_count_per_parent = 2  # one per language

    class Meta:
        verbose_name = _("home page")

    def _items(self):
        return (
            ArticlePage.objects.live()
            .filter(public_q())
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

        Two queries: the categories, then every block's items at once, each block's a small
        subquery (`id IN (its newest few)`) that reads the publication-date index newest first
        and stops at a few items, where one query ranking every item by category grew with the
        content (two seconds on 100,000 items), and a query per category cost its SQL compiled
        each time (42% of the home page's time).
        """
        # As categories (not each its own kind, a query per kind): their lists are the same.
        sections = list(
            SectionPage.objects.live().filter(public_q(), children_q(self), show_on_home=True).order_by("path")
        )
        if not sections:
            return []
        newest = [section.items().values("pk")[:ITEMS_PER_HOME_BLOCK] for section in sections]
        if connection.features.supports_slicing_ordering_in_compound:
            # PostgreSQL: the blocks' few ids as one UNION, then read by primary key (with an
            # `IN` per block, OR-ed, it read the whole items table to test each row).
            chosen = Q(pk__in=newest[0].union(*newest[1:], all=True))
        else:
            # SQLite takes no LIMIT inside a UNION; there, each `IN` is read once and the OR is cheap.
            chosen = reduce(or_, (Q(pk__in=ids) for ids in newest))
        items = (
            ArticlePage.objects.filter(chosen).select_related("image", "unit").order_by("-first_published_at", "-pk")
        )
        blocks = {section.pk: [] for section in sections}
        for item in items:
            for section in sections:  # the category whose subtree holds it (categories do not nest here)
                if item.path.startswith(section.path) and len(blocks[section.pk]) < ITEMS_PER_HOME_BLOCK:
                    blocks[section.pk].append(item)
                    break
        return [(section, blocks[section.pk]) for section in sections]

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
