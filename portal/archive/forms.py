from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import archive_years


class StartExportForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        help_text=_("Only the years with published public pages are listed."),
        error_messages={
            "invalid_choice": _("%(value)s is not a year with published public pages: choose one of the list."),
            "required": _("Choose the year to export."),
        },
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in archive_years(site)]
