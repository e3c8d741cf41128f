from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

User = get_user_model()


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


def staff_users():
    """Active people who can sign in to the admin: those a meeting or a course can name."""
    permission = Permission.objects.filter(codename="access_admin", content_type__app_label="wagtailadmin")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _name_people(fields) -> None:
    for field in fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None and field.queryset.model is User:
            field.queryset = staff_users()
            field.label_from_instance = person_name


class PeopleByNameForm(WagtailAdminModelForm):
    """People are picked by their full names, among the staff who can sign in (here and in the inline rows)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_people(self.fields)
        for formset in self.formsets.values():
            _name_people(formset.form.base_fields)
            for form in formset.forms:
                _name_people(form.fields)


class MeetingForm(PeopleByNameForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "attendees" in self.fields:
            self.fields["attendees"].widget = forms.CheckboxSelectMultiple(choices=self.fields["attendees"].choices)


class TrainingCourseForm(PeopleByNameForm):
    def clean(self):
        cleaned = super().clean()
        starts_on = cleaned.get("starts_on")
        seen = set()
        for form in self.formsets["participants"].forms:
            if form.errors:  # validates the row first: the rows are checked after the course
                continue
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            person = data.get("person")
            if person is not None and person.pk in seen:
                form.add_error("person", _("This person is already registered for the course."))
            elif person is not None:
                seen.add(person.pk)
            if data.get("attended") and starts_on and starts_on > timezone.localdate():
                form.add_error("attended", _("Nobody can have attended a course that has not begun yet."))
        return cleaned
