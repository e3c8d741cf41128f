"""The procedure catalogue: administrative procedures (thủ tục hành chính) and their versions.

A procedure keeps its identity (code, field, the unit that handles it) while its content changes
by decision: each change is a new version, put into effect on a date, and the one it replaces is
retired but kept, so that an application is always read against the version it was made under.
A version holds the eleven fields Circular 32/2017 asks a procedure page to show, its online
level (Decree 43/2011's level kept, Decree 42/2022's classification shown), and its online form,
defined as data: the fields to fill in, the documents to upload and the fees.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from portal.core.models import AgencyOwned
from portal.core.pages import RoutesInTwoLanguages
from portal.news.models import SectionPage

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class bilingual:  # noqa: N801 - used like @property
    """`obj.name` reads `name_en` on the English site when it is filled in, `name_vi` otherwise."""

    def __init__(self, base: str):
        self.base = base

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        if (get_language() or "vi").startswith("en"):
            value = getattr(obj, f"{self.base}_en", "")
            if value:
                return value
        return getattr(obj, f"{self.base}_vi")


def is_english() -> bool:
    return (get_language() or "vi").startswith("en")


class ProcedureField(models.Model):
    """A field (lĩnh vực) procedures are grouped by: consular affairs, international cooperation..."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = bilingual("name")

    class Meta:
        ordering = ["sort_order", "name_vi"]
        verbose_name = _("procedure field")
        verbose_name_plural = _("procedure fields")

    def __str__(self) -> str:
        return self.name


class Procedure(AgencyOwned):
    """The lasting identity of a procedure; what it says lives in its versions.

    It is its handling unit's agency's (kept on the row, set from the unit, so that its code and address
    are unique within that agency: two agencies may both publish `cap-thi-thuc`)."""

    code = models.CharField(
        _("code"),
        max_length=40,
        validators=[RegexValidator(r"^[A-Za-z0-9.\-]+$", _("Use letters, digits, dots and dashes only."))],
        help_text=_("The procedure's code, as on the national public service portal where it has one."),
    )
    slug = models.SlugField(_("address"), max_length=80, help_text=_("The last part of its web address."))
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="procedures"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="procedures",
        help_text=_("The unit whose staff receive and process its applications."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("field"), FieldPanel("unit")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["field__sort_order", "sort_order", "code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="procedure_code_unique_per_agency",
                violation_error_message=_("The agency has a procedure with this code already."),
            ),
            models.UniqueConstraint(
                fields=["agency", "slug"],
                name="procedure_slug_unique_per_agency",
                violation_error_message=_("The agency has a procedure at this address already."),
            ),
        ]

    def __str__(self) -> str:
        version = self.current_version
        return f"{self.code} {version.name}" if version else self.code

    def _agency_from_unit(self) -> None:
        if self.unit_id is not None:
            self.agency_id = self.unit.agency_id

    def clean(self):
        # Before the constraints are checked: the code and address must be free in the unit's agency.
        super().clean()
        self._agency_from_unit()

    def save(self, *args, **kwargs):
        self._agency_from_unit()
        super().save(*args, **kwargs)

    @property
    def current_version(self):
        """The version in effect, if any (prefetched as `effective_versions` by the selectors)."""
        cached = getattr(self, "effective_versions", None)
        if cached is not None:
            return cached[0] if cached else None
        return self.versions.filter(status=ProcedureVersion.EFFECTIVE).first()


def _pair(field_name: str) -> FieldRowPanel:
    return FieldRowPanel([FieldPanel(f"{field_name}_vi"), FieldPanel(f"{field_name}_en")])


