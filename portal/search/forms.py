from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.core.widgets import DATE_PLACEHOLDER, DayMonthYearInput


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=settings.PORTAL_SEARCH_MAX_QUERY,
        error_messages={"max_length": _("Please shorten your search to at most %(limit_value)d characters.")},
    )
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(
        label=_("From date"), required=False, help_text=DATE_PLACEHOLDER, widget=DayMonthYearInput()
    )
    date_to = forms.DateField(
        label=_("To date"), required=False, help_text=DATE_PLACEHOLDER, widget=DayMonthYearInput()
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *((c.pk, c.title) for c in categories)]
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = _("Enter a date as dd/mm/yyyy.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned
