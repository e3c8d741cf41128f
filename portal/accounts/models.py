from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    """What the newsroom and accounting need to know about a staff member beyond the login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile", verbose_name=_("user")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="staff", verbose_name=_("unit")
    )
    pen_name = models.CharField(_("pen name"), max_length=100, blank=True, help_text=_("Shown as the author of items."))
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\+?[0-9 .]{8,18}$", _("Enter a phone number: digits, spaces, a leading +."))],
    )
    position = models.CharField(_("job title"), max_length=150, blank=True)
    # How this person signs the agency's documents (Decree 30/2020/NĐ-CP): a deputy signs "KT." for
    # the head, a unit head "TL." by delegation; the head of the agency signs with no authority line.
    signing_authority = models.CharField(
        _("signing authority"),
        max_length=100,
        blank=True,
        help_text=_("Above the title in a signature, e.g. KT. GIÁM ĐỐC or TL. GIÁM ĐỐC; empty for the head."),
    )
    signing_title = models.CharField(
        _("title in a signature"),
        max_length=150,
        blank=True,
        help_text=_("e.g. PHÓ GIÁM ĐỐC; empty: the job title."),
    )
    # Royalties are paid by bank transfer: accounting needs these on the payment sheet.
    bank_account_holder = models.CharField(_("bank account holder"), max_length=150, blank=True)
    bank_account_number = models.CharField(
        _("bank account number"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{6,20}$", _("Enter the account number as 6 to 20 digits."))],
    )
    bank_name = models.CharField(_("bank and branch"), max_length=200, blank=True)
    tax_code = models.CharField(
        _("personal tax code"),
        max_length=14,
        blank=True,
        # 10 digits (with a 3-digit suffix for dependants' codes), or the 12-digit citizen ID used since 2025.
        validators=[RegexValidator(r"^([0-9]{10}(-[0-9]{3})?|[0-9]{12})$", _("Enter 10 or 12 digits."))],
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return self.pen_name or self.user.get_full_name() or self.user.get_username()

    @property
    def has_bank_details(self) -> bool:
        return bool(self.bank_account_holder and self.bank_account_number and self.bank_name)
