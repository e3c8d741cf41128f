from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.services import current_code, demo_key_hex


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo account (development only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        # A code generator on the server defeats the second factor: only the demo may have one.
        if not (settings.DEBUG or settings.DEMO_ALLOWED):
            raise CommandError("demo_otp_code is for development only (DEBUG is off).")
        user = get_user_model().objects.filter(username=username).first()
        # Only the demo's own devices, whose secret README.md prints anyway.
        device = TOTPDevice.objects.filter(user=user, confirmed=True, key=demo_key_hex()).first() if user else None
        if device is None:
            raise CommandError(f"{username} has no device with the demo secret.")
        self.stdout.write(current_code(device))
