"""Short bilingual lists kept as data (kinds of document, issuing bodies, sectors...), so another
agency changes them in the admin, not in code."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.Model):
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_vi"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the language being shown (Vietnamese where no English name is given)."""
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi
