"""The operational records moved to operations (from core and planning) keep their tables, their rows
and who may read them; the test database itself is migrated from zero, the fresh install's path."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from portal.operations.models import Incident, JobRun

pytestmark = pytest.mark.django_db

MOVE = importlib.import_module("portal.operations.migrations.0001_initial")


def test_the_moved_models_keep_their_old_tables_and_no_migration_is_missing():
    assert (JobRun._meta.db_table, Incident._meta.db_table) == ("core_jobrun", "planning_incident")
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits non-zero on a missing one


def test_an_existing_database_keeps_who_may_read_the_incidents(django_user_model):
    from django.apps import apps

    # As a database migrated before the move has it: the incidents' content type is planning's.
    ContentType.objects.filter(app_label="operations", model="incident").delete()
    old = ContentType.objects.create(app_label="planning", model="incident")
    permission = Permission.objects.create(content_type=old, codename="view_incident", name="Can view incident")
    group = Group.objects.create(name="Trực vận hành")
    group.permissions.add(permission)
    reader = django_user_model.objects.create_user("truc", password="x")
    reader.groups.add(group)

    MOVE.move_content_types(apps, None)

    moved = ContentType.objects.get(pk=old.pk)
    assert (moved.app_label, moved.model) == ("operations", "incident")
    assert not ContentType.objects.filter(app_label="planning", model="incident").exists()
    assert django_user_model.objects.get(pk=reader.pk).has_perm("operations.view_incident")
