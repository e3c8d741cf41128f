"""The online form of a procedure, built from its version's data, and the staff's step forms."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from portal.core.widgets import DayMonthYearInput
from portal.procedures.models import FormField, ProcedureVersion

from .models import Application, Upload, normalise_secret
from .uploads import CheckedFile, UploadRefused, check_upload, max_upload_bytes

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
PHONE = RegexValidator(r"^\+?[0-9 .]{8,18}$", _("Enter a phone number: digits, spaces, a leading +."))
TAX_CODE = RegexValidator(r"^[0-9]{10}(-?[0-9]{3})?$", _("Enter the 10 or 13 digits of the tax code."))
ID_NUMBER = RegexValidator(r"^[0-9]{12}$", _("Enter the 12 digits of the citizen identity number."))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class DocumentField(forms.FileField):
    """Several files for one document, each checked by its content."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int = 3, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg"
        # The browser checks each file before sending it (static portal/js/filecheck.js) with check_upload's limit.
        limit = max_upload_bytes()
        self.widget.attrs.update(
            {
                "data-max-bytes": limit,
                "data-too-large-message": _("A file chosen here is larger than %(limit)d MB: choose a smaller one.")
                % {"limit": limit // (1024 * 1024)},
                "data-wrong-type-message": _("Choose PDF, PNG, JPEG or Word (DOCX) files."),
                # The browser's own button and "no file" text follow the browser's language: the page's instead.
                "data-choose-label": _("Choose files"),
                "data-none-label": _("No file chosen"),
            }
        )

    def clean(self, data, initial=None) -> list[CheckedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > self.max_files:
            raise forms.ValidationError(_("Upload at most %(count)d files here.") % {"count": self.max_files})
        checked, errors = [], []
        for upload in files:
            try:
                checked.append(check_upload(upload))
            except UploadRefused as refusal:
                errors.append(str(refusal))
        if errors:
            raise forms.ValidationError(errors)
        return checked


def _form_field(spec: FormField) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help}
    if spec.kind == FormField.TEXTAREA:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=spec.max_length or 3000, **common)
    if spec.kind == FormField.EMAIL:
        return forms.EmailField(max_length=254, **common)
    if spec.kind == FormField.PHONE:
        return forms.CharField(
            max_length=20,
            validators=[PHONE],
            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            **common,
        )
    if spec.kind == FormField.DATE:
        return forms.DateField(
            input_formats=DATE_FORMATS,
            widget=DayMonthYearInput(),
            error_messages={"invalid": _("Enter the date as dd/mm/yyyy.")},
            **common,
        )
    if spec.kind == FormField.INTEGER:
        return forms.IntegerField(min_value=spec.min_value, max_value=spec.max_value, **common)
    if spec.kind == FormField.CHOICE:
        choices = spec.choice_pairs()
        return forms.ChoiceField(choices=[("", "---------"), *choices], **common)
    if spec.kind == FormField.CHECKBOX:
        return forms.BooleanField(**{**common, "required": False})
    if spec.kind == FormField.TAX_CODE:
        return forms.CharField(
            max_length=14, validators=[TAX_CODE], widget=forms.TextInput(attrs={"inputmode": "numeric"}), **common
        )
    if spec.kind == FormField.ID_NUMBER:
        return forms.CharField(
            max_length=12, validators=[ID_NUMBER], widget=forms.TextInput(attrs={"inputmode": "numeric"}), **common
        )
    return forms.CharField(max_length=spec.max_length or 300, **common)


