"""Collected items (tin sưu tầm): the source sites the secretariat follows and the inbox of their entries."""

from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel


class FeedSource(models.Model):
    """A site whose RSS or Atom feed brings entries into the inbox."""

    name = models.CharField(_("name"), max_length=200, help_text=_("Named as the source of every item taken from it."))
    site_url = models.URLField(_("site address"), blank=True)
    feed_url = models.URLField(
        _("feed address (RSS or Atom)"),
        max_length=500,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"])],  # never file:// or ftp:// from the server
    )
    default_category = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("default category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # deleting a category must not delete the source list
        related_name="+",
        help_text=_("Where drafts made from this source go unless the editor chooses another category."),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Only active sources are fetched."))
    last_fetched_at = models.DateTimeField(_("last fetched successfully"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("site_url"), FieldPanel("feed_url")]),
        PageChooserPanel("default_category", page_type="news.SectionPage"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("news source")
        verbose_name_plural = _("news sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InboxEntry(models.Model):
    """One entry of a source's feed, waiting for an editor to draft it or dismiss it."""

    STATUS_NEW = "new"
    STATUS_DRAFTED = "drafted"
    STATUS_DISMISSED = "dismissed"
    STATUS_CHOICES = [(STATUS_NEW, _("new")), (STATUS_DRAFTED, _("drafted")), (STATUS_DISMISSED, _("dismissed"))]

    source = models.ForeignKey(FeedSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(_("identifier in the feed"), max_length=255)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)  # plain text, sanitised when fetched
    link = models.URLField(_("link"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_NEW, db_index=True)
    draft = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("draft"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("inbox entry")
        verbose_name_plural = _("inbox entries")
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="collected_entry_unique_per_source")]
        ordering = [models.F("published_at").desc(nulls_last=True), "-fetched_at", "-pk"]

    def __str__(self) -> str:
        return self.title
