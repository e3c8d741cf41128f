"""Visits counted by the portal itself: no cookie, no third-party script, no personal data.

A visit is one public page served whole (from the page cache or freshly rendered). Counts are
kept per day, and per day and address; nothing about the visitor is stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DailyVisits(models.Model):
    day = models.DateField(pgettext_lazy("date", "day"), unique=True)
    views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("visits of a day")
        verbose_name_plural = _("visits per day")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.views}"


class PageVisits(models.Model):
    day = models.DateField(pgettext_lazy("date", "day"))
    path = models.CharField(_("address"), max_length=255)
    views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("visits of a page")
        verbose_name_plural = _("visits per page")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="unique_page_visits_per_day")]
        indexes = [models.Index(fields=["day", "-views"], name="page_visits_day_views")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.path}: {self.views}"
