"""`migrate` that one server at a time runs: the others wait, then find nothing to do.

portal-web.service runs it before starting the app server. On PostgreSQL it holds a session
advisory lock (MIGRATE_LOCK_KEY) on Django's connection around `migrate`; a server started at the
same moment waits for the lock and then sees the migrations already applied. SQLite is one machine:
migrate runs as it is.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

# The key of the advisory lock (any bigint; "port" in ASCII). Every server uses this one.
MIGRATE_LOCK_KEY = 0x706F7274


class Command(BaseCommand):
    help = "Apply the migrations, one server at a time (PostgreSQL advisory lock); the others wait."

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Ask nothing (as migrate)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to migrate (as migrate).")

    def handle(self, *args, interactive=True, database=DEFAULT_DB_ALIAS, **options):
        migrate = {
            "interactive": interactive,
            "database": database,
            "verbosity": options["verbosity"],
            "stdout": self.stdout,
            "stderr": self.stderr,
        }
        connection = connections[database]
        if connection.vendor != "postgresql":
            call_command("migrate", **migrate)
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
            if not cursor.fetchone()[0]:
                self.stdout.write(_("Another server is applying the migrations; waiting for it to finish."))
                self.stdout.flush()
                cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
        try:
            call_command("migrate", **migrate)
        finally:
            # Ending the session would release it too; the connection may be kept (CONN_MAX_AGE).
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])
