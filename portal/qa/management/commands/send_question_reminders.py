from django.core.management.base import BaseCommand

from portal.qa.services import send_due_reminders


class Command(BaseCommand):
    help = "Remind whoever holds each open citizen's question, once per question and working day."

    def handle(self, *args, **options):
        count = send_due_reminders()
        self.stdout.write(f"{count} question(s) reminded.")
