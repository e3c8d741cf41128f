"""Public consultation on draft documents (lấy ý kiến dự thảo văn bản): a draft with its files and a
closing date, the public's comments (moderated), and the published summary of what was received."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.core.listings import paginate
from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.core.tree import descendants_q
from portal.documents.models import FilesTextMixin, RegistryFile, RegistryIndexMixin
from portal.news.models import SectionPage

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ConsultationIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["consultation.DraftPage", "news.ArticlePage"]
    template = "consultation/consultation_index_page.html"

    class Meta:
        verbose_name = _("public consultation on drafts")

    def drafts(self):
        return DraftPage.objects.live().public().filter(descendants_q(self))

    def feed_items(self):
        return self.drafts().order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = PortalPage.get_context(self, request, *args, **kwargs)
        context["drafts"] = paginate(request, self.drafts().select_related("unit").order_by("-closes_on", "-pk"))
        context["today"] = timezone.localdate()
        context["news"] = self.category_news()
        return context


class DraftPage(FilesTextMixin, RoutablePageMixin, PortalPage):
    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("drafting unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), max_length=1000)
    body = RichTextField(_("what the draft is about"), blank=True, features=RICH_TEXT_FEATURES)
    opens_on = models.DateField(_("comments open on"), default=timezone.localdate)
    closes_on = models.DateField(_("comments close on"))
    comments_summary = RichTextField(
        _("summary of the comments received"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Published once the consultation has closed: what was received and how it was taken into account."),
    )

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("unit"), FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("files", label=_("files of the draft (PDF or Word)")),
        FieldPanel("comments_summary"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("summary", boost=2),
        FoldedSearchField("body"),
        FoldedSearchField("comments_summary"),
        FoldedSearchField("search_files_text"),
        index.FilterField("closes_on"),
    ]
    parent_page_types = ["consultation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("draft for consultation")
        verbose_name_plural = _("drafts for consultation")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The consultation cannot close before it opens.")})

    @property
    def lead(self) -> str:
        return self.summary

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on

    def get_context(self, request, *args, **kwargs):
        from .forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", CommentForm.for_draft(self))
        context["comments"] = list(self.comments.filter(status=Comment.STATUS_APPROVED).order_by("submitted_at"))
        context["files"] = list(self.files.select_related("document"))
        return context

    @path("", name="draft")
    def draft(self, request):
        from django.utils.cache import add_never_cache_headers

        from .views import comment_view

        if request.method == "POST":
            return comment_view(request, self)
        response = self.render(request)
        if self.is_open:
            add_never_cache_headers(response)  # the form carries this visitor's CSRF token: never shared
        return response


class DraftFile(RegistryFile):
    page = ParentalKey(DraftPage, related_name="files", on_delete=models.CASCADE)


class Comment(models.Model):
    """A comment of the public on a draft; shown once a moderator approves it."""

    STATUS_PENDING = "pending"
    STATUS_APPROVED = "approved"
    STATUS_REJECTED = "rejected"
    STATUS_CHOICES = [
        (STATUS_PENDING, _("waiting for moderation")),
        (STATUS_APPROVED, _("published")),
        (STATUS_REJECTED, pgettext_lazy("consultation", "not published")),
    ]

    draft = models.ForeignKey(
        DraftPage,
        verbose_name=pgettext_lazy("consultation", "draft"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), help_text=_("Not published; used only to reply."))
    provision = models.CharField(_("article or section commented on"), max_length=120, blank=True)
    body = models.TextField(pgettext_lazy("consultation", "comment"), max_length=4000)
    body_hash = models.CharField(max_length=64, editable=False, db_index=True)
    sender_hash = models.CharField(max_length=64, editable=False)
    submitted_at = models.DateTimeField(pgettext_lazy("consultation", "submitted at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_PENDING)
    moderation_note = models.CharField(_("note of the moderator"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"
