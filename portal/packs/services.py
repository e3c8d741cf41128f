"""The first administrator of a new installation, with no password on the command line."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _


def administrator_check(*, email: str) -> str:
    """What `--admin-email` would do, without doing it (`--check`)."""
    if get_user_model().objects.filter(email__iexact=email, is_superuser=True).exists():
        return _("The administrator %(email)s exists: a new sign-in link would be printed.") % {"email": email}
    return _("Would create the administrator %(email)s and print a one-time sign-in link.") % {"email": email}


@transaction.atomic
def first_administrator(*, email: str) -> tuple[object, str]:
    """The administrator with this e-mail (created with no usable password if new) and a one-time link
    where they choose their password: Wagtail's own password reset page, whose token stops working once
    the password is set, or after PASSWORD_RESET_TIMEOUT (three days)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email, is_superuser=True).first()
    if user is None:
        username = email.split("@", 1)[0].lower() or "quantri"
        if User.objects.filter(username=username).exists():
            username = email.lower()
        user = User(username=username, email=email, is_staff=True, is_superuser=True, is_active=True)
        user.set_unusable_password()
        user.save()
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return user, settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
