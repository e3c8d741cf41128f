"""The public's comment form, with its abuse protection: a honeypot field and a signed timestamp."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import Comment

FORM_SALT = "consultation.comment-form"


def form_token(draft_id: int) -> str:
    """A signed stamp of when the form was shown, for which draft (checked on submission)."""
    return signing.TimestampSigner(salt=FORM_SALT).sign(str(draft_id))


class CommentForm(forms.ModelForm):
    # Hidden from people (and labelled so screen readers skip it); bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["name", "organisation", "email", "provision", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "name": {"required": _("Please give your name.")},
            "email": {
                "required": _("Please give an e-mail address we can reply to."),
                "invalid": _("Enter a valid e-mail address, e.g. ten@example.vn."),
            },
            "body": {
                "required": _("Please write your comment."),
                "max_length": _("Please shorten your comment to at most %(limit_value)d characters."),
            },
        }

    @classmethod
    def for_draft(cls, draft, data=None):
        form = cls(data=data, initial={"token": form_token(draft.pk)})
        form.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        return form
