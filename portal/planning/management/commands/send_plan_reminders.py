from django.core.management.base import BaseCommand

from portal.planning.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the plan's daily reminders if their time has come (--now: send today's at once)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send now, whatever the set time.")

    def handle(self, *args, now: bool = False, **options):
        sent = send_due_reminders(force=now)
        if sent is not None:
            self.stdout.write(f"{sent} reminder e-mail(s) sent")
