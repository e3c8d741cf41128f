"""An installation from before keeps its anniversaries, each given an agency: a unit's, the unit's agency;
one of no unit, the default site's. Migrated back to before, given rows, then forward as an upgrade would.

No django_db mark (as operations' test_task_queue_migration): the migrations change tables, which SQLite
cannot do inside the test's transaction. The test leaves the schema as it found it and deletes its rows.
"""

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page, Site

from portal.core.models import AgencySettings
from portal.planning.models import Anniversary
from portal.units.models import Unit

BEFORE = [("planning", "0007_plan_unique_per_agency")]


def test_existing_anniversaries_go_to_their_units_agency_else_the_default_sites(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
        other = Site.objects.create(hostname="khac.example", root_page=Page.objects.get(depth=1), site_name="Khác")
        agency = AgencySettings.objects.create(site=other, code="so-khac", name_vi="Sở Khác")
        unit = Unit.objects.create(agency=agency, code="phong-khac", name_vi="Phòng Khác")
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        try:
            Old = executor.loader.project_state(BEFORE).apps.get_model("planning", "Anniversary")
            day = dt.date(2001, 3, 4)
            Old.objects.create(name_vi="Ngày của Phòng Khác", kind="province", date=day, unit_id=unit.pk)
            Old.objects.create(name_vi="Ngày không của đơn vị nào", kind="national", date=dt.date(2001, 3, 5))
        finally:
            MigrationExecutor(connection).migrate(latest)
        try:
            default = AgencySettings.objects.get(site__is_default_site=True)
            assert Anniversary.objects.get(name_vi="Ngày của Phòng Khác").agency == agency
            assert Anniversary.objects.get(name_vi="Ngày không của đơn vị nào").agency == default
            assert not Anniversary.objects.exclude(agency__in=[agency, default]).exists()
        finally:
            Anniversary.objects.filter(name_vi__in=["Ngày của Phòng Khác", "Ngày không của đơn vị nào"]).delete()
            unit.delete()
            agency.delete()
            other.delete()
