from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.planning.forms import QUARTERS, YearField


class PeriodForm(forms.Form):
    """The board's year and quarter; empty or wrong: the current quarter, with a message."""

    year = YearField(label=_("Year"))
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)

    @staticmethod
    def current() -> dict:
        today = timezone.localdate()
        return {"year": today.year, "quarter": (today.month - 1) // 3 + 1}

    def period_values(self) -> dict:
        if self.is_bound and self.is_valid():
            return {"year": self.cleaned_data["year"], "quarter": self.cleaned_data["quarter"]}
        return self.current()


class ExportForm(PeriodForm):
    format = forms.ChoiceField(label=_("Format"), choices=[("docx", "DOCX"), ("pdf", "PDF")])
