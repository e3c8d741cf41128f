"""Photo albums of the Department's activities (hình ảnh hoạt động, Appendix I row 16: 30-50 images a year)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images import get_image_model
from wagtail.models import Orderable
from wagtail.search import index

from portal.core.listings import paginate
from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.core.tree import descendants_q
from portal.documents.models import RegistryIndexMixin
from portal.news.models import SectionPage

# Widths of the responsive thumbnails (srcset) and the size shown in the lightbox.
THUMBNAIL_SPECS = ("width-320", "width-480", "width-640", "width-960")
LARGE_SPEC = "max-1600x1200"
COVER_SPEC = "fill-480x300"


class AlbumIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["albums.AlbumPage", "news.ArticlePage"]
    template = "albums/album_index_page.html"

    class Meta:
        verbose_name = _("photo albums")

    @staticmethod
    def plan_quantity(category, *, since, before) -> int:
        """The annual plan's quantity for a photos category (portal.planning): Appendix I row 16
        counts the activity photos in images, not in albums."""
        from .selectors import images_published_under

        return images_published_under(category, since=since, before=before)

    def albums(self):
        return AlbumPage.objects.live().public().filter(descendants_q(self))

    def feed_items(self):
        return self.albums().order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = PortalPage.get_context(self, request, *args, **kwargs)
        albums = (
            self.albums()
            .annotate(number_of_images=Count("images"))
            .prefetch_related(Prefetch("cover", queryset=get_image_model().objects.prefetch_renditions(COVER_SPEC)))
            .order_by("-event_date", "-pk")
        )
        context["albums"] = paginate(request, albums)
        context["news"] = self.category_news()
        return context


class AlbumPage(PortalPage):
    """An album of an event: images from the image library, each with a caption and a credit."""

    # An item of the annual plan (portal.planning): its deadline rule counts from this date.
    plan_item = {"reference_date_field": "event_date"}

    royalty_kind = "photo"  # the royalties schedule pays photo albums by this

    event_date = models.DateField(_("date of the event"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=1000)
    photographer = models.CharField(
        _("photographs by"), max_length=120, blank=True, help_text=_("The credit of every image that names no other.")
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Defaults to the first image of the album."),
    )

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("event_date"), FieldPanel("place")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("photographer"), FieldPanel("unit")]),
        FieldPanel("cover"),
        InlinePanel("images", label=_("images"), min_num=1),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("description", boost=2),
        FoldedSearchField("place"),
        FoldedSearchField("search_captions"),
        FoldedSearchField("photographer"),
        index.FilterField("event_date"),
    ]
    parent_page_types = ["albums.AlbumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")

    @property
    def lead(self) -> str:
        return self.description

    @property
    def image_count(self) -> int:
        """How many images the album holds (the plan counts 30-50 activity images a year)."""
        return self.images.count()

    @property
    def search_captions(self) -> str:
        return " ".join(f"{item.caption} {item.credit}" for item in self.images.all())

    def gallery(self) -> list["AlbumImage"]:
        """The album's images, each with its renditions fetched in one query for all of them."""
        images = get_image_model().objects.prefetch_renditions(*THUMBNAIL_SPECS, LARGE_SPEC)
        items = list(self.images.prefetch_related(Prefetch("image", queryset=images)))
        for item in items:
            item.page = self  # the credit falls back to the album's photographer without a query each
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["gallery"] = self.gallery()
        context["thumbnail_specs"] = "|".join(THUMBNAIL_SPECS)
        return context


class AlbumImage(Orderable):
    page = ParentalKey(AlbumPage, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Defaults to the image's description."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("Defaults to the album's photographer.")
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption"), FieldPanel("credit")]

    class Meta(Orderable.Meta):
        verbose_name = _("image of an album")

    def clean(self):
        super().clean()
        if self.image_id and not (self.alt_text.strip() or (self.image.description or "").strip()):
            raise ValidationError({"alt_text": _("Describe the image for people who cannot see it.")})

    @property
    def alt(self) -> str:
        return self.alt_text or self.image.description or self.caption

    @property
    def credit_line(self) -> str:
        return self.credit or self.page.photographer
