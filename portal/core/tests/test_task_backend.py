"""The embedded default's background tasks: enqueued as a row, run later by the worker, each once."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus, task

from portal.core.models import BackgroundTask
from portal.core.task_backend import BACKGROUND, run_next_task, run_ready_tasks

pytestmark = pytest.mark.django_db

DATABASE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    BACKGROUND: {"BACKEND": "portal.core.task_backend.DatabaseBackend"},
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


@override_settings(TASKS=DATABASE)
def test_enqueue_only_queues_and_the_worker_runs_the_task_once():
    result = double.enqueue(21)
    assert RAN == []  # nothing ran in the caller (a request)
    assert result.status == TaskResultStatus.READY
    assert BackgroundTask.objects.get(pk=result.id).args == [21]

    assert run_next_task(worker_id="w1") is True
    assert run_next_task(worker_id="w2") is False  # nothing left: it ran once
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
    assert not BackgroundTask.objects.exists()


@task()
def at_once() -> str:
    RAN.append("at once")
    return "done"


@override_settings(TASKS=DATABASE)
def test_the_default_backend_still_runs_a_task_as_it_is_enqueued():
    # Wagtail's own tasks (reference and search index) stay immediate: only the long ones wait for the worker.
    assert at_once.enqueue().return_value == "done"
    assert RAN == ["at once"]
    assert not BackgroundTask.objects.exists()