class ProcedureVersion(ClusterableModel):
    """One version of a procedure, as announced by a decision: Circular 32/2017's eleven fields and the form."""

    DRAFT, EFFECTIVE, RETIRED = "draft", "effective", "retired"
    STATUS_CHOICES = [(DRAFT, _("draft")), (EFFECTIVE, _("in effect")), (RETIRED, _("retired"))]
    # Decree 43/2011's levels, kept as a field; Decree 42/2022's two classes are what is shown.
    LEVEL_CHOICES = [(2, _("level 2")), (3, _("level 3")), (4, _("level 4"))]
    PARTIAL, FULL = "partial", "full"
    SCOPE_CHOICES = [(PARTIAL, _("partial (một phần)")), (FULL, _("full process (toàn trình)"))]

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version number"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=DRAFT, editable=False)
    effective_from = models.DateField(_("in effect from"), null=True, blank=True, editable=False)
    retired_on = models.DateField(_("retired on"), null=True, blank=True, editable=False)
    decision_vi = models.CharField(
        _("announcing decision (Vietnamese)"),
        max_length=300,
        blank=True,
        help_text=_("The decision that announced this version, e.g. Quyết định số 123/QĐ-UBND ngày 10/01/2025."),
    )
    decision_en = models.CharField(_("announcing decision (English)"), max_length=300, blank=True)
    change_note_vi = models.TextField(_("what changed (Vietnamese)"), blank=True)
    change_note_en = models.TextField(_("what changed (English)"), blank=True)

    # Circular 32/2017's eleven fields.
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    steps_vi = RichTextField(_("steps (Vietnamese)"), features=RICH_TEXT_FEATURES)
    steps_en = RichTextField(_("steps (English)"), features=RICH_TEXT_FEATURES, blank=True)
    method_vi = RichTextField(_("how it is carried out (Vietnamese)"), features=RICH_TEXT_FEATURES)
    method_en = RichTextField(_("how it is carried out (English)"), features=RICH_TEXT_FEATURES, blank=True)
    documents_note_vi = RichTextField(
        _("documents: number of sets and notes (Vietnamese)"), features=RICH_TEXT_FEATURES, blank=True
    )
    documents_note_en = RichTextField(
        _("documents: number of sets and notes (English)"), features=RICH_TEXT_FEATURES, blank=True
    )
    processing_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), help_text=_("Counted from the day a complete application is received.")
    )
    processing_note_vi = models.CharField(_("time limit explained (Vietnamese)"), max_length=500, blank=True)
    processing_note_en = models.CharField(_("time limit explained (English)"), max_length=500, blank=True)
    applicants_vi = RichTextField(_("who may apply (Vietnamese)"), features=RICH_TEXT_FEATURES)
    applicants_en = RichTextField(_("who may apply (English)"), features=RICH_TEXT_FEATURES, blank=True)
    agency_vi = models.TextField(_("implementing agency (Vietnamese)"))
    agency_en = models.TextField(_("implementing agency (English)"), blank=True)
    result_vi = models.TextField(_("result (Vietnamese)"))
    result_en = models.TextField(_("result (English)"), blank=True)
    fee_note_vi = models.TextField(_("fees and charges explained (Vietnamese)"), blank=True)
    fee_note_en = models.TextField(_("fees and charges explained (English)"), blank=True)
    submission_vi = RichTextField(_("where and how to submit and receive (Vietnamese)"), features=RICH_TEXT_FEATURES)
    submission_en = RichTextField(
        _("where and how to submit and receive (English)"), features=RICH_TEXT_FEATURES, blank=True
    )
    legal_basis_vi = RichTextField(_("legal basis (Vietnamese)"), features=RICH_TEXT_FEATURES)
    legal_basis_en = RichTextField(_("legal basis (English)"), features=RICH_TEXT_FEATURES, blank=True)
    conditions_vi = RichTextField(
        _("requirements and conditions (Vietnamese)"), features=RICH_TEXT_FEATURES, blank=True
    )
    conditions_en = RichTextField(_("requirements and conditions (English)"), features=RICH_TEXT_FEATURES, blank=True)

    legacy_level = models.PositiveSmallIntegerField(
        _("online level (Decree 43/2011)"),
        choices=LEVEL_CHOICES,
        default=3,
        help_text=_("Level 3: apply and follow online. Level 4: also pay online and receive the result online."),
    )
    online_scope = models.CharField(
        _("online service (Decree 42/2022)"),
        max_length=10,
        choices=SCOPE_CHOICES,
        blank=True,
        help_text=_("Left empty: full process for level 4, partial otherwise."),
    )

    name = bilingual("name")
    steps = bilingual("steps")
    method = bilingual("method")
    documents_note = bilingual("documents_note")
    processing_note = bilingual("processing_note")
    applicants = bilingual("applicants")
    agency = bilingual("agency")
    result = bilingual("result")
    fee_note = bilingual("fee_note")
    submission = bilingual("submission")
    legal_basis = bilingual("legal_basis")
    conditions = bilingual("conditions")
    decision = bilingual("decision")
    change_note = bilingual("change_note")

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("procedure"),
                    _pair("name"),
                    _pair("steps"),
                    _pair("method"),
                    _pair("documents_note"),
                    MultiFieldPanel([FieldPanel("processing_days"), _pair("processing_note")], heading=_("Time limit")),
                    _pair("applicants"),
                    _pair("conditions"),
                    _pair("agency"),
                    _pair("result"),
                    _pair("submission"),
                    _pair("legal_basis"),
                ],
                heading=_("The procedure"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("legacy_level"), FieldPanel("online_scope")]),
                    HelpPanel(
                        content=_(
                            "Each field's name is the key that prefills it from the applicant's earlier "
                            "applications: use the same name (e.g. ten_doanh_nghiep) in every procedure."
                        )
                    ),
                    InlinePanel("form_fields", heading=_("Form fields"), label=_("form field")),
                    InlinePanel("required_documents", heading=_("Documents to upload"), label=_("document")),
                ],
                heading=_("Online form"),
            ),
            ObjectList(
                [_pair("fee_note"), InlinePanel("fee_items", heading=_("Fees and charges"), label=_("fee"))],
                heading=_("Fees"),
            ),
            ObjectList([_pair("decision"), _pair("change_note")], heading=_("Decision and changes")),
        ]
    )

    class Meta:
        ordering = ["procedure", "-number"]
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=models.Q(status="effective"),
                name="procedure_one_version_in_effect",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}: {self.name}"

    def save(self, *args, **kwargs):
        if not self.number:
            last = ProcedureVersion.objects.filter(procedure_id=self.procedure_id).aggregate(models.Max("number"))
            self.number = (last["number__max"] or 0) + 1
        if not self.online_scope:
            self.online_scope = self.FULL if self.legacy_level == 4 else self.PARTIAL
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.online_scope == self.FULL and self.legacy_level < 4:
            raise ValidationError(
                {"online_scope": _("A full-process service pays the fee and returns the result online: level 4.")}
            )

    @property
    def is_online(self) -> bool:
        """Applied for online (level 3 or 4): the portal shows the form."""
        return self.legacy_level >= 3

    @property
    def returns_result_online(self) -> bool:
        return self.legacy_level >= 4

    @property
    def scope_label(self) -> str:
        return self.get_online_scope_display() if self.online_scope else ""

    def fee_for(self, answers: dict) -> int:
        """What an application with these answers pays, in đồng (fee items prefetched or not)."""
        return sum(item.amount_for(answers) for item in self.fee_items.all())

    @property
    def has_fee(self) -> bool:
        return any(item.amount for item in self.fee_items.all())


