"""The editing form every portal page type shares: the reason a superuser gives for publishing
outside the approval workflow (the only publishing outside it the portal allows)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

EMERGENCY_REASON = "emergency_reason"


class EmergencyReasonPanel(FieldPanel):
    """Shown to superusers only: nobody else can publish outside the workflow."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return self.request.user.is_superuser and super().is_shown()


class PortalPageForm(WagtailAdminPageForm):
    emergency_reason = forms.CharField(
        label=_("reason for publishing outside the workflow"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to publish directly, in an emergency; kept in the audit log."),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = getattr(self, "for_user", None)
        publishing = bool(self.data.get("action-publish"))
        if publishing and user is not None and user.is_superuser:
            reason = (cleaned_data.get(EMERGENCY_REASON) or "").strip()
            if not reason:
                self.add_error(
                    EMERGENCY_REASON,
                    _(
                        "Say why this item is published outside the approval workflow: "
                        "the reason goes into the audit log."
                    ),
                )
            cleaned_data[EMERGENCY_REASON] = reason
        return cleaned_data
