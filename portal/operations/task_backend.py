"""The long background tasks (TASKS["background"]: an archive export): django-tasks' API, a table
as the queue, a worker thread. Every other task (Wagtail's) runs as it is enqueued.

`Task.enqueue()` only writes a row (inside the caller's transaction, so a task is queued exactly
when what it works on is committed); the worker that `manage.py run_scheduler` starts beside its
periodic jobs runs the rows one after the other, outside any request. Several workers may run: a
row is claimed by a conditional update, so each task runs once. The test settings keep
django-tasks' ImmediateBackend, which runs a task as it is enqueued.

(django-tasks-db is the packaged equivalent; this is the little of it the portal needs.)
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError, TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued, task_finished, task_started
from django_tasks.utils import get_exception_traceback, get_module_path, get_random_id, normalize_json

logger = logging.getLogger(__name__)

POLL_SECONDS = 2.0
# Finished rows are kept a month (what ran and why it failed, for whoever looks into it), then go.
FINISHED_KEPT = dt.timedelta(days=30)
# No task of the portal runs for a day: one still "running" after that lost its worker (the
# process was killed) and would otherwise look busy for ever.
RUNNING_AT_MOST = dt.timedelta(days=1)
BACKGROUND = "background"  # the alias in TASKS of this backend: the long tasks


class WorkerLost(Exception):
    """Recorded for a task whose worker stopped (killed, machine restarted) before it finished."""


class DatabaseBackend(BaseTaskBackend):
    supports_get_result = True
    supports_priority = True

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        from .models import BackgroundTask

        self.validate_task(task)
        row = BackgroundTask.objects.create(
            id=get_random_id(),
            task_path=task.module_path,
            queue_name=task.queue_name,
            priority=task.priority,
            backend=self.alias,
            args=normalize_json(args),
            kwargs=normalize_json(kwargs),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
        )
        result = _result(row, task)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> TaskResult:
        from .models import BackgroundTask

        row = BackgroundTask.objects.filter(pk=result_id, backend=self.alias).first()
        if row is None:
            raise TaskResultDoesNotExist(result_id)
        return _result(row, _task(row))


def _task(row) -> Task:
    task = import_string(row.task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{row.task_path} is not a task")
    return task


def _result(row, task: Task) -> TaskResult:
    result = TaskResult(
        task=task,
        id=row.pk,
        status=TaskResultStatus(row.status),
        enqueued_at=row.enqueued_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        last_attempted_at=row.started_at,
        args=row.args,
        kwargs=row.kwargs,
        backend=row.backend,
        errors=[TaskError(exception_class_path=row.exception_class_path, traceback=row.traceback)]
        if row.exception_class_path
        else [],
        worker_ids=[row.worker_id] if row.worker_id else [],
    )
    object.__setattr__(result, "_return_value", row.return_value)
    return result


def run_next_task(*, worker_id: str, backend: str = BACKGROUND) -> bool:
    """Claim the oldest ready task of the highest priority and run it; False when none is ready."""
    from .models import BackgroundTask

    while True:
        row = BackgroundTask.objects.filter(status=TaskResultStatus.READY, backend=backend).first()
        if row is None:
            return False
        started = timezone.now()
        claimed = BackgroundTask.objects.filter(pk=row.pk, status=TaskResultStatus.READY).update(
            status=TaskResultStatus.RUNNING, started_at=started, worker_id=worker_id
        )
        if claimed:
            break  # another worker took it otherwise: look again
    row.status, row.started_at, row.worker_id = TaskResultStatus.RUNNING, started, worker_id
    try:
        task = _task(row)
    except (ImportError, TypeError) as error:
        _finish(row, error=error)
        return True
    sender = type(task.get_backend())
    task_started.send(sender, task_result=_result(row, task))
    try:
        value = normalize_json(task.call(*row.args, **row.kwargs))
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # a task's failure is recorded, never the worker's end
        logger.exception("Background task %s (%s) failed", row.task_path, row.pk)
        _finish(row, error=error)
    else:
        _finish(row, value=value)
    task_finished.send(sender, task_result=_result(row, task))
    return True


def _finish(row, *, value=None, error: BaseException | None = None) -> None:
    row.finished_at = timezone.now()
    row.return_value = value
    if error is None:
        row.status = TaskResultStatus.SUCCESSFUL
    else:
        row.status = TaskResultStatus.FAILED
        row.exception_class_path = get_module_path(type(error))
        row.traceback = get_exception_traceback(error)
    row.save(update_fields=["status", "finished_at", "return_value", "exception_class_path", "traceback"])


def run_ready_tasks(*, worker_id: str | None = None, backend: str = BACKGROUND) -> int:
    """Run every task ready now (the scheduler's --once); how many ran."""
    worker_id = worker_id or get_random_id()
    count = 0
    while run_next_task(worker_id=worker_id, backend=backend):
        count += 1
    return count


def prune_tasks(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Delete finished rows older than FINISHED_KEPT and mark as failed the ones a dead worker left
    running; (deleted, abandoned). The scheduler runs it daily."""
    from .models import BackgroundTask

    now = now or timezone.now()
    finished = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
    deleted, _ = BackgroundTask.objects.filter(status__in=finished, finished_at__lt=now - FINISHED_KEPT).delete()
    abandoned = BackgroundTask.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - RUNNING_AT_MOST
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=get_module_path(WorkerLost),
        traceback="The worker running this task stopped before it finished.",
    )
    return deleted, abandoned


def work_forever(*, poll_seconds: float = POLL_SECONDS, stop: threading.Event | None = None) -> None:
    worker_id = get_random_id()
    stop = stop or threading.Event()
    while not stop.is_set():
        close_old_connections()
        try:
            ran = run_next_task(worker_id=worker_id, backend=BACKGROUND)
        except Exception:  # the database away for a moment: try again at the next poll
            logger.exception("The background task worker could not read its queue")
            ran = False
        if not ran:
            stop.wait(poll_seconds)


def uses_database_backend() -> bool:
    from django_tasks import task_backends

    return BACKGROUND in settings.TASKS and isinstance(task_backends[BACKGROUND], DatabaseBackend)


def start_worker_thread() -> threading.Thread | None:
    """The worker beside the scheduler's jobs (an export must not hold up scheduled publishing)."""
    if not uses_database_backend():
        return None
    thread = threading.Thread(target=work_forever, name="background-tasks", daemon=True)
    thread.start()
    return thread
