"""Royalties (nhuận bút, thù lao): the yearly schedule, the append-only ledger and its settlement periods.

Money is integer đồng. The ledger is never edited: a correction is a new entry (an adjustment or a
void), and entries of a settled period are locked (portal.royalties.services enforces both).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from portal.core.models import AgencyOwned
from portal.core.widgets import PersonSelect


class Kind(models.TextChoices):
    """Kinds of work the schedule pays for (Appendix II of the plan, plus photo albums)."""

    VIETNAMESE_ITEM = "vi_item", _("Vietnamese news item (incl. photos)")
    ENGLISH_ITEM = "en_item", _("English item (translation)")
    COLLECTED_ITEM = "collected", _("collected item")
    PHOTO = "photo", _("photo album")
    ADMINISTRATION = "administration", _("site administration (monthly)")


class RoyaltySchedule(ClusterableModel, AgencyOwned):
    """The royalty regulation of one year (quy định định mức nhuận bút, key task 3 of the plan)."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=250)
    decision = models.CharField(
        _("decision or plan"), max_length=250, blank=True, help_text=_("Number and date of the text that sets it.")
    )
    base_salary = models.PositiveIntegerField(
        _("base salary (đồng)"),
        default=2_340_000,
        help_text=_("Lương cơ sở. Decree 18/2014: one coefficient unit is a share of it (10%)."),
    )
    unit_percent = models.PositiveSmallIntegerField(
        _("coefficient unit (percentage of the base salary)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    payment_days = models.PositiveSmallIntegerField(
        _("days to pay after publication"), default=60, help_text=_("Decree 18/2014: within 60 days.")
    )
    administrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("site administrator paid the monthly fee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("title")]),
        FieldPanel("decision"),
        FieldRowPanel([FieldPanel("base_salary"), FieldPanel("unit_percent"), FieldPanel("payment_days")]),
        FieldPanel("administrator", widget=PersonSelect),
        InlinePanel("rates", heading=_("Rates and budget"), label=_("rate"), min_num=1),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("royalty schedule")
        verbose_name_plural = _("royalty schedules")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="unique_royalty_schedule_year_per_agency",
                violation_error_message=_("The agency has a royalty schedule for this year already."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit_value(self) -> int:
        """Value of one coefficient unit in đồng (10% of the base salary by default)."""
        return self.base_salary * self.unit_percent // 100

    @property
    def budget(self) -> int:
        """The year's budget: the sum of its lines, so the total and the breakdown always agree."""
        return sum(rate.planned_amount for rate in self.rates.all())

    def rate_for(self, kind: str) -> RoyaltyRate | None:
        return next((rate for rate in self.rates.all() if rate.kind == kind), None)


class RoyaltyRate(Orderable):
    """What one kind of work earns, and the budget line planned for it."""

    METHOD_FLAT = "flat"
    METHOD_COEFFICIENT = "coefficient"
    METHOD_SHARE = "share"
    METHOD_CHOICES = [
        (METHOD_FLAT, _("fixed amount")),
        (METHOD_COEFFICIENT, _("coefficient × unit value")),
        (METHOD_SHARE, _("share of the original's amount (translations)")),
    ]

    schedule = ParentalKey(RoyaltySchedule, related_name="rates", on_delete=models.CASCADE)
    kind = models.CharField(_("kind of work"), max_length=20, choices=Kind.choices)
    method = models.CharField(_("how it is paid"), max_length=20, choices=METHOD_CHOICES, default=METHOD_FLAT)
    amount = models.PositiveIntegerField(_("amount (đồng)"), null=True, blank=True)
    coefficient_min = models.DecimalField(
        _("lowest coefficient"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    coefficient_max = models.DecimalField(
        _("highest coefficient"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    coefficient_default = models.DecimalField(
        _("usual coefficient"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    share_percent = models.PositiveSmallIntegerField(
        _("share of the original (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Decree 18/2014: a translation earns 40 to 65 per cent of the original."),
    )
    planned_quantity = models.PositiveIntegerField(_("planned quantity a year"), default=0)
    planned_amount = models.PositiveBigIntegerField(
        _("budget line (đồng)"), default=0, blank=True, help_text=_("Left at 0: quantity × amount.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("method"), FieldPanel("amount")]),
        FieldRowPanel(
            [FieldPanel("coefficient_min"), FieldPanel("coefficient_max"), FieldPanel("coefficient_default")],
            heading=_("Coefficient"),
        ),
        FieldPanel("share_percent"),
        FieldRowPanel([FieldPanel("planned_quantity"), FieldPanel("planned_amount")], heading=_("Budget")),
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["schedule", "kind"], name="royalty_rate_one_per_kind")]
        verbose_name = _("royalty rate")
        verbose_name_plural = _("royalty rates")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.method == self.METHOD_FLAT and self.amount is None:
            errors["amount"] = _("Enter the amount in đồng.")
        if self.method == self.METHOD_COEFFICIENT:
            low, high = self.coefficient_min, self.coefficient_max
            if low is None or high is None:
                errors["coefficient_min"] = _("Enter the lowest and highest coefficient.")
            elif low <= 0 or high < low:
                errors["coefficient_max"] = _("The highest coefficient must be at least the lowest, above 0.")
            elif self.coefficient_default is not None and not low <= self.coefficient_default <= high:
                errors["coefficient_default"] = _("The usual coefficient must lie between the lowest and highest.")
        if self.method == self.METHOD_SHARE:
            if self.kind != Kind.ENGLISH_ITEM:
                errors["method"] = _("Only translations are paid a share of the original.")
            elif self.share_percent is None:
                errors["share_percent"] = _("Enter the share of the original in %.")
        if self.kind == Kind.ADMINISTRATION and self.method != self.METHOD_FLAT:
            errors["method"] = _("The monthly administration fee is a fixed amount.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Here, not in clean(): while the admin form is being checked a new rate has no schedule yet.
        if not self.planned_amount and self.planned_quantity:
            self.planned_amount = self.planned_quantity * self.usual_amount()
        super().save(*args, **kwargs)

    def coefficient_in_range(self, coefficient: Decimal) -> Decimal:
        """The coefficient held to the schedule's range (a schedule changed after an editor chose it)."""
        return min(max(coefficient, self.coefficient_min), self.coefficient_max)

    def usual_coefficient(self) -> Decimal:
        return self.coefficient_default or self.coefficient_min or Decimal("1")

    def usual_amount(self, *, original_amount: int | None = None) -> int:
        """The amount of one work at the usual coefficient (or of an original at its usual rate)."""
        return self.amount_for(coefficient=None, original_amount=original_amount)

    def amount_for(self, *, coefficient: Decimal | None, original_amount: int | None = None) -> int:
        if self.method == self.METHOD_FLAT:
            return self.amount or 0
        if self.method == self.METHOD_COEFFICIENT:
            chosen = self.coefficient_in_range(coefficient) if coefficient is not None else self.usual_coefficient()
            return _whole_dong(chosen * self.schedule.unit_value)
        if original_amount is None:
            original = self.schedule.rate_for(Kind.VIETNAMESE_ITEM)
            original_amount = original.usual_amount() if original else 0
        return _whole_dong(Decimal(original_amount) * (self.share_percent or 0) / 100)


def _whole_dong(amount: Decimal) -> int:
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class RoyaltyAuthor(Orderable):
    """An author of an item and their share; with none named, the item's owner is paid."""

    page = ParentalKey("news.ArticlePage", related_name="royalty_authors", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(
        _("or name (outside collaborator)"), max_length=150, blank=True, help_text=_("When the author has no account.")
    )
    share_percent = models.PositiveSmallIntegerField(
        _("share (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Shares that do not add up to 100 are split in proportion."),
    )

    panels = [FieldRowPanel([FieldPanel("user"), FieldPanel("name"), FieldPanel("share_percent")])]

    class Meta(Orderable.Meta):
        verbose_name = _("royalty author")
        verbose_name_plural = _("royalty authors")

    def clean(self) -> None:
        super().clean()
        if not self.user_id and not self.name.strip():
            raise ValidationError(_("Choose a staff member or write the author's name."))


class RoyaltyAssessment(models.Model):
    """The coefficient an editor chose for an item before it was published (Decree 18/2014 kinds)."""

    page_key = models.BigIntegerField(_("page id"), unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=pgettext_lazy("news item", "item"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("royalty assessment")
        verbose_name_plural = _("royalty assessments")

    def __str__(self) -> str:
        return f"{self.page_key}: {self.coefficient}"


class RoyaltyWork(models.Model):
    """One published work the ledger pays for: created once per page, whatever happens to it later.

    `page_key` is the page's id, kept after a page is deleted; its uniqueness is what makes two
    publications racing pay once.
    """

    STATUS_ACTIVE = "active"
    STATUS_VOIDED = "voided"
    STATUS_CHOICES = [(STATUS_ACTIVE, _("payable")), (STATUS_VOIDED, _("voided (unpublished)"))]

    page_key = models.BigIntegerField(_("page id"), unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=pgettext_lazy("news item", "item"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind of work"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10, blank=True)
    published_on = models.DateField(_("published on"))
    schedule = models.ForeignKey(RoyaltySchedule, verbose_name=_("schedule"), on_delete=models.PROTECT)
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2, null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("amount for the work (đồng)"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=STATUS_ACTIVE)
    generation = models.PositiveSmallIntegerField(_("times made payable"), default=1)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("royalty work")
        verbose_name_plural = _("royalty works")

    def __str__(self) -> str:
        return self.title


class RoyaltyPeriod(AgencyOwned):
    """A month or quarter an agency's accountant settles; once settled its entries are locked.

    Each agency settles its own months: its period holds its entries only."""

    KIND_MONTH = "month"
    KIND_QUARTER = "quarter"
    KIND_CHOICES = [(KIND_MONTH, _("month")), (KIND_QUARTER, _("quarter"))]
    STATUS_OPEN = "open"
    STATUS_SETTLED = "settled"
    STATUS_CHOICES = [(STATUS_OPEN, _("open")), (STATUS_SETTLED, _("settled"))]

    kind = models.CharField(_("period"), max_length=10, choices=KIND_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("month or quarter number"))
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=STATUS_OPEN)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("settled by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ["-start", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "number"],
                name="royalty_period_unique_per_agency",
                violation_error_message=_("The agency has this period already."),
            )
        ]
        permissions = [("settle_royaltyperiod", _("Can settle royalty periods"))]
        verbose_name = _("settlement period")
        verbose_name_plural = _("settlement periods")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == self.KIND_QUARTER:
            return _("Quarter %(roman)s/%(year)d") % {"roman": ROMAN[self.number], "year": self.year}
        return _("Month %(number)02d/%(year)d") % {"number": self.number, "year": self.year}

    @property
    def is_settled(self) -> bool:
        return self.status == self.STATUS_SETTLED

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class RoyaltyEntry(AgencyOwned):
    """One line of the ledger of one agency (the one whose schedule pays the work, or whose administrator
    earns the fee). Never changed once written, except for the period it is settled in."""

    TYPE_ACCRUAL = "accrual"
    TYPE_VOID = "void"
    TYPE_ADJUSTMENT = "adjustment"
    TYPE_FEE = "fee"
    TYPE_CHOICES = [
        (TYPE_ACCRUAL, _("royalty")),
        (TYPE_VOID, _("void (unpublished)")),
        (TYPE_ADJUSTMENT, _("adjustment")),
        (TYPE_FEE, _("monthly fee")),
    ]

    work = models.ForeignKey(
        RoyaltyWork, verbose_name=_("work"), null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    generation = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(_("kind of work"), max_length=20, choices=Kind.choices)
    entry_type = models.CharField(_("entry"), max_length=12, choices=TYPE_CHOICES)
    payee_key = models.CharField(max_length=200, help_text="u:<user id> or n:<folded name>: who is paid")
    payee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="royalty_entries",
    )
    payee_name = models.CharField(_("payee"), max_length=150)
    share_percent = models.PositiveSmallIntegerField(_("share (%)"), default=100)
    amount = models.BigIntegerField(_("amount (đồng)"))
    accounting_date = models.DateField(_("accounting date"))
    due_on = models.DateField(_("due by"))
    fee_month = models.DateField(_("month of the fee"), null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    reason = models.TextField(_("reason"), blank=True)
    period = models.ForeignKey(
        RoyaltyPeriod,
        verbose_name=_("settled in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-accounting_date", "-pk"]
        constraints = [
            # The database itself refuses to pay the same author twice for one publication of a work...
            models.UniqueConstraint(
                fields=["work", "generation", "payee_key"],
                condition=Q(entry_type="accrual"),
                name="royalty_entry_one_accrual_per_author",
            ),
            # ...or to charge an agency's administration fee twice for a month.
            models.UniqueConstraint(
                fields=["agency", "fee_month"],
                condition=Q(entry_type="fee"),
                name="royalty_entry_one_fee_per_month_per_agency",
            ),
        ]
        permissions = [("adjust_royaltyentry", _("Can adjust royalty entries"))]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self) -> str:
        return f"{self.payee_name}: {self.amount}"

    def save(self, *args, **kwargs):
        # Append-only: an existing entry may only receive the period that settles it (services.period_settle).
        if self.pk is not None and set(kwargs.get("update_fields") or ()) != {"period"}:
            raise LedgerIsAppendOnly(_("A ledger entry is never changed: record an adjustment instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerEntryKept(_("A ledger entry is never deleted: record an adjustment instead."), [self])

    @property
    def title(self) -> str:
        if self.work_id:
            return self.work.title
        if self.fee_month:
            return _("Site administration, month %(month)s") % {"month": self.fee_month.strftime("%m/%Y")}
        return ""


class LedgerIsAppendOnly(Exception):
    pass


class LedgerEntryKept(LedgerIsAppendOnly, ProtectedError):
    """Deleting an entry is refused as a protected record's deletion is: whatever deletes an agency's records
    (packs.removal) stops and says so, and nothing is removed."""
