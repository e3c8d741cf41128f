from django.db import models
from django.utils.translation import gettext_lazy as _


class AppliedValue(models.Model):
    """What `setup_portal` last wrote into one field, so that running it again can tell a value staff
    edited since (left alone) from one still as the pack set it (updated to the pack's new value)."""

    key = models.CharField(_("key"), max_length=300, unique=True)
    value = models.JSONField(_("value"), null=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now=True)

    class Meta:
        verbose_name = _("value applied from the agency pack")
        verbose_name_plural = _("values applied from the agency pack")

    def __str__(self) -> str:
        return self.key
