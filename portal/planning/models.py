"""The annual plan as data (Kế hoạch hoạt động Trang TTĐT): Appendix I rows, key tasks, budget.

One plan per year, edited by the board secretariat and copied forward to the next year
(services.plan_copy_forward). Each row keeps the plan's own words beside the structured values
the dashboard measures: "200-220 tin bài" is also 200 and 220; "Chậm nhất một ngày sau khi có
văn bản" is also the rule (after the document, 1 working day).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from portal.core.models import AgencyOwned
from portal.core.widgets import PeopleSelectMultiple, PersonSelect


class DeadlineRule(models.TextChoices):
    """How soon after its source an item must be on the site (Appendix I, "Thời gian cung cấp thông tin")."""

    AFTER_DOCUMENT = "after_document", _("working days after the document")
    AFTER_EVENT = "after_event", _("working days after the event")
    AFTER_QUESTION = "after_question", _("working days after the question")
    AFTER_ORIGINAL = "after_original", _("working days after the Vietnamese item")
    DAILY = "daily", _("daily")
    ON_CHANGE = "on_change", _("when it changes")
    NONE = "none", _("no deadline")


# The rules measured item by item, against a reference date.
ITEM_DEADLINE_RULES = (
    DeadlineRule.AFTER_DOCUMENT,
    DeadlineRule.AFTER_EVENT,
    DeadlineRule.AFTER_QUESTION,
    DeadlineRule.AFTER_ORIGINAL,
)


class Plan(ClusterableModel, AgencyOwned):
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("number and date"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True)
    weekly_min = models.PositiveSmallIntegerField(_("updates a week, at least"), default=10)
    weekly_max = models.PositiveSmallIntegerField(_("updates a week, at most"), default=12)
    budget = models.PositiveBigIntegerField(_("budget (đồng)"), default=0)
    anniversary_weeks_ahead = models.PositiveSmallIntegerField(
        _("show anniversaries weeks ahead"), default=8, validators=[MaxValueValidator(52)]
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("issued_on")]),
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("reference"), FieldPanel("signed_by")]),
            ],
            heading=_("Plan"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("weekly_min"), FieldPanel("weekly_max")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("anniversary_weeks_ahead")]),
            ],
            heading=_("Targets"),
        ),
        InlinePanel("rows", heading=_("Appendix I: categories"), label=_("category row")),
        InlinePanel("key_tasks", heading=_("Key tasks"), label=_("key task")),
        InlinePanel("unit_minimums", heading=_("Monthly minimum per unit"), label=_("unit minimum")),
        InlinePanel("budget_lines", heading=_("Appendix II: budget"), label=_("budget line")),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        permissions = [("view_dashboard", _("Can see the plan dashboard and the quarterly report"))]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="unique_plan_year_per_agency",
                violation_error_message=_("The agency has a plan for this year already."),
            )
        ]

    def __str__(self) -> str:
        return self.title or str(self.year)

    def clean(self):
        super().clean()
        if self.weekly_min > self.weekly_max:
            raise ValidationError({"weekly_max": _("The most updates a week cannot be fewer than the least.")})


class PlanRow(Orderable, ClusterableModel):  # a cluster itself, so its units save with it
    """One row of Appendix I: a category, its yearly quantity, sources, deadline rule and editor."""

    SITE_VI = "vi"
    SITE_EN = "en"
    SITE_CHOICES = [(SITE_VI, _("Vietnamese site")), (SITE_EN, _("English site"))]

    plan = ParentalKey(Plan, related_name="rows", on_delete=models.CASCADE)
    number = models.CharField(_("number"), max_length=10, help_text=_("As in the plan: 1, 3.1, 18."))
    site = models.CharField(_("site"), max_length=2, choices=SITE_CHOICES, default=SITE_VI)
    title = models.CharField(_("category, as written"), max_length=300, blank=True)
    content = models.TextField(_("content"), blank=True)
    category = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("category page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Items published below this page count for the row."),
    )
    continues = models.CharField(
        _("continues row"),
        max_length=10,
        blank=True,
        help_text=_("The number of the row this one continues (it shares its category, sources and editor)."),
    )
    quantity_text = models.CharField(_("quantity, as written"), max_length=300, blank=True)
    quantity_min = models.PositiveIntegerField(_("at least (a year)"), null=True, blank=True)
    quantity_max = models.PositiveIntegerField(_("at most (a year)"), null=True, blank=True)
    sources_text = models.CharField(_("sources, as written"), max_length=300, blank=True)
    source_units = ParentalManyToManyField("units.Unit", verbose_name=_("source units"), blank=True)
    deadline_text = models.CharField(_("deadline, as written"), max_length=300, blank=True)
    deadline_rule = models.CharField(
        _("deadline rule"), max_length=20, choices=DeadlineRule.choices, default=DeadlineRule.NONE
    )
    deadline_days = models.PositiveSmallIntegerField(_("days allowed"), default=0, validators=[MaxValueValidator(60)])
    deadline_in_calendar_days = models.BooleanField(
        _("counted in calendar days"),
        default=False,
        help_text=_("Unticked: working days (weekends and public holidays are skipped)."),
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("stale after (working days without a new item)"),
        null=True,
        blank=True,
        help_text=_("Empty: the category is flagged only when it is empty."),
    )
    editor_text = models.CharField(_("editor, as written"), max_length=200, blank=True)
    # The one list of who reviews the category's items: the workflow's first step, the review queue,
    # the dashboard and the reminders all read it (portal.planning.selectors.category_editors).
    editors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("editors"), blank=True, related_name="edited_plan_rows"
    )
    editors_are_unit_heads = models.BooleanField(
        _("edited by the unit heads"),
        default=False,
        help_text=_("Each item is reviewed by the head of the unit that wrote it (row 2 of the 2017 plan)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("site"), FieldPanel("continues")]),
        FieldPanel("title"),
        FieldPanel("content"),
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("quantity_text"), FieldPanel("quantity_min"), FieldPanel("quantity_max")]),
        FieldPanel("sources_text"),
        FieldPanel("source_units"),
        FieldPanel("deadline_text"),
        FieldRowPanel(
            [FieldPanel("deadline_rule"), FieldPanel("deadline_days"), FieldPanel("deadline_in_calendar_days")]
        ),
        FieldPanel("stale_after_days"),
        FieldPanel("editor_text"),
        FieldRowPanel([FieldPanel("editors", widget=PeopleSelectMultiple), FieldPanel("editors_are_unit_heads")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("category row")
        verbose_name_plural = _("category rows")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}".strip()

    def clean(self):
        super().clean()
        errors = {}
        if self.quantity_min is not None and self.quantity_max is not None and self.quantity_min > self.quantity_max:
            errors["quantity_max"] = _("The most cannot be fewer than the least.")
        if self.deadline_rule in ITEM_DEADLINE_RULES and not self.deadline_days:
            errors["deadline_days"] = _("Say how many days this rule allows.")
        if errors:
            raise ValidationError(errors)


class KeyTask(Orderable, ClusterableModel):
    """A row of the key tasks table (6. Kế hoạch trọng tâm)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        POSTPONED = "postponed", _("postponed")

    plan = ParentalKey(Plan, related_name="key_tasks", on_delete=models.CASCADE)
    number = models.CharField(_("number"), max_length=10)
    content = models.TextField(pgettext_lazy("plan key task", "task"))
    period_text = models.CharField(_("time, as written"), max_length=100, blank=True)
    quarter_from = models.PositiveSmallIntegerField(
        _("from quarter"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    quarter_to = models.PositiveSmallIntegerField(
        _("to quarter"), default=4, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    unit_text = models.CharField(_("unit, as written"), max_length=200, blank=True)
    units = ParentalManyToManyField("units.Unit", verbose_name=_("units"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("key task", "owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The person who answers for the task."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("status")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("period_text"), FieldPanel("quarter_from"), FieldPanel("quarter_to")]),
        FieldRowPanel([FieldPanel("unit_text"), FieldPanel("units")]),
        FieldRowPanel([FieldPanel("owner", widget=PersonSelect), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:80]}"

    def clean(self):
        super().clean()
        if self.quarter_from and self.quarter_to and self.quarter_from > self.quarter_to:
            raise ValidationError({"quarter_to": _("The last quarter cannot come before the first.")})


class UnitMinimum(Orderable):
    """How many items a unit writes a month at least (IV.3: "theo định mức tối thiểu")."""

    plan = ParentalKey(Plan, related_name="unit_minimums", on_delete=models.CASCADE)
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    monthly_minimum = models.PositiveSmallIntegerField(_("items a month, at least"))

    panels = [FieldRowPanel([FieldPanel("unit"), FieldPanel("monthly_minimum")])]

    class Meta(Orderable.Meta):
        verbose_name = _("unit minimum")
        verbose_name_plural = _("unit minimums")
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="unique_unit_minimum_per_plan")]


class BudgetLine(Orderable):
    """A line of Appendix II: e.g. 300 items a year at 50.000 đ."""

    plan = ParentalKey(Plan, related_name="budget_lines", on_delete=models.CASCADE)
    label = models.CharField(pgettext_lazy("budget line", "item"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_amount = models.PositiveBigIntegerField(_("unit amount (đồng)"))

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("quantity"), FieldPanel("unit_amount")])]

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_amount


class Anniversary(AgencyOwned):
    """A day to commemorate (key task 9): a national day, or the anniversary of diplomatic relations.

    Each agency keeps its own list (its pack's, and what its staff add): a unit's anniversary is the
    unit's agency's, whoever adds it."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("national day or commemoration")
        RELATIONS = "relations", _("diplomatic relations")
        PROVINCE = "province", _("province or sector")

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("original date"), help_text=_("The day it happened, e.g. 05/09/1962."))
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit responsible for content"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldPanel("name_vi"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("unit"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["date__month", "date__day", "name_vi"]
        verbose_name = _("anniversary")
        verbose_name_plural = _("anniversaries")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name_vi", "date"],
                name="unique_anniversary_per_agency",
                violation_error_message=_("The agency has an anniversary of this name on this date already."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        self._follow_unit()  # before the uniqueness within the agency is checked

    def save(self, *args, **kwargs):
        self._follow_unit()
        super().save(*args, **kwargs)

    def _follow_unit(self) -> None:
        if self.unit_id:
            self.agency_id = self.unit.agency_id

    @property
    def name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi


@register_setting(icon="mail")
class ReminderSettings(BaseGenericSetting):
    """When the daily reminders go out (IV.1: "thường xuyên đôn đốc, nhắc nhở"); the secretariat can turn them off."""

    enabled = models.BooleanField(_("send the daily reminders"), default=True)
    send_at = models.TimeField(_("send at"), default="07:30")
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True, editable=False)

    panels = [FieldPanel("enabled"), FieldPanel("send_at")]

    class Meta:
        verbose_name = _("plan reminders")


class ReminderLog(models.Model):
    """What was sent to whom: one entry per recipient, item and day (the same item is never sent twice a day)."""

    day = models.DateField(pgettext_lazy("date", "day"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField(_("item"), max_length=100)
    summary = models.CharField(_("summary"), max_length=500)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["day", "recipient", "item_key"], name="one_reminder_per_item_and_day")
        ]

    def __str__(self) -> str:
        return self.summary


class ReportNarrative(models.Model):
    """What the secretariat writes around the figures of a formal document (Decree 30/2020/NĐ-CP).

    One per plan and document: the quarterly report of a quarter (plan IV.1), or the year's plan
    itself (quarter 0). The figures come from the dashboard when the document is made; this keeps
    the words, the number, the recipients and who signs.
    """

    PLAN_DOCUMENT = 0
    DOCUMENT_CHOICES = [
        (PLAN_DOCUMENT, _("the year's plan")),
        (1, _("report of quarter I")),
        (2, _("report of quarter II")),
        (3, _("report of quarter III")),
        (4, _("report of quarter IV")),
    ]

    plan = models.ForeignKey(
        Plan, verbose_name=pgettext_lazy("formal document", "plan"), on_delete=models.CASCADE, related_name="narratives"
    )
    quarter = models.PositiveSmallIntegerField(pgettext_lazy("formal document", "document"), choices=DOCUMENT_CHOICES)
    number = models.CharField(
        pgettext_lazy("formal document", "number"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^[0-9]+$", _("Enter the number in digits, e.g. 12."))],
        help_text=_("Given by the clerical office; empty: left blank, to be written in by hand."),
    )
    symbol = models.CharField(
        pgettext_lazy("formal document", "symbol"),
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-zĐđ.-]+$", _("Letters, digits, dots and hyphens only, e.g. BC-BBT."))],
        help_text=_("After the number, e.g. BC-BBT; empty: BC (KH for the plan) and the agency's symbol."),
    )
    issued_on = models.DateField(
        pgettext_lazy("formal document", "date"),
        null=True,
        blank=True,
        help_text=_("Empty: the plan's own date for the plan, the day it is downloaded for a report."),
    )
    opening = models.TextField(
        _("text before the figures"),
        blank=True,
        max_length=20000,
        help_text=_("One paragraph a line; a line in capitals, or starting with I., II., III., is a heading."),
    )
    closing = models.TextField(
        _("text after the figures"),
        blank=True,
        max_length=20000,
        help_text=_("The assessment, difficulties and proposals. One paragraph a line."),
    )
    recipients = models.TextField(
        pgettext_lazy("formal document", "recipients"),
        blank=True,
        max_length=2000,
        help_text=_("One recipient a line, without the dash."),
    )
    archive = models.CharField(
        pgettext_lazy("formal document", "filed at"),
        max_length=100,
        blank=True,
        default="VT",
        help_text=_("e.g. VT, BBT"),
    )
    signer_authority = models.CharField(
        pgettext_lazy("formal document", "signing authority"),
        max_length=100,
        blank=True,
        help_text=_("e.g. KT. GIÁM ĐỐC, TM. BAN BIÊN TẬP; empty when the head signs."),
    )
    signer_title = models.CharField(pgettext_lazy("formal document", "title of the signer"), max_length=150, blank=True)
    signer_name = models.CharField(pgettext_lazy("formal document", "name of the signer"), max_length=150, blank=True)
    updated_at = models.DateTimeField(pgettext_lazy("formal document", "updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("formal document", "updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("text of a plan document")
        verbose_name_plural = _("texts of plan documents")
        constraints = [models.UniqueConstraint(fields=["plan", "quarter"], name="unique_narrative_per_document")]

    def __str__(self) -> str:
        return f"{self.plan.year}: {self.get_quarter_display()}"
