"""The base every public page type shares: folded search fields and social metadata."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .search_fields import folded_page_search_fields


class PortalPage(Page):
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = folded_page_search_fields(Page.search_fields)
    promote_panels = [*Page.promote_panels]

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image
