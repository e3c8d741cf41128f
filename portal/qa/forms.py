"""Forms of the public Q&A and of the staff side. Input is cleaned once, here."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core import formguards
from portal.units.models import Unit

from . import attachments, conf
from .text import clean_line, clean_text

TITLE_MAX = 200
BODY_MAX = 5000
ANSWER_MAX = 10000
CODE_PATTERN = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}$")  # Crockford's base 32


class CleanCharField(forms.CharField):
    """A CharField that drops control characters (NUL included), lone surrogates and stray spacing
    before validating, so that odd input is stored cleaned instead of refused with a puzzling message."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_text(value) if self.multiline else clean_line(value)


class AskForm(forms.Form):
    name = CleanCharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, help_text=_("The answer and your tracking link are sent here.")
    )
    phone = CleanCharField(
        label=_("Phone (optional)"),
        max_length=20,
        required=False,
        validators=[RegexValidator(r"^\+?[0-9 .()-]{8,20}$", _("Enter a phone number: digits, spaces, a leading +."))],
    )
    organisation = CleanCharField(label=_("Agency, organisation or company (optional)"), max_length=200, required=False)
    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int, empty_value=None)
    title = CleanCharField(label=_("Title of your question"), max_length=TITLE_MAX, min_length=5)
    body = CleanCharField(
        label=_("Your question"),
        multiline=True,
        max_length=BODY_MAX,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        error_messages={"empty": _("The attached file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )
    consent_to_publish = forms.BooleanField(
        label=_("The answer may be published on this site, without my name, e-mail or phone number."),
        required=False,
    )
    consent_to_processing = forms.BooleanField(
        label=_("I agree that the Department keeps and uses the details above to answer my question."),
        error_messages={"required": _("We need your agreement to keep your details in order to answer you.")},
    )
    # Honeypot: hidden from people (the `hidden` attribute on its wrapper), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    OTHER_TOPIC = 0

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {topic.pk: topic for topic in topics}
        self.fields["topic"].choices = [
            ("", _("Choose a topic")),
            *((topic.pk, topic.title) for topic in topics),
            (self.OTHER_TOPIC, _("Other")),
        ]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        for name in ("title", "body", "name", "organisation"):
            self.fields[name].widget.attrs["dir"] = "auto"
        # Here, not on the field: a help text formatted when the module loads keeps that language.
        self.fields["body"].help_text = _("At most %(limit)s characters.") % {
            "limit": number_format(BODY_MAX, force_grouping=True)
        }
        self.fields["attachment"].help_text = _("A PDF file or a picture (JPEG, PNG, WebP), at most %(limit)s.") % {
            "limit": filesizeformat(conf.get("QA_ATTACHMENT_MAX_BYTES"))
        }
        # The browser checks the file before sending it (static portal/js/filecheck.js), with the same limit
        # and the same words as clean_attachment.
        self.fields["attachment"].widget.attrs.update(
            {
                "data-max-bytes": conf.get("QA_ATTACHMENT_MAX_BYTES"),
                "data-too-large-message": attachments.too_large_message(),
                "data-wrong-type-message": attachments.NOT_ACCEPTED,
                # The browser's own button and "no file" text follow the browser's language: the page's instead.
                "data-choose-label": _("Choose a file"),
                "data-none-label": _("No file chosen"),
            }
        )
        self.fields["topic"].error_messages["invalid_choice"] = _("Choose one of the topics in the list.")

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_topic(self):
        topic = self.cleaned_data["topic"]
        return None if topic in (None, self.OTHER_TOPIC) else self.topics.get(topic)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        self.attachment_kind = attachments.check_attachment(upload)
        return upload

    @property
    def is_honeypot_filled(self) -> bool:
        return formguards.honeypot_filled(self.data)


class TrackForm(forms.Form):
    code = CleanCharField(
        label=pgettext_lazy("question", "Tracking code"),
        max_length=20,
        help_text=_("As in the e-mail we sent you, e.g. 7KQ3-M9XD."),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].upper().replace(" ", "")
        if not CODE_PATTERN.match(code):
            raise ValidationError(_("A tracking code has eight letters and digits, e.g. 7KQ3-M9XD."))
        return code if "-" in code else f"{code[:4]}-{code[4:]}"


# --- Staff side -----------------------------------------------------------------------------------


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit that answers"), queryset=Unit.objects.none())
    note = CleanCharField(
        label=_("Note to the unit (optional)"),
        multiline=True,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        # A question goes to a unit of the agency it was asked of, never to another agency's.
        self.fields["unit"].queryset = Unit.objects.filter(agency_id=question.agency_id)


class AnswerForm(forms.Form):
    answer = CleanCharField(
        label=_("Answer"), multiline=True, max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 12})
    )
    public_title = CleanCharField(
        label=_("Public title"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("Shown on the site if the asker agreed; the asker's own title if left empty."),
    )
    public_question = CleanCharField(
        label=_("Question as published"),
        multiline=True,
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The asker's own words if left empty."),
    )
    public_asker = CleanCharField(
        label=_("Asker as shown"),
        max_length=150,
        required=False,
        help_text=_("E.g. “A reader in Huế” or “A college in the province”; never a name."),
    )
    redactions = CleanCharField(
        label=_("Personal data to remove"),
        multiline=True,
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: words to hide in the published text (addresses, ID numbers, other names). "
            "E-mail addresses, phone numbers and the asker's name are removed anyway."
        ),
    )


class ReturnForm(forms.Form):
    comment = CleanCharField(
        label=_("What should the unit change?"),
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
