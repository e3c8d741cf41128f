from django.core.management.base import BaseCommand
from tqdm import tqdm

from portal.news.models import ArticlePage
from portal.royalties.models import RoyaltyWork
from portal.royalties.services import work_record_publication


class Command(BaseCommand):
    help = "Record the royalty of every published item not in the ledger yet (a site adopting the ledger)."

    def handle(self, *args, **options):
        recorded = RoyaltyWork.objects.values_list("page_key", flat=True)
        pending = list(ArticlePage.objects.live().exclude(pk__in=recorded).values_list("pk", flat=True))
        created = sum(1 for page_id in tqdm(pending, disable=not pending) if work_record_publication(page_id=page_id))
        self.stdout.write(f"{created} item(s) recorded in the royalty ledger.")
