"""The translation queue's data: which categories are translated by whom, and one task per original item."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.news.models import SectionPage


class CategoryTranslationRule(models.Model):
    """Whether the items of a Vietnamese category are translated into English, and which unit does it.

    Appendix I, row 18: the specialist divisions translate the items of their field within two
    working days of publication. A rule covers its category's sub-categories unless they have their own.
    """

    section = models.OneToOneField(
        SectionPage,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="translation_rule",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    to_translate = models.BooleanField(_("to translate into English"), default=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translation_rules",
        help_text=_("Leave empty when the unit that supplied each item translates it."),
    )
    working_days = models.PositiveSmallIntegerField(
        _("working days allowed"), default=2, help_text=_("The plan asks for two working days.")
    )

    panels = [FieldPanel("section"), FieldPanel("to_translate"), FieldPanel("unit"), FieldPanel("working_days")]

    class Meta:
        ordering = ["section__path"]
        verbose_name = _("category to translate")
        verbose_name_plural = _("categories to translate")

    def __str__(self) -> str:
        return self.section.title


class TranslationTask(models.Model):
    """The English translation of one Vietnamese item, owed by a unit by a deadline."""

    STATUS_PENDING = "pending"
    STATUS_IN_PROGRESS = "in_progress"
    STATUS_DONE = "done"
    STATUS_CHOICES = [
        (STATUS_PENDING, _("pending")),
        (STATUS_IN_PROGRESS, _("in progress")),
        (STATUS_DONE, _("done")),
    ]

    original = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("original item"), on_delete=models.CASCADE, related_name="translation_task"
    )
    category = models.ForeignKey(
        SectionPage, verbose_name=_("category"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translation_tasks",
    )
    published_at = models.DateTimeField(_("original published at"))
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_PENDING)
    translation = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("English item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("translation task")
        verbose_name_plural = _("translation tasks")
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return self.original.title

    @property
    def is_overdue(self) -> bool:
        return self.status != self.STATUS_DONE and self.due_at < timezone.now()

    @property
    def status_label(self) -> str:
        if self.is_overdue:
            return str(_("overdue"))
        return str(self.get_status_display())

    @property
    def done_on_time(self) -> bool | None:
        if self.completed_at is None:
            return None
        return self.completed_at <= self.due_at


class TranslationBaseline(models.Model):
    """Which version of the Vietnamese original an English page translates (or was last confirmed against).

    When the original is republished with changes, the English page is out of date until a translator
    confirms it; the comparison shows the baseline beside the original's live version.
    """

    translation = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("English item"),
        on_delete=models.CASCADE,
        related_name="translation_baseline",
    )
    original = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("original item"), on_delete=models.CASCADE, related_name="+"
    )
    original_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version of the original translated"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    out_of_date_since = models.DateTimeField(_("out of date since"), null=True, blank=True)
    changed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("changed version of the original"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("translation baseline")
        verbose_name_plural = _("translation baselines")

    def __str__(self) -> str:
        return str(self.translation)

    @property
    def is_out_of_date(self) -> bool:
        return self.out_of_date_since is not None
