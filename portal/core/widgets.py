"""Pickers of staff that show people as the newsroom knows them: by full name, not by user name."""

from django import forms


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
