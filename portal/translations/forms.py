import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from portal.units.models import Unit

from .models import TranslationTask
from .selectors import OVERDUE, QUEUE_STATUSES


class TranslationQueueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=QUEUE_STATUSES,
        method="filter_status",
        empty_label=_("Open (pending or in progress)"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"), queryset=Unit.objects.all(), empty_label=_("All units")
    )

    class Meta:
        model = TranslationTask
        fields = ["status", "unit"]

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.exclude(status=TranslationTask.STATUS_DONE).filter(due_at__lt=timezone.now())
        if value == TranslationTask.STATUS_DONE:
            return queryset.filter(status=value).order_by("-completed_at", "-pk")
        return queryset.filter(status=value)


class PoUploadForm(forms.Form):
    po_file = forms.FileField(
        label=_("Translated PO file"),
        help_text=_("The file downloaded for this item, with the English text filled in (msgstr)."),
    )
