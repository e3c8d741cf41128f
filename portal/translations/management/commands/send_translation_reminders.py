from django.core.management.base import BaseCommand

from portal.translations.services import reminders_send


class Command(BaseCommand):
    help = "Remind each unit of its translations due today or overdue (once per task and day)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} translation reminder(s) sent.")
