"""The long background tasks (TASKS["background"]: an archive export, a password reset mail) queue in
django-tasks-db's table and are run by its worker, which `manage.py run_scheduler` starts in a thread
beside its periodic jobs (`manage.py db_worker --backend background --queue-name '*'` runs the same
worker alone). Every other task (Wagtail's) runs as it is enqueued; the test settings run the
background ones so too.

`Task.enqueue()` only writes a row, inside the caller's transaction, so a task is queued exactly when
what it works on is committed; the worker claims a row under a row lock, so each task runs once.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus, task_backends
from django_tasks.signals import task_finished
from django_tasks.utils import get_module_path

logger = logging.getLogger(__name__)

BACKGROUND = "background"  # the alias in TASKS of the database backend: the long tasks
POLL_SECONDS = 2.0
# Finished rows are kept a month (what ran and why it failed, for whoever looks into it), then go.
FINISHED_KEPT = dt.timedelta(days=30)
# No task of the portal runs for a day: one still "running" after that lost its worker (the
# process was killed) and would otherwise look busy for ever.
RUNNING_AT_MOST = dt.timedelta(days=1)


class WorkerLost(Exception):
    """Recorded for a task whose worker stopped (killed, machine restarted) before it finished."""


def uses_database_backend() -> bool:
    from django_tasks_db import DatabaseBackend

    return BACKGROUND in settings.TASKS and isinstance(task_backends[BACKGROUND], DatabaseBackend)


def _worker(*, batch: bool, worker_id: str | None = None):
    # django-tasks-db's own worker, as its db_worker command builds it (that command would also
    # take over the process's signals, which only the main thread may do).
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=POLL_SECONDS,
        batch=batch,
        backend_name=BACKGROUND,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id or get_random_string(32),
    )


def run_ready_tasks(*, worker_id: str | None = None) -> int:
    """Run every task ready now, one after the other, in this thread (the scheduler's --once); how many ran."""
    ran = []

    def count(sender, task_result, **kwargs):
        ran.append(task_result.id)

    task_finished.connect(count, weak=False)
    try:
        _worker(batch=True, worker_id=worker_id).run()
    finally:
        task_finished.disconnect(count)
    return len(ran)


def work_forever() -> None:
    while True:  # the worker polls for ever; it returns only on an error
        try:
            _worker(batch=False).run()
        except Exception:  # the database away for a moment: the worker starts again at the next poll
            logger.exception("The background task worker could not read its queue")
            time.sleep(POLL_SECONDS)


def start_worker_thread() -> threading.Thread | None:
    """The worker beside the scheduler's jobs (an export must not hold up scheduled publishing)."""
    if not uses_database_backend():
        return None
    thread = threading.Thread(target=work_forever, name="background-tasks", daemon=True)
    thread.start()
    return thread


def prune_tasks(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Delete finished rows older than FINISHED_KEPT and mark as failed the ones a dead worker left
    running; (deleted, abandoned). The scheduler runs it daily.

    Written here rather than with django-tasks-db's prune_db_task_results command: that one only
    deletes, and a task left "running" by a killed worker would otherwise never end."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    ours = DBTaskResult.objects.filter(backend_name=BACKGROUND)
    deleted, _ = ours.finished().filter(finished_at__lt=now - FINISHED_KEPT).delete()
    abandoned = (
        ours.running()
        .filter(started_at__lt=now - RUNNING_AT_MOST)
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=get_module_path(WorkerLost),
            traceback="The worker running this task stopped before it finished.",
        )
    )
    return deleted, abandoned
