from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portal.demo.services import load_demo


class Command(BaseCommand):
    help = "Load the demo site structure, content and one account per role (never in production)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not settings.DEMO_ALLOWED:
            raise CommandError("Demo accounts and content are for development only (DEBUG is off).")
        load_demo(
            report=lambda line: self.stdout.write(line),
            progress=lambda items: tqdm(items, desc="Demo items", unit="item", file=self.stderr),
        )
