from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from portal.qa.services import spam_purge


class Command(BaseCommand):
    help = "Delete every citizen's question marked as spam (with its attachment), in the name of a staff user."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the staff member who purges (needs the spam permission)")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        try:
            count = spam_purge(user=user)
        except PermissionDenied as error:
            raise CommandError(f"{username} may not purge spam questions.") from error
        self.stdout.write(f"{count} spam question(s) deleted.")
