from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RoyaltyPeriod

MAX_AMOUNT = 1_000_000_000  # one entry never pays a billion đồng: a typo, not a royalty
WHOLE_NUMBER = _("Enter a whole number.")


class MoneyField(forms.IntegerField):
    """Whole đồng as Vietnamese staff type them: 70000, 70.000, 70 000 or 70.000 đ.

    Django's IntegerField would read "70.000" as 70 (it drops a trailing ".000"); here dots are
    thousands separators, and a decimal comma is refused rather than guessed.
    """

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().removesuffix("đồng").removesuffix("đ").strip()
            text = text.replace(".", "").replace(" ", "").replace("\u00a0", "")
            if text and not text.isdigit():
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = text
        return super().to_python(value)


class AdjustForm(forms.Form):
    new_amount = MoneyField(
        label=_("Amount after the adjustment (đồng)"),
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages={"invalid": _("Enter the amount in whole đồng, e.g. 70.000.")},
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}), strip=True)


class OpenPeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=RoyaltyPeriod.KIND_CHOICES)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, error_messages={"invalid": WHOLE_NUMBER})
    number = forms.IntegerField(
        label=_("Month (1-12) or quarter (1-4)"), min_value=1, max_value=12, error_messages={"invalid": WHOLE_NUMBER}
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == RoyaltyPeriod.KIND_QUARTER and data.get("number", 0) > 4:
            self.add_error("number", _("A quarter is numbered 1 to 4."))
        return data


class AssessmentForm(forms.Form):
    coefficient = forms.DecimalField(
        label=_("Coefficient"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        error_messages={"invalid": _("Enter the coefficient as a number, e.g. 1.5.")},
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
