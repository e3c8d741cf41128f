import re

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.forms import UserCreationForm, UserEditForm

from . import services
from .models import StaffProfile

PROFILE_FIELDS = [
    "unit",
    "pen_name",
    "phone",
    "position",
    "signing_authority",
    "signing_title",
    "bank_account_holder",
    "bank_account_number",
    "bank_name",
    "tax_code",
]


class StaffProfileFieldsMixin:
    """The staff profile's fields on Wagtail's user forms, saved into the user's StaffProfile."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Vietnamese names are written family, middle, given: "first name" holds the family and
        # middle names so that get_full_name() reads "Nguyễn Thị Hồng" everywhere Wagtail shows it.
        if "first_name" in self.fields:
            self.fields["first_name"].label = _("Family and middle names")
            self.fields["last_name"].label = _("Given name")
        if "groups" in self.fields:
            # The view offers an agency's staff their own agency's groups only (portal.units.agencies.narrow_choices).
            self.fields["groups"].error_messages["invalid_choice"] = _(
                "Only groups of your own agency can be given: one of the groups chosen is not one of them."
            )
        self.profile = StaffProfile.objects.filter(user_id=self.instance.pk).first() or StaffProfile()
        for name, field in forms.fields_for_model(StaffProfile, fields=PROFILE_FIELDS).items():
            self.fields[name] = field
            if self.profile.pk:
                self.initial.setdefault(name, field.prepare_value(getattr(self.profile, name)))

    @property
    def profile_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in PROFILE_FIELDS]

    def _post_clean(self) -> None:
        super()._post_clean()
        # The model's validators (account number, tax code) run here, as ModelForm does for its own model.
        for name in PROFILE_FIELDS:
            if name in self.cleaned_data:
                setattr(self.profile, name, self.cleaned_data[name])
        try:
            self.profile.full_clean(exclude=["user"], validate_unique=False)
        except forms.ValidationError as error:
            self._update_errors(error)

    def _save_m2m(self) -> None:
        # Groups the editor is not offered (another agency's, or the superusers' own) are not theirs to take away.
        kept = []
        if self.instance.pk and "groups" in self.fields:
            kept = list(self.instance.groups.exclude(pk__in=self.fields["groups"].queryset.values("pk")))
        super()._save_m2m()
        self.instance.groups.add(*kept)

    def save(self, commit: bool = True) -> AbstractBaseUser:
        user = super().save(commit=commit)
        if commit:
            self.profile.user = user
            self.profile.save()
        return user


class StaffUserCreationForm(StaffProfileFieldsMixin, UserCreationForm):
    pass


class StaffUserEditForm(StaffProfileFieldsMixin, UserEditForm):
    pass


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=12,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = services.normalise_code(self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError(_("Enter the 6 digits shown by your authenticator app."), code="format")
        return code


class VerifyForm(CodeForm):
    """A code from one of the user's confirmed devices; `device` is the one that accepted it."""

    def __init__(self, user: AbstractBaseUser, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: TOTPDevice | None = None

    def clean(self) -> dict:
        code = self.cleaned_data.get("code")
        if code:
            try:
                self.device = services.verify_code(self.user, code)
            except services.VerificationRefused:
                raise forms.ValidationError(
                    _("Too many wrong codes. Wait a moment, then enter the code your app shows."), code="throttled"
                ) from None
            if self.device is None:
                raise forms.ValidationError(
                    _("This code is wrong or has expired. Enter the code your app shows now."), code="invalid"
                )
        return self.cleaned_data


class EnrolForm(CodeForm):
    def __init__(self, device: TOTPDevice, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean(self) -> dict:
        code = self.cleaned_data.get("code")
        if code and not services.confirm_device(self.device, code):
            raise forms.ValidationError(
                _("This code does not match. Check that your phone's clock is right and enter the code shown now."),
                code="invalid",
            )
        return self.cleaned_data
