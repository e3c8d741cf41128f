"""The registry of the agency's documents (văn bản chỉ đạo điều hành, văn bản quy phạm pháp luật)
and of the treaties and international agreements the province has signed (Decree 42/2022)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.index import insert_or_update_object

from portal.core.listings import FeedRouteMixin, paginate, query_prefix
from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.core.text import fold
from portal.core.vocabularies import Vocabulary
from portal.news.models import SectionPage

from .files import validate_registry_file

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class DocumentKind(Vocabulary):
    """Quyết định, Công văn, Thông báo, Kế hoạch, Nghị định, Thông tư..."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("kind of document")
        verbose_name_plural = _("kinds of document")


class Issuer(Vocabulary):
    """The body that issued a document (cơ quan ban hành)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class LegalField(Vocabulary):
    """The field a document or agreement belongs to (lĩnh vực)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class Country(Vocabulary):
    """A country or territory, for treaties and foreign investment projects."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class RegistryFileText(models.Model):
    """The text of a file of the library, kept so that documents are found by what their files say."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, primary_key=True, related_name="registry_text"
    )
    file_hash = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("text of a file")

    def __str__(self) -> str:
        return str(self.document)


def files_text(page) -> str:
    """The extracted text of the page's `files` (empty before the page is saved)."""
    document_ids = [item.document_id for item in page.files.all() if item.document_id]
    if not document_ids:
        return ""
    return " ".join(RegistryFileText.objects.filter(document_id__in=document_ids).values_list("text", flat=True))


def number_parts(number: str) -> tuple[str, str, str]:
    """`66/QĐ-SNgV` -> (`66/qd-sngv`, `66`, `qd-sngv`): what the number filter matches exactly."""
    key = "".join(fold(number).split())
    serial, _slash, symbol = key.partition("/")
    return key, serial, symbol


class FilesTextMixin:
    """A page indexed with the text of its `files`. Wagtail indexes a page before its child rows
    (the files) are saved, so the page is indexed once more after they are."""

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.live:
            insert_or_update_object(self)
        return result

    @property
    def search_files_text(self) -> str:
        return files_text(self)


class RegistryIndexMixin(FeedRouteMixin):
    """A category that lists its registry pages with filters; its own news items follow the list."""

    def category_news(self, limit: int = 5):
        return list(self.items()[:limit])


class DocumentIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    """The documents registry: every document with filters by kind, issuer, field, year and number."""

    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["documents.DocumentPage", "news.ArticlePage"]
    template = "documents/document_index_page.html"

    class Meta:
        verbose_name = _("documents registry")

    def documents(self):
        return DocumentPage.objects.live().public().descendant_of(self)

    def feed_items(self):
        return self.documents().order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        from .forms import DocumentFilterForm
        from .selectors import document_filter_choices, filter_documents

        context = PortalPage.get_context(self, request, *args, **kwargs)
        form = DocumentFilterForm(request.GET or None, **document_filter_choices(self.documents()))
        filters = form.cleaned_data if form.is_valid() else {}
        context["form"] = form
        context["filtered"] = bool(request.GET) and form.is_valid() and any(filters.values())
        context["documents"] = paginate(request, filter_documents(self.documents(), **filters))
        context["query_prefix"] = query_prefix(request)
        context["news"] = self.category_news()
        return context


