from django.core.management.base import BaseCommand

from portal.visits.services import flush_everything


class Command(BaseCommand):
    help = "Move the visits counted in the cache into the database (the scheduler runs it every few minutes)."

    def handle(self, *args, **options):
        moved = flush_everything()
        if options["verbosity"] > 1:
            self.stdout.write(f"{moved} page views moved to the database")