def answer_value(value):
    """A cleaned value as stored in the application's JSON answers."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


class ApplicationForm(forms.Form):
    """Who applies, the procedure's own fields, and one upload field per document."""

    use_required_attribute = False  # "Save draft" must go through with fields still empty

    applicant_kind = forms.ChoiceField(
        label=_("Applying as"), choices=Application.KIND_CHOICES, widget=forms.RadioSelect
    )
    applicant_name = forms.CharField(
        label=_("Name of the organisation or citizen"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The receipt, the tracking link and every message about the application are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        validators=[PHONE],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        # Several lines (house, street, ward, province): HTML allows "street-address" only on a textarea.
        widget=forms.Textarea(attrs={"autocomplete": "street-address", "rows": 2}),
    )

    def __init__(
        self,
        *args,
        version: ProcedureVersion,
        draft: Application | None = None,
        reusable: dict[str, Upload] | None = None,
        submitting: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.version = version
        self.draft = draft
        self.submitting = submitting
        self.reusable = reusable or {}
        self.refused: dict[str, list[str]] = {}
        self.spec_fields = list(version.form_fields.all())
        self.documents = list(version.required_documents.all())
        self.kept = {document.key: [] for document in self.documents}
        if draft is not None:
            for upload in draft.uploads.all():
                self.kept.setdefault(upload.document_key, []).append(upload)
        for spec in self.spec_fields:
            self.fields[f"f_{spec.name}"] = _form_field(spec)
        for document in self.documents:
            label = document.name + (f" ({document.quantity})" if document.quantity else "")
            self.fields[f"doc_{document.key}"] = DocumentField(
                label=label, help_text=document.help, max_files=document.max_files
            )
            if self.kept[document.key]:
                self.fields[f"remove_{document.key}"] = forms.MultipleChoiceField(
                    label=_("Remove"),
                    required=False,
                    choices=[(str(u.pk), u.original_name) for u in self.kept[document.key]],
                    widget=forms.CheckboxSelectMultiple,
                )
            elif document.key in self.reusable:
                previous = self.reusable[document.key]
                self.fields[f"reuse_{document.key}"] = forms.BooleanField(
                    label=_("Use the file already submitted: %(name)s") % {"name": previous.original_name},
                    required=False,
                    initial=True,
                )

        if not submitting and self.is_bound:
            # A draft may be incomplete; only the e-mail that the link to it goes to is needed.
            for name, form_field in self.fields.items():
                form_field.required = name == "email"

    # Fields grouped for the template: who applies, the procedure's questions, the documents.
    def applicant_fields(self):
        return [self[name] for name in ("applicant_kind", "applicant_name", "email", "phone", "address")]

    def question_fields(self):
        return [self[f"f_{spec.name}"] for spec in self.spec_fields]

    def document_rows(self):
        rows = []
        for document in self.documents:
            rows.append(
                {
                    "document": document,
                    "field": self[f"doc_{document.key}"],
                    "kept": self.kept.get(document.key, []),
                    "remove": self[f"remove_{document.key}"] if f"remove_{document.key}" in self.fields else None,
                    "reuse": self[f"reuse_{document.key}"] if f"reuse_{document.key}" in self.fields else None,
                    "reusable": self.reusable.get(document.key),
                }
            )
        return rows

    def clean(self):
        cleaned = super().clean()
        # Files refused by their content, kept apart so that they can be shown again with a kept draft.
        self.refused = {
            f"doc_{d.key}": list(self.errors[f"doc_{d.key}"]) for d in self.documents if f"doc_{d.key}" in self.errors
        }
        total = 0
        for document in self.documents:
            removed = set(cleaned.get(f"remove_{document.key}") or [])
            kept = [u for u in self.kept.get(document.key, []) if str(u.pk) not in removed]
            new = cleaned.get(f"doc_{document.key}") or []
            reused = 1 if cleaned.get(f"reuse_{document.key}") and not kept else 0
            count = len(kept) + len(new) + reused
            total += count
            if f"doc_{document.key}" in self.errors:
                continue
            if count > document.max_files:
                self.add_error(
                    f"doc_{document.key}", _("Upload at most %(count)d files here.") % {"count": document.max_files}
                )
            elif self.submitting and document.required and count == 0:
                self.add_error(f"doc_{document.key}", _("Upload this document."))
        if total > settings.APPLICATIONS_MAX_FILES:
            raise forms.ValidationError(
                _("An application holds at most %(count)d files.") % {"count": settings.APPLICATIONS_MAX_FILES}
            )
        return cleaned

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            spec.name: answer_value(data.get(f"f_{spec.name}")) for spec in self.spec_fields if f"f_{spec.name}" in data
        }

    def new_files(self) -> dict[str, list[CheckedFile]]:
        data = getattr(self, "cleaned_data", {})
        return {d.key: data.get(f"doc_{d.key}") or [] for d in self.documents if f"doc_{d.key}" not in self.errors}

    def removed_upload_ids(self) -> list[int]:
        data = self.cleaned_data
        return [int(pk) for d in self.documents for pk in (data.get(f"remove_{d.key}") or [])]

    def reused_uploads(self) -> list[Upload]:
        data = self.cleaned_data
        return [
            self.reusable[d.key]
            for d in self.documents
            if data.get(f"reuse_{d.key}") and d.key in self.reusable and not self.kept.get(d.key)
        ]


class SupplementForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, application: Application, request_keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = [
            d for d in application.version.required_documents.all() if not request_keys or d.key in request_keys
        ]
        for document in self.documents:
            self.fields[f"doc_{document.key}"] = DocumentField(label=document.name, max_files=document.max_files)

    def files_by_key(self) -> dict[str, list[CheckedFile]]:
        return {d.key: self.cleaned_data.get(f"doc_{d.key}") or [] for d in self.documents}


class LookupForm(forms.Form):
    receipt_number = forms.CharField(
        label=_("Receipt number"), max_length=40, help_text=_("As on your receipt, e.g. SNV-250115-0001.")
    )
    secret = forms.CharField(
        label=_("Tracking code"), max_length=40, help_text=_("The 16 letters and digits on your receipt.")
    )

    def clean_receipt_number(self):
        return self.cleaned_data["receipt_number"].strip().upper()

    def clean_secret(self):
        return normalise_secret(self.cleaned_data["secret"])


class SignInForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


# --- Staff ---------------------------------------------------------------------------------------


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2}))


