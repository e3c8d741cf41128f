from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FeedSource, InboxEntry


class InboxFilterForm(forms.Form):
    source = forms.ModelChoiceField(
        FeedSource.objects.all(), label=_("Source"), required=False, empty_label=_("All sources")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *InboxEntry.STATUS_CHOICES]
    )


class DraftForm(forms.Form):
    category = forms.ModelChoiceField(None, label=_("Category"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
