from django.core.management.base import BaseCommand

from portal.applications.services import send_overdue_alerts


class Command(BaseCommand):
    help = "E-mail each unit's officers and leaders the applications past their due date (once a day)."

    def handle(self, *args, **options):
        sent = send_overdue_alerts()
        self.stdout.write(f"{sent} overdue alert e-mail(s) sent.")
