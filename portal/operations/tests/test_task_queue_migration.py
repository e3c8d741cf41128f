"""A database that had the portal's own task queue keeps its tasks in django-tasks-db's: migrated back
to before the move, given old rows, then migrated forward as an upgrade would.

No django_db mark: the migrations change tables, which SQLite cannot do inside the test's
transaction, and a transactional test would empty the suite's database (the demo) when it ends.
The test leaves the schema as it found it and deletes the rows it made.
"""

import datetime as dt
import importlib
import uuid

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks import TaskResultStatus

BEFORE = [("operations", "0001_initial")]
MOVE = importlib.import_module("portal.operations.migrations.0002_background_tasks_to_django_tasks_db")
OLD_ROWS = [
    # (id, status, priority, started, finished, return value, exception, worker)
    ("ready0000000000000000000000000001", "READY", 0, None, None, None, "", ""),
    ("done00000000000000000000000000002", "SUCCESSFUL", 5, 1, 2, "/private/exports/2025.zip", "", "w1"),
    ("fail00000000000000000000000000003", "FAILED", 0, 1, 2, None, "builtins.ValueError", "w2"),
]


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_the_old_queue_s_rows_move_into_django_tasks_db_s(django_db_setup, django_db_blocker):
    enqueued = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with django_db_blocker.unblock():
        latest = _latest()
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        try:
            Old = executor.loader.project_state(BEFORE).apps.get_model("operations", "BackgroundTask")
            for number, (pk, status, priority, started, finished, value, error, worker) in enumerate(OLD_ROWS):
                Old.objects.create(
                    id=pk,
                    task_path="portal.archive.tasks.archive_export_task",
                    priority=priority,
                    backend="background",
                    kwargs={"export_id": number + 1},
                    status=status,
                    enqueued_at=enqueued + dt.timedelta(minutes=number),
                    started_at=started and enqueued + dt.timedelta(hours=started),
                    finished_at=finished and enqueued + dt.timedelta(hours=finished),
                    return_value=value,
                    exception_class_path=error,
                    traceback="Traceback: the archive folder is full" if error else "",
                    worker_id=worker,
                )
        finally:
            executor = MigrationExecutor(connection)
            executor.migrate(latest)

        from django_tasks_db.models import DBTaskResult

        ids = [uuid.uuid5(MOVE.OLD_IDS, row[0]) for row in OLD_ROWS]  # the same UUID for an old id, every time
        copied = list(DBTaskResult.objects.filter(pk__in=ids).order_by("enqueued_at"))
        try:
            assert [row.status for row in copied] == ["READY", "SUCCESSFUL", "FAILED"]
            assert "core_backgroundtask" not in connection.introspection.table_names()  # the old table went

            ready, done, failed = (row.task_result for row in copied)
            assert ready.kwargs == {"export_id": 1} and ready.args == []
            assert ready.enqueued_at == enqueued  # when it was queued, not when it was migrated
            assert done.status == TaskResultStatus.SUCCESSFUL and done.return_value == "/private/exports/2025.zip"
            assert done.finished_at == enqueued + dt.timedelta(hours=2) and done.worker_ids == ["w1"]
            assert failed.errors[0].exception_class is ValueError
            assert "the archive folder is full" in failed.errors[0].traceback
            assert copied[1].priority == 5
            # the queue's worker takes up what was waiting: it is a row of the new queue like any other
            assert list(DBTaskResult.objects.ready().filter(backend_name="background")) == [copied[0]]
        finally:
            DBTaskResult.objects.filter(pk__in=[row.pk for row in copied]).delete()
