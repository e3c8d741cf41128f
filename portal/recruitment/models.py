"""Recruitment notices (tuyển dụng công chức, viên chức): posts, deadline, how to apply, documents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.core.listings import paginate
from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.core.tree import descendants_q
from portal.documents.models import FilesTextMixin, RegistryFile, RegistryIndexMixin
from portal.news.models import SectionPage

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class RecruitmentIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["recruitment.RecruitmentNoticePage", "news.ArticlePage"]
    template = "recruitment/recruitment_index_page.html"

    class Meta:
        verbose_name = _("recruitment notices")

    def notices(self):
        return RecruitmentNoticePage.objects.live().public().filter(descendants_q(self))

    def feed_items(self):
        return self.notices().order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = PortalPage.get_context(self, request, *args, **kwargs)
        today = timezone.localdate()
        notices = (
            self.notices()
            .select_related("unit")
            .annotate(
                is_open=Case(When(deadline__gte=today, then=Value(1)), default=Value(0), output_field=IntegerField())
            )
            .order_by("-is_open", "-notice_date", "-pk")  # open notices first
        )
        context["notices"] = paginate(request, notices)
        context["news"] = self.category_news()
        return context


class RecruitmentNoticePage(FilesTextMixin, PortalPage):
    # An item of the annual plan (portal.planning): its deadline rule counts from this date.
    plan_item = {"reference_date_field": "notice_date"}

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("recruiting unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    positions = models.CharField(_("posts"), max_length=300, help_text=_("e.g. Biên dịch viên tiếng Hàn"))
    number_of_posts = models.PositiveSmallIntegerField(_("number of posts"), default=1)
    notice_date = models.DateField(_("date of the notice"), default=timezone.localdate)
    deadline = models.DateField(_("applications by"))
    selection_date = models.DateField(_("date of the selection"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=800)
    requirements = RichTextField(_("requirements"), features=RICH_TEXT_FEATURES)
    how_to_apply = RichTextField(_("how to apply"), features=RICH_TEXT_FEATURES)
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("unit"), FieldPanel("positions"), FieldPanel("number_of_posts")]),
        FieldRowPanel([FieldPanel("notice_date"), FieldPanel("deadline"), FieldPanel("selection_date")]),
        FieldPanel("summary"),
        FieldPanel("requirements"),
        FieldPanel("how_to_apply"),
        FieldPanel("contact"),
        InlinePanel("files", label=_("documents (PDF or Word)")),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("positions", boost=2),
        FoldedSearchField("summary", boost=2),
        FoldedSearchField("requirements"),
        FoldedSearchField("how_to_apply"),
        FoldedSearchField("search_files_text"),
        index.FilterField("deadline"),
    ]
    parent_page_types = ["recruitment.RecruitmentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("recruitment notice")
        verbose_name_plural = _("recruitment notices")

    def clean(self):
        super().clean()
        errors = {}
        if self.deadline and self.notice_date and self.deadline < self.notice_date:
            errors["deadline"] = _("The deadline cannot come before the notice.")
        if self.selection_date and self.deadline and self.selection_date < self.deadline:
            errors["selection_date"] = _("The selection cannot take place before applications close.")
        if errors:
            raise ValidationError(errors)

    @property
    def lead(self) -> str:
        return self.summary

    @property
    def open(self) -> bool:
        return self.deadline >= timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = list(self.files.select_related("document"))
        return context


class RecruitmentFile(RegistryFile):
    page = ParentalKey(RecruitmentNoticePage, related_name="files", on_delete=models.CASCADE)