class FormField(Orderable):
    """One field of a procedure's online form."""

    TEXT, TEXTAREA, EMAIL, PHONE, DATE, INTEGER, CHOICE, CHECKBOX, TAX_CODE, ID_NUMBER = (
        "text",
        "textarea",
        "email",
        "phone",
        "date",
        "integer",
        "choice",
        "checkbox",
        "tax_code",
        "id_number",
    )
    KIND_CHOICES = [
        (TEXT, _("short text")),
        (TEXTAREA, _("long text")),
        (EMAIL, _("e-mail address")),
        (PHONE, _("phone number")),
        (DATE, _("date (dd/mm/yyyy)")),
        (INTEGER, _("whole number")),
        (CHOICE, _("one of a list")),
        (CHECKBOX, _("yes / no")),
        (TAX_CODE, _("enterprise tax code")),
        (ID_NUMBER, _("citizen identity number")),
    ]

    version = ParentalKey(ProcedureVersion, related_name="form_fields", on_delete=models.CASCADE)
    name = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("Letters, digits and underscores; the same key prefills the same answer in other procedures."),
    )
    kind = models.CharField(_("type"), max_length=12, choices=KIND_CHOICES, default=TEXT)
    label_vi = models.CharField(_("label (Vietnamese)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    help_vi = models.CharField(_("help (Vietnamese)"), max_length=400, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=400, blank=True)
    required = models.BooleanField(_("required"), default=True)
    choices_vi = models.TextField(_("choices (Vietnamese), one a line"), blank=True)
    choices_en = models.TextField(_("choices (English), one a line, in the same order"), blank=True)
    min_value = models.BigIntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.BigIntegerField(_("largest number"), null=True, blank=True)
    max_length = models.PositiveSmallIntegerField(_("longest answer (characters)"), null=True, blank=True)

    label = bilingual("label")
    help = bilingual("help")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("required")]),
        FieldRowPanel([FieldPanel("label_vi"), FieldPanel("label_en")]),
        FieldRowPanel([FieldPanel("help_vi"), FieldPanel("help_en")]),
        FieldRowPanel([FieldPanel("choices_vi"), FieldPanel("choices_en")]),
        FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value"), FieldPanel("max_length")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="form_field_name_unique")]

    def __str__(self) -> str:
        return self.label

    def choice_pairs(self) -> list[tuple[str, str]]:
        """[(stored value, label in the current language)]: the Vietnamese text is the stored value."""
        values = [line.strip() for line in self.choices_vi.splitlines() if line.strip()]
        labels = [line.strip() for line in self.choices_en.splitlines() if line.strip()]
        if is_english() and len(labels) == len(values):
            return list(zip(values, labels, strict=True))
        return [(value, value) for value in values]

    def clean(self):
        super().clean()
        if self.kind == self.CHOICE and not self.choices_vi.strip():
            raise ValidationError({"choices_vi": _("List the choices, one a line.")})


