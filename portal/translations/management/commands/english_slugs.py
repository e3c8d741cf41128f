from django.core.management.base import BaseCommand

from portal.translations.services import english_slugs_apply


class Command(BaseCommand):
    help = (
        "Give every live English page still on its Vietnamese original's slug an English slug from its title; "
        "the old addresses redirect (301) to the new ones."
    )

    def handle(self, *args, **options):
        changed = english_slugs_apply()
        for old, new in changed:
            self.stdout.write(f"{old} -> {new}")
        self.stdout.write(f"{len(changed)} English page(s) given an English address.")
