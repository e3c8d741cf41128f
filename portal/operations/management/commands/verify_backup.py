from django.core.management.base import BaseCommand, CommandError

from portal.operations.backups import BackupError, backup_verify


class Command(BaseCommand):
    help = "Check a backup: every checksum of the manifest, every archived file, the database copy."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup's folder.")

    def handle(self, *args, **options):
        try:
            manifest = backup_verify(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(len(group["members"]) for group in manifest["files"])
        self.stdout.write(
            f"OK: {manifest['database']['vendor']} database and {files} files, made {manifest['created_at']}."
        )