class RequiredDocument(Orderable):
    """A document of the application (thành phần hồ sơ): uploaded online, with its template to download."""

    version = ParentalKey(ProcedureVersion, related_name="required_documents", on_delete=models.CASCADE)
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("The same key in another procedure lets an applicant reuse a document already submitted."),
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    quantity_vi = models.CharField(
        _("copies (Vietnamese)"), max_length=100, blank=True, help_text=_("e.g. 01 bản chính")
    )
    quantity_en = models.CharField(_("copies (English)"), max_length=100, blank=True)
    help_vi = models.CharField(_("help (Vietnamese)"), max_length=400, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=400, blank=True)
    required = models.BooleanField(_("required"), default=True)
    max_files = models.PositiveSmallIntegerField(_("most files"), default=3)
    template = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("template to download"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    name = bilingual("name")
    quantity = bilingual("quantity")
    help = bilingual("help")

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("required"), FieldPanel("max_files")]),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("quantity_vi"), FieldPanel("quantity_en")]),
        FieldRowPanel([FieldPanel("help_vi"), FieldPanel("help_en")]),
        FieldPanel("template"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("document to upload")
        verbose_name_plural = _("documents to upload")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="required_document_key_unique")]

    def __str__(self) -> str:
        return self.name


class FeeItem(Orderable):
    """A fee or charge (phí, lệ phí) in whole đồng, possibly per unit or only when a box is ticked."""

    version = ParentalKey(ProcedureVersion, related_name="fee_items", on_delete=models.CASCADE)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    amount = models.PositiveIntegerField(_("amount (đồng)"))
    quantity_field = models.SlugField(
        _("multiplied by the field"),
        max_length=60,
        blank=True,
        help_text=_("Key of a whole-number field of the form, e.g. the number of documents to certify."),
    )
    condition_field = models.SlugField(
        _("only when this box is ticked"),
        max_length=60,
        blank=True,
        help_text=_("Key of a yes / no field of the form."),
    )

    name = bilingual("name")

    panels = [
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("quantity_field"), FieldPanel("condition_field")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return self.name

    def amount_for(self, answers: dict) -> int:
        if self.condition_field and answers.get(self.condition_field) is not True:
            return 0
        quantity = 1
        if self.quantity_field:
            try:
                quantity = max(int(answers.get(self.quantity_field) or 0), 0)
            except (TypeError, ValueError):
                quantity = 0
        return self.amount * quantity


class ProcedureIndexPage(RoutesInTwoLanguages, RoutablePageMixin, SectionPage):
    """The category "Administrative procedures" with the catalogue of online services.

    A category like the others (its news items are listed below the catalogue and on the home
    page), whose routes show every procedure in effect, one procedure, and its earlier versions.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1
    template = "procedures/procedure_index_page.html"

    class Meta:
        verbose_name = _("procedure catalogue")
        verbose_name_plural = _("procedure catalogues")

    @path("")
    def catalogue(self, request):
        from .selectors import catalogue_context

        return self.render(request, context_overrides=catalogue_context(self, request))

    @path("thu-tuc/<slug:slug>/", name="procedure")
    @path("procedure/<slug:slug>/", name="procedure-en")
    def procedure(self, request, slug: str):
        from .selectors import procedure_context

        return self.render(
            request, template="procedures/procedure_detail.html", context_overrides=procedure_context(self, slug)
        )

    @path("thu-tuc/<slug:slug>/phien-ban/<int:number>/", name="procedure_version")
    @path("procedure/<slug:slug>/version/<int:number>/", name="procedure_version-en")
    def procedure_version(self, request, slug: str, number: int):
        from .selectors import procedure_context

        return self.render(
            request,
            template="procedures/procedure_detail.html",
            context_overrides=procedure_context(self, slug, number=number),
        )