class RefundedForm(forms.Form):
    payment = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("How it was refunded"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. the refund's reference at the payment gateway."),
    )


class SupplementRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What is missing"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant reads this in the e-mail and on the tracking page."),
    )
    documents = forms.MultipleChoiceField(
        label=_("Documents to upload again"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(d.key, d.name) for d in application.version.required_documents.all()]


class DecisionForm(forms.Form):
    APPROVE, REFUSE = "approve", "refuse"
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(APPROVE, _("Approve")), (REFUSE, _("Refuse"))], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note, or the reasons for a refusal"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REFUSE and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Give the reasons for the refusal: the applicant will read them."))
        return cleaned


class ResultForm(forms.Form):
    UPLOAD, GENERATE = "upload", "generate"
    how = forms.ChoiceField(
        label=_("Result"),
        choices=[(GENERATE, _("Generate the result letter from the text below")), (UPLOAD, _("Upload the signed PDF"))],
        widget=forms.RadioSelect,
        initial=GENERATE,
    )
    file = forms.FileField(label=_("Signed PDF"), required=False)
    document_number = forms.CharField(
        label=_("Number and symbol"), max_length=60, required=False, help_text=_("e.g. 125/SNgV-LS")
    )
    body = forms.CharField(
        label=_("Text of the letter"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("how") == self.UPLOAD:
            upload = cleaned.get("file")
            if not upload:
                self.add_error("file", _("Choose the PDF file."))
            else:
                try:
                    checked = check_upload(upload)
                except UploadRefused as refusal:
                    self.add_error("file", str(refusal))
                else:
                    if checked.kind != "pdf":
                        self.add_error("file", _("The result must be a PDF file."))
                    cleaned["checked"] = checked
        elif cleaned.get("how") == self.GENERATE and not (cleaned.get("body") or "").strip():
            self.add_error("body", _("Write the text of the letter."))
        return cleaned
