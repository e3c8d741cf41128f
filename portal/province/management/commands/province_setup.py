from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.core.models import AgencySettings
from portal.province.setup import province_setup


class Command(BaseCommand):
    help = "Make the provincial portal's board group and its editors' right to carry (idempotent)."

    def handle(self, *args, **options):
        created = [line for agency in AgencySettings.objects.all() for line in province_setup(agency)]
        for line in created:
            self.stdout.write(_("Created: %(what)s") % {"what": line})
        if not created:
            self.stdout.write(_("Nothing to create."))
