from django.core.management.base import BaseCommand, CommandError

from portal.operations.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup into an empty installation (verified first; --force overwrites one that is not empty)."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup's folder.")
        parser.add_argument("--force", action="store_true", help="Overwrite the database and files that are there.")

    def handle(self, *args, **options):
        try:
            backup_restore(
                options["folder"], force=options["force"], report=lambda line: self.stderr.write(f"  {line}")
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {options['folder']}.")
