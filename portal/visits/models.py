"""Visits counted by the portal itself: no cookie, no third-party script, no personal data.

A visit is one public page served whole (from the page cache or freshly rendered). Counts are
kept per site (each agency's site counts its own) and day, and per day and address; nothing about the
visitor is stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def default_site_id() -> int | None:
    """The default site (its id): what counts made before visits were counted per site belong to."""
    from portal.core.models import default_site

    site = default_site()
    return site.pk if site else None


class DailyVisits(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        default=default_site_id,
        related_name="+",
    )
    day = models.DateField(pgettext_lazy("date", "day"))
    views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("visits of a day")
        verbose_name_plural = _("visits per day")
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="unique_daily_visits_per_site")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.views}"


class PageVisits(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        default=default_site_id,
        related_name="+",
    )
    day = models.DateField(pgettext_lazy("date", "day"))
    path = models.CharField(_("address"), max_length=255)
    views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("visits of a page")
        verbose_name_plural = _("visits per page")
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "path"], name="unique_page_visits_per_site_and_day")
        ]
        indexes = [models.Index(fields=["day", "-views"], name="page_visits_day_views")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.path}: {self.views}"
