"""What Decree 42/2022 asks the agency to disclose: the annual financial report and the list of the
information it publishes (danh mục thông tin phải công khai)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Orderable
from wagtail.search import index

from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.documents.models import FilesTextMixin, RegistryFile, RegistryIndexMixin
from portal.news.models import SectionPage


class DisclosureIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    parent_page_types = ["home.HomePage", "news.SectionPage", "organisation.OrganisationIndexPage"]
    subpage_types = ["disclosure.FinancialReportPage", "disclosure.InformationListPage", "news.ArticlePage"]
    template = "disclosure/disclosure_index_page.html"

    class Meta:
        verbose_name = _("public disclosure")

    def feed_items(self):
        return FinancialReportPage.objects.live().public().descendant_of(self).order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        context = PortalPage.get_context(self, request, *args, **kwargs)
        context["reports"] = list(FinancialReportPage.objects.live().public().child_of(self).order_by("-year"))
        context["lists"] = list(InformationListPage.objects.live().public().child_of(self))
        context["news"] = self.category_news()
        return context


class FinancialReportPage(FilesTextMixin, PortalPage):
    """The annual financial report: its lines of revenue and expenditure in whole đồng, and its files."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    year = models.PositiveSmallIntegerField(_("year"))
    report_date = models.DateField(_("date of the report"))
    summary = models.TextField(_("summary"), max_length=1000)

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("report_date")]),
        FieldPanel("summary"),
        InlinePanel("lines", label=_("lines of the report")),
        InlinePanel("files", label=_("files (PDF or Word)")),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("summary", boost=2),
        FoldedSearchField("search_files_text"),
        index.FilterField("year"),
    ]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("annual financial report")
        verbose_name_plural = _("annual financial reports")

    def clean(self):
        super().clean()
        others = FinancialReportPage.objects.filter(year=self.year, locale_id=self.locale_id).exclude(
            translation_key=self.translation_key
        )
        if self.year and others.exists():
            raise ValidationError(
                {"year": _("The report of %(year)s is already published; edit it instead.") % {"year": self.year}}
            )

    @property
    def lead(self) -> str:
        return self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lines = list(self.lines.all())
        sections = []
        for kind, label in FinancialReportLine.KIND_CHOICES:
            rows = [line for line in lines if line.kind == kind]
            if rows:
                sections.append(
                    {
                        "label": label,
                        "rows": rows,
                        "planned": sum(row.planned for row in rows),
                        "actual": sum(row.actual for row in rows),
                    }
                )
        context["sections"] = sections
        context["files"] = list(self.files.select_related("document"))
        return context


class FinancialReportLine(Orderable):
    KIND_REVENUE = "revenue"
    KIND_EXPENDITURE = "expenditure"
    KIND_CHOICES = [(KIND_REVENUE, _("revenue")), (KIND_EXPENDITURE, _("expenditure"))]

    page = ParentalKey(FinancialReportPage, related_name="lines", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    label = models.CharField(pgettext_lazy("financial report", "item"), max_length=250)
    planned = models.PositiveBigIntegerField(pgettext_lazy("financial report", "budget (đồng)"), default=0)
    actual = models.PositiveBigIntegerField(_("actual (đồng)"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("planned"), FieldPanel("actual")]),
    ]


class FinancialReportFile(RegistryFile):
    page = ParentalKey(FinancialReportPage, related_name="files", on_delete=models.CASCADE)


class InformationListPage(PortalPage):
    """The list of information the agency publishes: what, on what basis, where, how often, who."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro"), InlinePanel("entries", label=_("information"))]
    search_fields = [*PortalPage.search_fields, FoldedSearchField("intro"), FoldedSearchField("search_entries")]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("list of published information")

    @property
    def lead(self) -> str:
        return self.intro

    @property
    def search_entries(self) -> str:
        return " ".join(f"{entry.name} {entry.legal_basis}" for entry in self.entries.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = list(self.entries.select_related("unit", "page"))
        return context


class InformationEntry(Orderable):
    list_page = ParentalKey(InformationListPage, related_name="entries", on_delete=models.CASCADE)
    name = models.CharField(_("information"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=pgettext_lazy("place", "published at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    frequency = models.CharField(_("when it is updated"), max_length=200)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("legal_basis"),
        FieldPanel("page"),
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("unit")]),
    ]
