from django.core.management.base import BaseCommand, CommandError

from portal.operations.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Make a dated, consistent backup of the database and every folder of files, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("--root", help="Folder to write the backup under (default: settings.BACKUP_ROOT).")

    def handle(self, *args, **options):
        try:
            folder = backup_create(root=options["root"], report=lambda line: self.stderr.write(f"  {line}"))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
