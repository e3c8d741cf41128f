"""The agency's organisation as data (thông tin đơn vị): its units' functions and contacts, its leaders,
and the pages that show them, so the directory and every page stay consistent."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField

from portal.core.listings import paginate
from portal.core.models import AgencyOwned
from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.documents.models import RegistryIndexMixin
from portal.news.models import SectionPage
from portal.units.agencies import agency_of_page

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def _in_language(obj, field: str) -> str:
    english = (get_language() or "vi").startswith("en")
    return (getattr(obj, f"{field}_en") if english else "") or getattr(obj, f"{field}_vi")


class UnitProfile(models.Model):
    """What a unit (portal/units Unit) does and how to reach it: one profile per unit."""

    KIND_DIVISION = "division"
    KIND_SERVICE = "service"
    KIND_UNION = "union"
    KIND_CHOICES = [
        (KIND_DIVISION, _("division of the Department")),
        (KIND_SERVICE, _("public service unit")),
        (KIND_UNION, _("union")),
    ]

    unit = models.OneToOneField("units.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="profile")
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default=KIND_DIVISION)
    functions_vi = models.TextField(_("functions and duties (Vietnamese)"))
    functions_en = models.TextField(_("functions and duties (English)"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("office"), max_length=250, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("unit"), FieldPanel("kind")]),
        FieldPanel("functions_vi"),
        FieldPanel("functions_en"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")]),
    ]

    class Meta:
        verbose_name = _("unit profile")
        verbose_name_plural = _("unit profiles")
        ordering = ["unit__sort_order", "unit__name_vi"]

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def functions(self) -> str:
        return _in_language(self, "functions")


class Leader(AgencyOwned):
    """A leader of an agency or of one of its units, with a photo and contacts. Each agency of the
    installation lists its own (the one whose staff added it; a unit's leader is the unit's agency's)."""

    full_name = models.CharField(_("full name"), max_length=120)
    post_vi = models.CharField(_("post (Vietnamese)"), max_length=200)
    post_en = models.CharField(_("post (English)"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leaders",
        help_text=_("Leave empty for the Department's own leadership (Ban Giám đốc)."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    duties_vi = models.TextField(_("duties (Vietnamese)"), blank=True)
    duties_en = models.TextField(_("duties (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in post"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("full_name"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("post_vi"), FieldPanel("post_en")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("duties_vi"),
        FieldPanel("duties_en"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["sort_order", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.post_vi})"

    def clean(self):
        super().clean()
        if self.unit_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("Choose a unit of the leader's own agency.")})

    def save(self, *args, **kwargs):
        if self.unit_id:  # a unit's leader is its agency's, whoever adds them
            self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)

    @property
    def post(self) -> str:
        return _in_language(self, "post")

    @property
    def duties(self) -> str:
        return _in_language(self, "duties")

    @property
    def initials(self) -> str:
        words = self.full_name.split()
        return "".join(word[0] for word in words[-2:]).upper() if words else ""


class OrganisationIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    """About the agency: its leadership, the pages on its history, functions and structure, its sections."""

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "organisation.OrganisationTextPage",
        "organisation.StructurePage",
        "organisation.UnitSectionPage",
        "disclosure.DisclosureIndexPage",
        "news.ArticlePage",
    ]
    template = "organisation/organisation_index_page.html"

    class Meta:
        verbose_name = _("about the agency")

    def feed_items(self):
        return self.items()

    def get_context(self, request, *args, **kwargs):
        from .selectors import leadership

        context = PortalPage.get_context(self, request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["children"] = [child for child in children if not isinstance(child, SectionPage)]
        context["sections"] = [child for child in children if isinstance(child, SectionPage)]
        context["leaders"] = leadership(agency_of_page(self))
        context["news"] = self.category_news()
        return context


class OrganisationTextPage(PortalPage):
    """A page about the agency: its history, its functions and duties..."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*PortalPage.search_fields, FoldedSearchField("intro", boost=2), FoldedSearchField("body")]
    parent_page_types = ["organisation.OrganisationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("page about the agency")

    @property
    def lead(self) -> str:
        return self.intro


class StructurePage(PortalPage):
    """The organisation chart and directory: every unit with its functions, contacts and leaders."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    search_fields = [*PortalPage.search_fields, FoldedSearchField("intro"), FoldedSearchField("search_directory")]
    parent_page_types = ["organisation.OrganisationIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("structure and directory")

    @property
    def lead(self) -> str:
        return self.intro

    @property
    def search_directory(self) -> str:
        from .selectors import directory

        agency = agency_of_page(self)
        parts = []
        for leader in Leader.objects.filter(active=True, agency=agency):
            parts += [leader.full_name, leader.post_vi, leader.post_en]
        for profile, _leaders in directory(agency):
            parts += [profile.unit.name_vi, profile.unit.name_en, profile.functions_vi]
        return " ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        from .selectors import directory, leadership

        context = super().get_context(request, *args, **kwargs)
        agency = agency_of_page(self)
        context["leaders"] = leadership(agency)
        context["directory"] = directory(agency)
        return context


class UnitSectionPage(SectionPage):
    """A category of one unit (the Foreign Affairs Services Centre, the unions): its profile, leaders and news."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Its functions, contacts and leaders are shown above the section's news."),
    )

    content_panels = [*SectionPage.content_panels, FieldPanel("unit")]
    parent_page_types = ["home.HomePage", "news.SectionPage", "organisation.OrganisationIndexPage"]
    subpage_types = ["news.ArticlePage"]
    template = "organisation/unit_section_page.html"

    class Meta:
        verbose_name = _("section of a unit")

    def get_context(self, request, *args, **kwargs):
        from .selectors import unit_directory_entry

        context = PortalPage.get_context(self, request, *args, **kwargs)
        context["items"] = paginate(request, self.items())
        context["profile"], context["leaders"] = unit_directory_entry(self.unit_id)
        return context
