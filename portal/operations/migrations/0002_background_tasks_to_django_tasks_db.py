"""The background task queue becomes django-tasks-db's: its rows are copied into that table, then
the portal's own (core_backgroundtask) goes.

The shapes map one to one: the arguments become {"args", "kwargs"}, the worker's id a list of one,
an id of 32 letters a UUID (derived from it, so the copy is the same however often it is made; nothing
kept the old ids), and "run after" is django-tasks-db's "whenever" (the old queue had no deferred
tasks). Going back recreates the empty table only: the rows stay in django-tasks-db's.
"""

import datetime as dt
import uuid

from django.db import migrations

# django-tasks-db's "no run_after" (its get_date_max): its pre_save handler, which sets it, does not
# run for the migration's historical model.
WHENEVER = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
OLD_IDS = uuid.UUID("6f2a4c0e-3b1d-4e8a-9a57-0c4d2b7e91f3")  # the namespace of the UUIDs made from old ids


def copy_rows(apps, schema_editor):
    Old = apps.get_model("operations", "BackgroundTask")
    New = apps.get_model("django_tasks_database", "DBTaskResult")
    for row in Old.objects.order_by("enqueued_at").iterator():
        new_id = uuid.uuid5(OLD_IDS, row.pk)
        if New.objects.filter(pk=new_id).exists():
            continue
        New.objects.create(
            id=new_id,
            status=row.status,
            started_at=row.started_at,
            finished_at=row.finished_at,
            args_kwargs={"args": row.args or [], "kwargs": row.kwargs or {}},
            priority=max(-100, min(100, row.priority)),
            task_path=row.task_path,
            worker_ids=[row.worker_id] if row.worker_id else [],
            queue_name=row.queue_name[:32],
            backend_name=row.backend[:32],
            run_after=WHENEVER,
            return_value=row.return_value,
            exception_class_path=row.exception_class_path,
            traceback=row.traceback,
        )
        # enqueued_at is auto_now_add: create() stamped it with the migration's time.
        New.objects.filter(pk=new_id).update(enqueued_at=row.enqueued_at)


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("core", "0010_jobs_and_tasks_moved_to_operations"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(copy_rows, migrations.RunPython.noop),
        migrations.DeleteModel(name="BackgroundTask"),
    ]
