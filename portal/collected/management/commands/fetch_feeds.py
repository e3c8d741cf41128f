from django.core.management.base import BaseCommand

from portal.collected.services import fetch_all_sources


class Command(BaseCommand):
    help = "Fetch the feeds of the active sources of collected items into the inbox (one line per source)."

    def handle(self, *args, **options) -> None:
        results = fetch_all_sources()
        for result in results:
            if result.ok:
                self.stdout.write(f"OK     {result.source.name}: {result.added} new")
            else:
                self.stdout.write(self.style.WARNING(f"ERROR  {result.source.name}: {result.error}"))
        failed = sum(1 for result in results if not result.ok)
        self.stdout.write(f"{len(results)} sources, {sum(r.added for r in results)} new entries, {failed} failed.")