class DocumentPage(FilesTextMixin, PortalPage):
    """One document of the registry, at a stable address."""

    # An item of the annual plan (portal.planning): its deadline rule counts from this date.
    plan_item = {"reference_date_field": "issue_date"}

    STATUS_IN_FORCE = "in_force"
    STATUS_NOT_YET = "not_yet"
    STATUS_EXPIRED = "expired"
    STATUS_REPLACED = "replaced"
    STATUS_LABELS = {
        STATUS_IN_FORCE: _("In force"),
        STATUS_NOT_YET: _("Not yet in force"),
        STATUS_EXPIRED: _("No longer in force"),
        STATUS_REPLACED: _("Replaced"),
    }

    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        blank=True,
        help_text=_("As printed on the document, e.g. 66/QĐ-SNgV. Unique for one issuing body and year."),
    )
    kind = models.ForeignKey(DocumentKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(Issuer, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="+")
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_post = models.CharField(_("post of the signer"), max_length=120, blank=True)
    issue_date = models.DateField(_("date of issue"))
    effective_date = models.DateField(_("date in force"), null=True, blank=True)
    expiry_date = models.DateField(
        _("date no longer in force"), null=True, blank=True, help_text=_("Leave empty while the document is in force.")
    )
    field = models.ForeignKey(
        LegalField, verbose_name=_("field"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(_("summary (trích yếu)"), max_length=1000)
    body = RichTextField(_("full text"), blank=True, features=RICH_TEXT_FEATURES)
    # Kept from `number` and `issue_date` on save, for exact filters and the uniqueness rule.
    number_key = models.CharField(max_length=60, blank=True, editable=False, db_index=True)
    number_serial = models.CharField(max_length=20, blank=True, editable=False)
    number_symbol = models.CharField(max_length=60, blank=True, editable=False)
    issue_year = models.PositiveSmallIntegerField(editable=False, default=0, db_index=True)

    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("field")]),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_post")]),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
            ],
            heading=pgettext_lazy("legal document", "Document"),
        ),
        FieldPanel("summary"),
        InlinePanel("files", label=_("files (PDF or Word)"), min_num=0),
        FieldPanel("body"),
        InlinePanel("relations", label=_("related documents")),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("search_number", boost=4),
        FoldedSearchField("summary", boost=2),
        FoldedSearchField("signer"),
        FoldedSearchField("search_labels"),
        FoldedSearchField("body"),
        FoldedSearchField("search_files_text"),
        index.FilterField("kind"),
        index.FilterField("issuer"),
        index.FilterField("field"),
        index.FilterField("issue_year"),
        index.FilterField("issue_date"),
        index.FilterField("number_key"),
        index.FilterField("number_serial"),
        index.FilterField("number_symbol"),
    ]

    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = pgettext_lazy("legal document", "document")
        verbose_name_plural = pgettext_lazy("legal document", "documents")
        indexes = [models.Index(fields=["issuer", "issue_year", "number_key"])]

    def save(self, *args, **kwargs):
        self.number_key, self.number_serial, self.number_symbol = number_parts(self.number)
        self.issue_year = self.issue_date.year if self.issue_date else 0
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from .selectors import document_with_same_number

        errors = {}
        if self.effective_date and self.issue_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("A document cannot be in force before the day it was issued.")
        if self.expiry_date and self.effective_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = _("The end of validity cannot come before the date in force.")
        if self.number and self.issuer_id and self.issue_date:
            other = document_with_same_number(
                number=self.number,
                issuer_id=self.issuer_id,
                year=self.issue_date.year,
                locale_id=self.locale_id,
                translation_key=self.translation_key,
            )
            if other is not None:
                errors["number"] = _(
                    "The registry already holds %(number)s issued by %(issuer)s in %(year)s: “%(title)s”. "
                    "Check the number, or edit that document instead."
                ) % {"number": self.number, "issuer": self.issuer, "year": self.issue_date.year, "title": other.title}
        if errors:
            raise ValidationError(errors)

    @property
    def lead(self) -> str:
        """The summary, where the site lists pages (search results, feeds, page description)."""
        return self.summary

    @property
    def search_number(self) -> str:
        # Also word by word: PostgreSQL reads `66/qd-sngv` as one file-path token.
        return f"{self.number} {' '.join(fold(self.number).replace('/', ' ').replace('-', ' ').split())}"

    @property
    def search_labels(self) -> str:
        labels = [self.kind.name_vi, self.kind.name_en, self.issuer.name_vi, self.issuer.name_en]
        if self.field_id:
            labels += [self.field.name_vi, self.field.name_en]
        return " ".join(label for label in labels if label)

    def status(self, *, replaced: bool = False, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if replaced:
            return self.STATUS_REPLACED
        if self.expiry_date and self.expiry_date <= today:
            return self.STATUS_EXPIRED
        if self.effective_date and self.effective_date > today:
            return self.STATUS_NOT_YET
        return self.STATUS_IN_FORCE

    def get_context(self, request, *args, **kwargs):
        from .selectors import document_relations

        context = super().get_context(request, *args, **kwargs)
        relations = document_relations(self)
        context["relations"] = relations
        status = self.status(replaced=bool(relations["replaced_by"]))
        context["status"] = status
        context["status_label"] = self.STATUS_LABELS[status]
        context["files"] = list(self.files.select_related("document"))
        return context


class RegistryFile(Orderable):
    """A file of a registry page: PDF or Word, from Wagtail's documents library."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=250, blank=True, help_text=_("Defaults to the file's title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if self.document_id:
            try:
                validate_registry_file(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error.messages}) from None

    @property
    def label(self) -> str:
        return self.title or self.document.title


class DocumentFile(RegistryFile):
    page = ParentalKey(DocumentPage, related_name="files", on_delete=models.CASCADE)


class DocumentRelation(Orderable):
    """This document replaces, amends or implements another one."""

    REPLACES = "replaces"
    AMENDS = "amends"
    IMPLEMENTS = "implements"
    KIND_CHOICES = [(REPLACES, _("replaces")), (AMENDS, _("amends")), (IMPLEMENTS, _("implements"))]

    source = ParentalKey(DocumentPage, related_name="relations", on_delete=models.CASCADE)
    kind = models.CharField(_("relation"), max_length=20, choices=KIND_CHOICES)
    target = models.ForeignKey(
        DocumentPage,
        verbose_name=pgettext_lazy("legal document", "document"),
        on_delete=models.CASCADE,
        related_name="referenced_by",
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related document")

    def clean(self):
        super().clean()
        if self.target_id and self.source_id and self.target_id == self.source_id:
            raise ValidationError({"target": _("A document cannot be related to itself.")})


class TreatyIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    """Treaties and international agreements the province has signed, with filters."""

    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["documents.TreatyPage", "news.ArticlePage"]
    template = "documents/treaty_index_page.html"

    class Meta:
        verbose_name = _("treaties and agreements registry")

    def treaties(self):
        return TreatyPage.objects.live().public().descendant_of(self)

    def feed_items(self):
        return self.treaties().order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        from .forms import TreatyFilterForm
        from .selectors import filter_treaties, treaty_filter_choices

        context = PortalPage.get_context(self, request, *args, **kwargs)
        form = TreatyFilterForm(request.GET or None, **treaty_filter_choices(self.treaties()))
        filters = form.cleaned_data if form.is_valid() else {}
        context["form"] = form
        context["filtered"] = bool(request.GET) and form.is_valid() and any(filters.values())
        context["treaties"] = paginate(request, filter_treaties(self.treaties(), **filters))
        context["query_prefix"] = query_prefix(request)
        context["news"] = self.category_news()
        return context


class TreatyPage(FilesTextMixin, PortalPage):
    """A treaty (điều ước quốc tế) or international agreement (thỏa thuận quốc tế)."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    KIND_TREATY = "treaty"
    KIND_AGREEMENT = "agreement"
    KIND_CHOICES = [
        (KIND_TREATY, _("international treaty")),
        (KIND_AGREEMENT, _("international agreement")),
    ]

    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default=KIND_AGREEMENT)
    partner = models.CharField(_("partner"), max_length=250, help_text=_("The foreign party that signed."))
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    signatory = models.CharField(_("signed for the province by"), max_length=200, blank=True)
    place_signed = models.CharField(_("place of signature"), max_length=200, blank=True)
    date_signed = models.DateField(_("date signed"))
    effective_date = models.DateField(_("date in force"), null=True, blank=True)
    expiry_date = models.DateField(_("valid until"), null=True, blank=True)
    field = models.ForeignKey(
        LegalField, verbose_name=_("field"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(_("summary"), max_length=1500)
    body = RichTextField(_("main content"), blank=True, features=RICH_TEXT_FEATURES)
    year_signed = models.PositiveSmallIntegerField(editable=False, default=0, db_index=True)

    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("field")]),
                FieldRowPanel([FieldPanel("partner"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("signatory"), FieldPanel("place_signed")]),
                FieldRowPanel([FieldPanel("date_signed"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
            ],
            heading=_("Agreement"),
        ),
        FieldPanel("summary"),
        InlinePanel("files", label=_("files (PDF or Word)")),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("partner", boost=2),
        FoldedSearchField("summary", boost=2),
        FoldedSearchField("search_labels"),
        FoldedSearchField("signatory"),
        FoldedSearchField("body"),
        FoldedSearchField("search_files_text"),
        index.FilterField("kind"),
        index.FilterField("country"),
        index.FilterField("field"),
        index.FilterField("year_signed"),
        index.FilterField("date_signed"),
    ]
    parent_page_types = ["documents.TreatyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("treaty or agreement")
        verbose_name_plural = _("treaties and agreements")

    def save(self, *args, **kwargs):
        self.year_signed = self.date_signed.year if self.date_signed else 0
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.effective_date and self.date_signed and self.effective_date < self.date_signed:
            errors["effective_date"] = _("An agreement cannot be in force before it was signed.")
        if self.expiry_date and self.date_signed and self.expiry_date < self.date_signed:
            errors["expiry_date"] = _("The end of validity cannot come before the signature.")
        if errors:
            raise ValidationError(errors)

    @property
    def lead(self) -> str:
        return self.summary

    @property
    def in_force(self) -> bool:
        today = timezone.localdate()
        started = self.effective_date is None or self.effective_date <= today
        return started and (self.expiry_date is None or self.expiry_date > today)

    @property
    def search_labels(self) -> str:
        labels = [self.get_kind_display(), self.country.name_vi, self.country.name_en]
        if self.field_id:
            labels += [self.field.name_vi, self.field.name_en]
        return " ".join(str(label) for label in labels if label)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = list(self.files.select_related("document"))
        return context


class TreatyFile(RegistryFile):
    page = ParentalKey(TreatyPage, related_name="files", on_delete=models.CASCADE)
