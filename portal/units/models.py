from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.models import AgencyOwned


class Unit(AgencyOwned):
    """A department of the agency that supplies content (phòng, đơn vị, đoàn thể)."""

    code = models.SlugField(_("code"), max_length=50)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
    )

    class Meta:
        ordering = ["sort_order", "name_vi"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="unique_unit_code_per_agency",
                violation_error_message=_("The agency has a unit with this code already."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi


class AgencyCollection(models.Model):
    """The collection (Wagtail's folder of images and documents) of one agency: its role groups may add
    and choose files in it only, so one agency's staff neither see nor pick another's files."""

    agency = models.OneToOneField(
        "core.AgencySettings", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("collection"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("agency's collection")
        verbose_name_plural = _("agencies' collections")

    def __str__(self) -> str:
        return str(self.collection)


class AgencyGroup(models.Model):
    """The agency a group (a role's, or one made in the admin by its staff) belongs to: its staff see and
    give only their agency's groups. A group of no agency (made by a superuser) is the superusers' alone."""

    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="agency_link"
    )
    agency = models.ForeignKey(
        "core.AgencySettings", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("agency's group")
        verbose_name_plural = _("agencies' groups")

    def __str__(self) -> str:
        return str(self.group)
