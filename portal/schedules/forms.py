from django import forms
from django.utils.translation import gettext_lazy as _

from portal.documents.forms import RegistryFilterForm

from .models import WorkProgrammePage


class ProgrammeFilterForm(RegistryFilterForm):
    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"] = forms.ChoiceField(
            label=_("Period"),
            required=False,
            choices=[("", _("Every period")), *WorkProgrammePage.PERIOD_CHOICES],
            error_messages={"invalid_choice": _("Choose one of the options listed.")},
        )
        self.fields["year"] = self._year_field(years, _("Year"))
