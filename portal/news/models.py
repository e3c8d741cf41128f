from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, get_page_models

from portal.core.pages import PortalPage
from portal.core.per_request import per_publication, public_q
from portal.core.search_fields import FoldedSearchField
from portal.core.tree import other_page_type_ids, subtree_q

from .blocks import ArticleBodyBlock


class SectionPage(PortalPage):
    """A category of the site (mục tin, Appendix I of the plan): lists its items, newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    show_on_home = models.BooleanField(_("show a block on the home page"), default=False)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    promote_panels = [*PortalPage.promote_panels, FieldPanel("show_on_home")]
    search_fields = [*PortalPage.search_fields, FoldedSearchField("intro")]

    parent_page_types = ["home.HomePage", "news.SectionPage"]
    # No list of children here: every page type says where it may live (its own parent_page_types),
    # so a new app's index page names "news.SectionPage" rather than this class naming the app.

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    @property
    def path_below_home(self) -> str:
        """`a/b` for the category at /a/b/ (url_path starts with the home page's slug)."""
        return self.url_path.strip("/").split("/", 1)[-1]

    def items(self):
        """Published items of this category and its sub-categories, newest first."""
        return (
            ArticlePage.objects.live()
            .filter(public_q())
            .descendant_of(self)
            .select_related("image", "unit")
            .order_by("-first_published_at", "-pk")
        )

    def count_items(self) -> int:
        """How many `items()` there are, counted from the tree index (portal.core migration 0005):
        the other page types left out rather than the items joined in, and the subtree as a range
        of paths. Through the items' rows, a category of 35,000 items took 400 ms to count."""
        return (
            Page.objects.filter(subtree_q(self.path), depth__gt=self.depth, live=True)
            .exclude(content_type_id__in=other_page_type_ids(ArticlePage, subclasses=True))
            .filter(public_q())
            .count()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.page_of_items(request.GET.get("page", 1))
        context["subsections"] = per_publication(
            f"category:{self.pk}:subsections",
            lambda: list(self.get_children().live().filter(public_q()).type(SectionPage).specific()),
        )
        return context

    def page_of_items(self, number) -> PaginatorPage:
        """Page `number` of the items (an unknown number: the first page), with the count, kept until the
        next publication: the listing is the same for every visitor, and only a publication changes it."""
        paginator = Paginator(self.items(), settings.PORTAL_PAGE_SIZE)
        paginator.count = per_publication(f"category:{self.pk}:count", self.count_items)
        try:
            number = paginator.validate_number(number)
        except (PageNotAnInteger, EmptyPage):
            number = 1
        kept = per_publication(f"category:{self.pk}:page:{number}", lambda: list(paginator.page(number).object_list))
        return PaginatorPage(kept, number, paginator)


def live_sections(scope, *, children_only: bool = False, specific: bool = True) -> list[SectionPage]:
    """Live public categories below `scope` (its children only, or all its descendants), in tree order.

    Asked of the page table by type, through its content-type index, then made specific: asked
    of SectionPage, the join makes SQLite read every page of the tree (100,000 items) to find
    the few categories. `specific=False` leaves them plain pages (title and place in the tree):
    made specific, each kind of category costs a query.
    """
    pages = scope.get_children() if children_only else Page.objects.descendant_of(scope)
    sections = pages.live().filter(public_q()).type(SectionPage).order_by("path")
    return list(sections.specific() if specific else sections)


class ArticlePage(RoutablePageMixin, PortalPage):
    """An item (tin bài): original, or collected from another source with attribution."""

    # An item of the annual plan (portal.planning): its deadline rule counts from this date.
    plan_item = {"reference_date_field": "source_date", "unit_field": "unit"}

    SOURCE_ORIGINAL = "original"
    SOURCE_COLLECTED = "collected"
    SOURCE_CHOICES = [(SOURCE_ORIGINAL, _("original")), (SOURCE_COLLECTED, _("collected (tin sưu tầm)"))]

    lead = models.TextField(_("lead (sapo)"), max_length=800)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text of the main image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_caption = models.CharField(_("caption of the main image"), max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    author_name = models.CharField(_("author or pen name"), max_length=120, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_kind = models.CharField(_("source"), max_length=20, choices=SOURCE_CHOICES, default=SOURCE_ORIGINAL)
    source_name = models.CharField(_("source name"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    # The annual plan's deadlines count from here ("no later than one working day after the document").
    source_date = models.DateField(
        _("date of the document or event"),
        null=True,
        blank=True,
        help_text=_("The date of the document or event this item reports; the plan's deadlines count from it."),
    )

    # The newsroom adds its review status at the top, and royalties the authors paid before the
    # related items (portal.core.panels.add_panel, in their AppConfig.ready).
    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_caption")], heading=_("Main image")
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author_name"), FieldPanel("unit")]),
                FieldRowPanel([FieldPanel("source_kind"), FieldPanel("source_name"), FieldPanel("source_url")]),
                FieldPanel("source_date"),
            ],
            heading=_("Author and source"),
        ),
        InlinePanel("related_links", label=_("related items")),
    ]
    promote_panels = [*PortalPage.promote_panels, FieldPanel("featured")]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("lead", boost=2),
        FoldedSearchField("body"),
        FoldedSearchField("author_name"),
    ]

    subpage_types: list[str] = []

    @classmethod
    def clean_parent_page_models(cls):
        """Categories, and every page type that names news items among its children: each app's
        index page says so in its own subpage_types, so this class names no other app (Wagtail's
        `parent_page_types`, worked out instead of listed)."""
        if cls._clean_parent_page_models is None:
            cls._clean_parent_page_models = [
                model
                for model in get_page_models()
                if (issubclass(model, SectionPage) and getattr(model, "subpage_types", None) is None)
                or (getattr(model, "subpage_types", None) is not None and cls in model.clean_subpage_models())
            ]
        return cls._clean_parent_page_models

    class Meta:
        verbose_name = pgettext_lazy("news item", "item")
        verbose_name_plural = pgettext_lazy("news item", "items")

    def clean(self):
        super().clean()
        errors = {}
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the main image for people who cannot see it.")
        if self.source_kind == self.SOURCE_COLLECTED and not self.source_name.strip():
            errors["source_name"] = _("A collected item must name its source.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_collected(self) -> bool:
        return self.source_kind == self.SOURCE_COLLECTED

    def related_items(self, limit: int = 4):
        """Items the editor linked, topped up with the newest of the same category."""
        linked = [
            link.page
            for link in self.related_links.select_related("page").all()
            # Only pages of this item's language: an English item never lists a Vietnamese one.
            if link.page and link.page.live and link.page.locale_id == self.locale_id
        ][:limit]
        chosen = []
        if linked:  # made specific together: a query per kind of page, not one per link
            specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in linked]).specific()}
            chosen = [specific[page.pk] for page in linked if page.pk in specific]
        if len(chosen) < limit:
            exclude = [self.pk, *(page.pk for page in chosen)]
            siblings = (
                ArticlePage.objects.live()
                .filter(public_q())
                # Not as a range of paths: so asked, the newest few are read from the publication-date
                # index and it stops there, where a range reads the whole category and sorts it.
                .sibling_of(self, inclusive=False)
                .exclude(pk__in=exclude)
                .order_by("-first_published_at")[: limit - len(chosen)]
            )
            chosen.extend(siblings)
        return chosen

    @path("")
    def article(self, request):
        return self.render(request)

    @path("pdf/")
    def pdf(self, request):
        from .pdf import article_pdf_response

        return article_pdf_response(self, request)


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=250, blank=True, help_text=_("Defaults to the file's title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self) -> str:
        return self.title or self.document.title


class ArticleRelatedLink(Orderable):
    source = ParentalKey(ArticlePage, related_name="related_links", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=pgettext_lazy("news item", "item"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page", heading=pgettext_lazy("news item", "item"))]
