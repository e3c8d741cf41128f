from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="site")
class AgencySettings(BaseGenericSetting):
    """The agency's name and contact details shown in every page footer (Decree 42/2022 asks for them)."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200, default="Sở Ngoại vụ")
    name_en = models.CharField(_("name (English)"), max_length=200, default="Department of Foreign Affairs")
    parent_body_vi = models.CharField(_("governing body (Vietnamese)"), max_length=200, blank=True)
    parent_body_en = models.CharField(_("governing body (English)"), max_length=200, blank=True)
    address_vi = models.CharField(_("address (Vietnamese)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    officer_name = models.CharField(_("official in charge of the site"), max_length=120, blank=True)
    officer_post_vi = models.CharField(_("post of the official (Vietnamese)"), max_length=200, blank=True)
    officer_post_en = models.CharField(_("post of the official (English)"), max_length=200, blank=True)
    officer_phone = models.CharField(_("phone of the official"), max_length=50, blank=True)
    officer_email = models.EmailField(_("e-mail of the official"), blank=True)
    licence_vi = models.CharField(_("licence line (Vietnamese)"), max_length=300, blank=True)
    licence_en = models.CharField(_("licence line (English)"), max_length=300, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("parent_body_vi"), FieldPanel("parent_body_en")],
            heading=_("Agency"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_vi"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("officer_name"),
                FieldPanel("officer_post_vi"),
                FieldPanel("officer_post_en"),
                FieldPanel("officer_phone"),
                FieldPanel("officer_email"),
            ],
            heading=_("Official in charge of the site"),
        ),
        MultiFieldPanel([FieldPanel("licence_vi"), FieldPanel("licence_en")], heading=_("Licence")),
    ]

    class Meta:
        verbose_name = _("agency details")

    def localized(self, field: str) -> str:
        """The Vietnamese or English variant of a field, for the language being shown."""
        language = "en" if (get_language() or "vi").startswith("en") else "vi"
        return getattr(self, f"{field}_{language}") or getattr(self, f"{field}_vi")

    @property
    def name(self) -> str:
        return self.localized("name")

    @property
    def parent_body(self) -> str:
        return self.localized("parent_body")

    @property
    def address(self) -> str:
        return self.localized("address")

    @property
    def officer_post(self) -> str:
        return self.localized("officer_post")

    @property
    def licence(self) -> str:
        return self.localized("licence")
