"""Foreign investment projects in the province: project, investor, country, capital, sector, status."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.core.amounts import money
from portal.core.listings import paginate, query_prefix
from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.core.tree import descendants_q
from portal.core.vocabularies import Vocabulary
from portal.documents.models import RegistryIndexMixin
from portal.news.models import SectionPage


class Sector(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class InvestmentIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["investment.InvestmentProjectPage", "news.ArticlePage"]
    template = "investment/investment_index_page.html"

    class Meta:
        verbose_name = _("foreign investment projects")

    def projects(self):
        return InvestmentProjectPage.objects.live().public().filter(descendants_q(self))

    def feed_items(self):
        return self.projects().order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        from .forms import ProjectFilterForm
        from .selectors import filter_projects, project_filter_choices

        context = PortalPage.get_context(self, request, *args, **kwargs)
        form = ProjectFilterForm(request.GET or None, **project_filter_choices(self.projects()))
        filters = form.cleaned_data if form.is_valid() else {}
        context["form"] = form
        context["filtered"] = bool(request.GET) and form.is_valid() and any(filters.values())
        context["projects"] = paginate(request, filter_projects(self.projects(), **filters))
        context["query_prefix"] = query_prefix(request)
        context["news"] = self.category_news()
        return context


class InvestmentProjectPage(PortalPage):
    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    CURRENCY_VND = "VND"
    CURRENCY_USD = "USD"
    CURRENCY_CHOICES = [(CURRENCY_VND, _("đồng")), (CURRENCY_USD, _("US dollars"))]
    STATUS_PROPOSED = "proposed"
    STATUS_LICENSED = "licensed"
    STATUS_BUILDING = "building"
    STATUS_OPERATING = "operating"
    STATUS_ENDED = "ended"
    STATUS_CHOICES = [
        (STATUS_PROPOSED, _("calling for investors")),
        (STATUS_LICENSED, _("licensed")),
        (STATUS_BUILDING, _("under construction")),
        (STATUS_OPERATING, _("operating")),
        (STATUS_ENDED, _("ended")),
    ]

    investor = models.CharField(
        _("investor"), max_length=250, blank=True, help_text=_("Empty while the project calls for investors.")
    )
    country = models.ForeignKey(
        "documents.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+")
    capital = models.PositiveBigIntegerField(
        _("registered capital"), help_text=_("A whole number, in the currency chosen.")
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, default=CURRENCY_USD)
    location = models.CharField(_("location"), max_length=250)
    area_hectares = models.DecimalField(_("area (ha)"), max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_LICENSED)
    licence_number = models.CharField(_("investment certificate number"), max_length=100, blank=True)
    licence_date = models.DateField(_("date of the certificate"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=1000)
    body = RichTextField(_("details"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("investor"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("sector"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("capital"), FieldPanel("currency")]),
                FieldRowPanel([FieldPanel("location"), FieldPanel("area_hectares")]),
                FieldRowPanel([FieldPanel("licence_number"), FieldPanel("licence_date")]),
            ],
            heading=_("Project"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("investor", boost=2),
        FoldedSearchField("summary", boost=2),
        FoldedSearchField("location"),
        FoldedSearchField("body"),
        index.FilterField("country"),
        index.FilterField("sector"),
        index.FilterField("status"),
    ]
    parent_page_types = ["investment.InvestmentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("foreign investment project")
        verbose_name_plural = _("foreign investment projects")

    @property
    def lead(self) -> str:
        return self.summary

    @property
    def capital_display(self) -> str:
        """`15.000.000 đ` or `50.000.000 USD`; on the English site `15,000,000 VND`, `50,000,000 USD`."""
        return money(self.capital, self.currency)
