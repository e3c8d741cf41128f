from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class _ChoiceOfObjects(forms.TypedChoiceField):
    """A select of objects by id, answering the object (or None); an unknown id is a clear error."""

    def __init__(self, *, objects, empty_label, **kwargs):
        self._objects = {obj.pk: obj for obj in objects}
        super().__init__(
            choices=[("", empty_label), *((obj.pk, obj.name) for obj in self._objects.values())],
            coerce=lambda value: self._objects[int(value)],
            empty_value=None,
            required=False,
            **kwargs,
        )

    def valid_value(self, value):
        return str(value).isdigit() and int(value) in self._objects


class RegistryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words to find"),
        required=False,
        max_length=settings.PORTAL_SEARCH_MAX_QUERY,
        help_text=_("Accents are not needed."),
        error_messages={"max_length": _("Please shorten your search to at most %(limit_value)d characters.")},
    )

    def _year_field(self, years, label):
        return forms.TypedChoiceField(
            label=label,
            required=False,
            choices=[("", _("All years")), *((year, str(year)) for year in years)],
            coerce=int,
            empty_value=None,
            error_messages={"invalid_choice": _("No entry of the registry is from that year.")},
        )


class DocumentFilterForm(RegistryFilterForm):
    number = forms.CharField(
        label=pgettext_lazy("legal document", "Number"),
        required=False,
        max_length=60,
        help_text=_("e.g. 66/QĐ-SNgV or 66"),
        error_messages={"max_length": _("A document number has at most %(limit_value)d characters.")},
    )

    def __init__(self, *args, kinds=(), issuers=(), fields=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        invalid = {"invalid_choice": _("Choose one of the options listed.")}
        self.fields["kind"] = _ChoiceOfObjects(
            label=pgettext_lazy("legal document", "Kind"),
            objects=kinds,
            empty_label=_("All kinds"),
            error_messages=invalid,
        )
        self.fields["issuer"] = _ChoiceOfObjects(
            label=_("Issuing body"), objects=issuers, empty_label=_("All issuing bodies"), error_messages=invalid
        )
        self.fields["field"] = _ChoiceOfObjects(
            label=pgettext_lazy("legal document", "Field"),
            objects=fields,
            empty_label=_("All fields"),
            error_messages=invalid,
        )
        self.fields["year"] = self._year_field(years, _("Year of issue"))


class TreatyFilterForm(RegistryFilterForm):
    def __init__(self, *args, countries=(), fields=(), years=(), **kwargs):
        from .models import TreatyPage

        super().__init__(*args, **kwargs)
        invalid = {"invalid_choice": _("Choose one of the options listed.")}
        self.fields["kind"] = forms.ChoiceField(
            label=_("Kind of agreement"),
            required=False,
            choices=[("", _("Treaties and agreements")), *TreatyPage.KIND_CHOICES],
            error_messages=invalid,
        )
        self.fields["country"] = _ChoiceOfObjects(
            label=_("Country"), objects=countries, empty_label=_("All countries"), error_messages=invalid
        )
        self.fields["field"] = _ChoiceOfObjects(
            label=pgettext_lazy("legal document", "Field"),
            objects=fields,
            empty_label=_("All fields"),
            error_messages=invalid,
        )
        self.fields["year"] = self._year_field(years, _("Year signed"))
