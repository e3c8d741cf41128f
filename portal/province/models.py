"""The provincial portal's rights, as permissions Wagtail's admin checks (permissions.py).

No table: the board reads every agency's plan, and a carried item is a Wagtail alias of the
agency's page in the province's tree (services.py), so the rights are all this app stores.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvincialPortal(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("oversee_provincialportal", _("Can see every agency's figures (provincial portal board)")),
            ("carry_provincialportal", _("Can carry agencies' items to the provincial portal")),
        ]
        verbose_name = _("provincial portal")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
