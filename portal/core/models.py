from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from .history import ScopedModelLogEntryManager, ScopedPageLogEntryManager


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """The agency of one site: its name and contact details shown in every page footer (Decree 42/2022
    asks for them), and the record its units, plans and royalty schedules belong to.

    One installation may serve several agencies, each a Wagtail site (`setup_portal PACK --site HOST`);
    an installation of one agency has one, the default site's."""

    # Filled from the agency pack by setup_portal; nothing about one agency is a default in code.
    code = models.SlugField(_("code"), max_length=100, blank=True, help_text=_("The agency pack's code"))
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
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
    # What the agency's formal documents (Decree 30/2020/NĐ-CP) print in their heading.
    symbol = models.CharField(
        _("symbol in document numbers"), max_length=20, blank=True, help_text=_("e.g. SNgV, as in No. 153/SNgV-LS")
    )
    place_vi = models.CharField(_("place name on documents (Vietnamese)"), max_length=100, blank=True)
    place_en = models.CharField(_("place name on documents (English)"), max_length=100, blank=True)
    document_parent_vi = models.CharField(
        _("governing body on documents (Vietnamese)"),
        max_length=200,
        blank=True,
        help_text=_("In capitals, as written above the agency's name; empty: the governing body in capitals"),
    )
    document_parent_en = models.CharField(_("governing body on documents (English)"), max_length=200, blank=True)
    document_name_vi = models.CharField(
        _("name on documents (Vietnamese)"),
        max_length=200,
        blank=True,
        help_text=_("In capitals, under the governing body; empty: the name in capitals"),
    )
    document_name_en = models.CharField(_("name on documents (English)"), max_length=200, blank=True)
    # The province's own portal, above the departments of one installation: its search covers every
    # agency, its editors carry agencies' items, and its board sees every agency's plan.
    is_province = models.BooleanField(
        _("provincial portal"),
        default=False,
        editable=False,
        help_text=_("Set by the agency pack (level: province)"),
    )

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
        MultiFieldPanel(
            [
                FieldPanel("symbol"),
                FieldPanel("place_vi"),
                FieldPanel("place_en"),
                FieldPanel("document_parent_vi"),
                FieldPanel("document_parent_en"),
                FieldPanel("document_name_vi"),
                FieldPanel("document_name_en"),
            ],
            heading=_("Formal documents"),
        ),
    ]

    class Meta:
        verbose_name = _("agency details")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="unique_agency_code")
        ]

    @classmethod
    def load(cls, site: Site | None = None) -> "AgencySettings":
        """The agency of `site`; without one (a mail, a report, a command), the default site's, which is
        the only one of an installation serving one agency. Unsaved and empty on a database with no site."""
        site = site or default_site()
        return cls.for_site(site) if site else cls()

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


def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def default_agency() -> int | None:
    """The default site's agency (its id): what records made without naming an agency belong to.

    It is the default of every agency-owned record's `agency`, asked for each row made: one query where
    the default site has its settings row (not remembered: a test or a command may change the default
    site at any time); otherwise the two of `AgencySettings.load`, which makes the row."""
    found = AgencySettings.objects.filter(site__is_default_site=True).values_list("pk", flat=True).first()
    return found if found is not None else AgencySettings.load().pk


class AgencyOwned(models.Model):
    """A record that belongs to one agency (a unit, a plan, a royalty schedule): its code or year is
    unique within the agency, so two agencies of one installation may both have a `van-phong` or a 2017."""

    agency = models.ForeignKey(
        AgencySettings,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,  # an agency goes only by an explicit command, never with its site
        default=default_agency,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        # The agency is not on the admin's form, yet the uniqueness is within it: checked with it.
        super().validate_constraints(exclude=set(exclude or ()) - {"agency"})


class WorkingDayChange(models.Model):
    """A day the government (or the agency) moves by decision: an extra day off, or a make-up working day.

    The `holidays` package already knows the statutory holidays and the swaps it has heard of;
    these rows override it for one date, so the agency's calendar is data, not code.
    """

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"
    KIND_CHOICES = [(DAY_OFF, _("day off")), (WORKING_DAY, _("working day (make-up)"))]

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("change"), max_length=20, choices=KIND_CHOICES)
    reason = models.CharField(
        pgettext_lazy("legal basis", "reason"),
        max_length=300,
        help_text=_("The decision or notice that moves the day, e.g. its number and date."),
    )

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("reason")]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("working-day change")
        verbose_name_plural = _("working-day changes")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()}"


class ScopedModelLogEntry(ModelLogEntry):
    """Wagtail's log entry of a non-page object, read through a manager that hides the entries of
    objects the reader may not see (portal.core.history)."""

    objects = ScopedModelLogEntryManager()

    class Meta:
        proxy = True


class ScopedPageLogEntry(PageLogEntry):
    """Wagtail's log entry of a page, read through a manager that the `filter_page_history` hooks narrow."""

    objects = ScopedPageLogEntryManager()

    class Meta:
        proxy = True
