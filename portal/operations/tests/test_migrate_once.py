"""`migrate_once` (portal-web.service's ExecStartPre): servers started together migrate one at a time.

On PostgreSQL a second server waits for the advisory lock the first holds, then finds nothing to
do; on SQLite (one machine) the command is `migrate`.
"""

import io
import threading
import time

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import translation

from portal.operations.management.commands.migrate_once import MIGRATE_LOCK_KEY

pytestmark = pytest.mark.django_db

NOTHING_TO_DO = "No migrations to apply."


def test_migrate_once_applies_the_migrations_and_says_when_there_is_nothing_to_do():
    output = io.StringIO()
    call_command("migrate_once", interactive=False, stdout=output)
    assert NOTHING_TO_DO in output.getvalue()


def _waiting_for_the_lock(other: psycopg.Connection) -> bool:
    """Whether a session other than `other` waits for the migration lock (a bigint key < 2**32: objid)."""
    row = other.execute(
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = %s"
        " AND objsubid = 1 AND NOT granted AND pid <> pg_backend_pid()",
        [MIGRATE_LOCK_KEY],
    ).fetchone()
    return row[0] > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
def test_a_second_server_waits_for_the_one_migrating_then_finds_nothing_to_do():
    options = connection.settings_dict
    parameters = {
        "host": options["HOST"] or "127.0.0.1",
        "port": options["PORT"] or 5432,
        "user": options["USER"] or None,
        "password": options["PASSWORD"] or None,
        "dbname": options["NAME"],
    }
    output, errors = io.StringIO(), []

    def second_server():
        try:
            with translation.override("en"):
                call_command("migrate_once", interactive=False, stdout=output)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    with psycopg.connect(autocommit=True, **parameters) as first_server:
        first_server.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
        server = threading.Thread(target=second_server, daemon=True)
        server.start()
        try:
            deadline = time.monotonic() + 10
            while not _waiting_for_the_lock(first_server) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _waiting_for_the_lock(first_server), "the second server never asked for the lock"
            server.join(timeout=0.5)
            assert server.is_alive(), "the second server migrated while the first held the lock"
            assert output.getvalue().startswith("Another server is applying the migrations; waiting for it to finish.")
            assert NOTHING_TO_DO not in output.getvalue()
        finally:
            first_server.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])
        server.join(timeout=60)
        assert not server.is_alive(), "the second server still waits after the lock was released"
        assert not errors, errors
        assert NOTHING_TO_DO in output.getvalue()
        # It let the lock go: another server takes it at once.
        assert first_server.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATE_LOCK_KEY]).fetchone()[0]
        first_server.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])
