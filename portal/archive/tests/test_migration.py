"""An installation's archive exports from before agencies are the default site's agency's: migrated back to
before `ArchiveExport.agency`, given rows, then migrated forward as an upgrade would.

No django_db mark, as portal/operations/tests/test_task_queue_migration.py: the migrations change a table,
which SQLite cannot do inside the test's transaction. The test leaves the schema as it found it and deletes
the rows it made."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("archive", "0001_archiveexport")]


def test_the_exports_an_installation_had_are_its_default_sites_agencys(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        try:
            Old = executor.loader.project_state(BEFORE).apps.get_model("archive", "ArchiveExport")
            made = [
                Old.objects.create(year=2016, status="finished").pk,
                Old.objects.create(year=2017, status="queued").pk,
            ]
        finally:
            MigrationExecutor(connection).migrate(latest)

        from portal.archive.models import ArchiveExport
        from portal.core.models import AgencySettings

        try:
            default = AgencySettings.objects.get(site__is_default_site=True)
            assert {export.agency_id for export in ArchiveExport.objects.filter(pk__in=made)} == {default.pk}
        finally:
            ArchiveExport.objects.filter(pk__in=made).delete()
