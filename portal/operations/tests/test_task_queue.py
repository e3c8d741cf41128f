"""The background tasks: enqueued as a row of django-tasks-db's queue, run later by its worker, each once."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus, task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from portal.operations.task_queue import BACKGROUND, run_ready_tasks

pytestmark = pytest.mark.django_db

DATABASE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    BACKGROUND: {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
RAN = []


@task(backend=BACKGROUND)
def double(number: int) -> int:
    RAN.append(number)
    return number * 2


@task(priority=5, backend=BACKGROUND)
def urgent() -> str:
    RAN.append("urgent")
    return "done"


@task(backend=BACKGROUND)
def broken() -> None:
    raise ValueError("the archive folder is full")


@pytest.fixture(autouse=True)
def _ran():
    RAN.clear()


@pytest.fixture(autouse=True)
def _connection_kept(monkeypatch):
    # The worker closes connections it finds out of autocommit between tasks: inside the test's
    # transaction that is the test's own (Django's test client disconnects the same call).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@override_settings(TASKS=DATABASE)
def test_enqueue_only_queues_and_the_worker_runs_the_task_once():
    result = double.enqueue(21)
    assert RAN == []  # nothing ran in the caller (a request)
    assert result.status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=result.id).args_kwargs == {"args": [21], "kwargs": {}}

    assert run_ready_tasks(worker_id="w1") == 1  # in this process, as the scheduler's worker runs it
    assert run_ready_tasks(worker_id="w2") == 0  # nothing left: it ran once
    assert RAN == [21]
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 42
    assert result.worker_ids == ["w1"]


@override_settings(TASKS=DATABASE)
def test_a_failing_task_is_recorded_and_the_worker_goes_on():
    failed = broken.enqueue()
    later = double.enqueue(2)
    assert run_ready_tasks() == 2
    failed.refresh()
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class is ValueError
    assert "the archive folder is full" in failed.errors[0].traceback
    later.refresh()
    assert later.return_value == 4


@override_settings(TASKS=DATABASE)
def test_higher_priority_runs_first_then_in_the_order_enqueued():
    double.enqueue(1)
    double.enqueue(2)
    urgent.enqueue()
    run_ready_tasks()
    assert RAN == ["urgent", 1, 2]


@override_settings(TASKS=DATABASE)
def test_run_scheduler_once_runs_the_ready_tasks(capsys):
    double.enqueue(5)
    call_command("run_scheduler", "--once")
    assert "ran 1 background tasks" in capsys.readouterr().out
    assert RAN == [5]


def test_the_test_settings_run_a_task_as_it_is_enqueued():
    result = double.enqueue(3)
    assert RAN == [3]
    assert result.return_value == 6
    assert not DBTaskResult.objects.exists()


@task()
def at_once() -> str:
    RAN.append("at once")
    return "done"


@override_settings(TASKS=DATABASE)
def test_the_default_backend_still_runs_a_task_as_it_is_enqueued():
    # Wagtail's own tasks (reference and search index) stay immediate: only the long ones wait for the worker.
    assert at_once.enqueue().return_value == "done"
    assert RAN == ["at once"]
    assert not DBTaskResult.objects.exists()


@override_settings(TASKS=DATABASE)
def test_old_finished_tasks_go_and_a_task_left_running_by_a_dead_worker_is_failed():
    import datetime as dt

    from django.utils import timezone

    from portal.operations.task_queue import WorkerLost, prune_tasks

    old_done, recent_done, waiting = double.enqueue(1), double.enqueue(2), double.enqueue(3)
    lost, running = double.enqueue(4), double.enqueue(5)
    now = timezone.now()
    DBTaskResult.objects.filter(pk=old_done.id).update(status="SUCCESSFUL", finished_at=now - dt.timedelta(days=31))
    DBTaskResult.objects.filter(pk=recent_done.id).update(status="FAILED", finished_at=now - dt.timedelta(days=29))
    DBTaskResult.objects.filter(pk=waiting.id).update(enqueued_at=now - dt.timedelta(days=90))
    DBTaskResult.objects.filter(pk=lost.id).update(status="RUNNING", started_at=now - dt.timedelta(hours=25))
    DBTaskResult.objects.filter(pk=running.id).update(status="RUNNING", started_at=now - dt.timedelta(hours=2))

    assert prune_tasks(now=now) == (1, 1)
    left = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert left == {recent_done.id, waiting.id, lost.id, running.id}
    lost.refresh()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.errors[0].exception_class is WorkerLost
    running.refresh()
    assert running.status == TaskResultStatus.RUNNING  # two hours is not lost
    assert run_ready_tasks() == 1  # the queued one still runs, however long it waited
    assert RAN == [3]
    assert prune_tasks(now=now) == (0, 0)  # a second run finds nothing more to do


@override_settings(TASKS=DATABASE)
def test_the_scheduler_prunes_the_task_queue_daily():
    import datetime as dt

    from django.utils import timezone

    from portal.operations.scheduler import default_jobs

    done = double.enqueue(1)
    DBTaskResult.objects.filter(pk=done.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - dt.timedelta(days=40)
    )
    job = next(job for job in default_jobs() if job.name == "prune_background_tasks")
    assert job.every_seconds == 24 * 60 * 60
    job.run()
    assert not DBTaskResult.objects.exists()
