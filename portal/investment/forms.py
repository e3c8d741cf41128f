from django import forms
from django.utils.translation import gettext_lazy as _

from portal.documents.forms import RegistryFilterForm, _ChoiceOfObjects

from .models import InvestmentProjectPage


class ProjectFilterForm(RegistryFilterForm):
    def __init__(self, *args, countries=(), sectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        invalid = {"invalid_choice": _("Choose one of the options listed.")}
        self.fields["country"] = _ChoiceOfObjects(
            label=_("Country"), objects=countries, empty_label=_("All countries"), error_messages=invalid
        )
        self.fields["sector"] = _ChoiceOfObjects(
            label=_("Sector"), objects=sectors, empty_label=_("All sectors"), error_messages=invalid
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Status"),
            required=False,
            choices=[("", _("Every status")), *InvestmentProjectPage.STATUS_CHOICES],
            error_messages=invalid,
        )
