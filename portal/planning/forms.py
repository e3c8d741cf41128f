from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.units.models import Unit

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
    FORMATS = [("pdf", "PDF"), ("xlsx", "XLSX")]
    year = YearField(label=_("Year"))
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="pdf")


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

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Page.objects.filter(pk__in=[page.pk for page in categories])
        self.fields["category"].label_from_instance = lambda page: page.title

    def week_start(self):
        day = (self.cleaned_data.get("week") if self.is_valid() else None) or timezone.localdate()
        return day - timezone.timedelta(days=day.weekday())
