from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.units.models import Unit

from .models import ReportNarrative

QUARTERS = [(1, _("Quarter I")), (2, _("Quarter II")), (3, _("Quarter III")), (4, _("Quarter IV"))]


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("error_messages", {"invalid": _("Enter a year, e.g. 2026.")})
        super().__init__(**kwargs)


class CopyForwardForm(forms.Form):
    year = YearField(label=_("Year of the new plan"))


class ReportForm(forms.Form):
    FORMATS = [("docx", "DOCX"), ("pdf", "PDF"), ("xlsx", "XLSX")]
    year = YearField(label=_("Year"))
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    # Empty: show the report's page (its texts and downloads) instead of downloading it.
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, required=False, widget=forms.HiddenInput)


class DocumentFormatForm(forms.Form):
    format = forms.ChoiceField(choices=[("docx", "DOCX"), ("pdf", "PDF")])


class NarrativeForm(forms.ModelForm):
    """The secretariat's part of a report or of the plan, beside the figures the portal counts."""

    class Meta:
        model = ReportNarrative
        fields = [
            "number",
            "symbol",
            "issued_on",
            "opening",
            "closing",
            "recipients",
            "archive",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opening": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 8}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["issued_on"].error_messages["invalid"] = _("Enter a date as dd/mm/yyyy.")


class CalendarForm(forms.Form):
    week = forms.DateField(
        label=_("Week of"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Page.objects.none(),
        empty_label=_("All categories"),
        error_messages={"invalid_choice": _("Choose a category from the list.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.all(),
        empty_label=_("All units"),
        error_messages={"invalid_choice": _("Choose a unit from the list.")},
    )

    def __init__(self, *args, lines=(), agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:  # the units of the user's own agency only
            self.fields["unit"].queryset = Unit.objects.filter(agency=agency)
        # Each category as the plan's Appendix I names it, as the calendar's entries do: row 18's page is the
        # English home, whose title ("Home") the Vietnamese screen showed among the categories.
        labels = {line.category.pk: f"{line.number}. {line.title}" for line in lines if line.category is not None}
        self.fields["category"].queryset = Page.objects.filter(pk__in=labels).order_by("path")
        self.fields["category"].label_from_instance = lambda page: labels.get(page.pk, page.title)

    def week_start(self):
        day = (self.cleaned_data.get("week") if self.is_valid() else None) or timezone.localdate()
        return day - timezone.timedelta(days=day.weekday())
