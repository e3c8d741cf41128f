"""Widgets shared by the portal's forms: pickers of staff that show people as the newsroom knows them (by full
name, not by user name), and the date input written dd/mm/yyyy."""

from django import forms
from django.utils.translation import pgettext_lazy

# What a date field asks for, in the reader's words: "nn/tt/nnnn" (ngày/tháng/năm) in Vietnamese.
DATE_PLACEHOLDER = pgettext_lazy("date format shown to the user", "dd/mm/yyyy")


class DayMonthYearInput(forms.DateInput):
    """A date typed as on every page of the portal (dd/mm/yyyy), with the format as placeholder."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric", **(attrs or {})}, format="%d/%m/%Y"
        )


def person_label(user) -> str:
    full_name = user.get_full_name()
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


class _PeopleOptions:
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        instance = getattr(value, "instance", None)  # ModelChoiceIteratorValue: the user behind the choice
        if instance is not None and hasattr(instance, "get_full_name"):
            label = person_label(instance)
        return super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)


class PersonSelect(_PeopleOptions, forms.Select):
    pass


class PeopleSelectMultiple(_PeopleOptions, forms.SelectMultiple):
    pass
