import pytest
from django.core.management import call_command

from portal.core.models import JobRun
from portal.core.scheduler import Job, run_due_jobs


@pytest.mark.django_db
def test_jobs_run_when_due_and_a_failure_does_not_stop_the_others(caplog):
    calls = []

    def broken():
        raise RuntimeError("feed down")

    jobs = [Job("broken", 60, broken), Job("counter", 60, lambda: calls.append(1))]
    assert run_due_jobs(jobs, now=0) == ["counter"]
    assert "Scheduled job broken failed" in caplog.text
    assert run_due_jobs(jobs, now=30) == []  # not due yet
    assert run_due_jobs(jobs, now=61) == ["counter"]
    assert len(calls) == 2
    broken_run, counter_run = JobRun.objects.get(name="broken"), JobRun.objects.get(name="counter")
    assert broken_run.failing and broken_run.last_error == "RuntimeError: feed down"
    assert broken_run.last_succeeded_at is None
    assert not counter_run.failing and counter_run.last_succeeded_at >= counter_run.last_started_at


@pytest.mark.django_db
def test_a_job_that_succeeds_again_is_no_longer_failing():
    state = {"down": True}

    def feed():
        if state["down"]:
            raise RuntimeError("feed down")

    jobs = [Job("fetch", 60, feed)]
    run_due_jobs(jobs, now=0)
    assert JobRun.objects.get(name="fetch").failing
    state["down"] = False
    run_due_jobs(jobs, now=61)
    run = JobRun.objects.get(name="fetch")
    assert not run.failing and run.last_error == "RuntimeError: feed down"  # the last error stays to be read


def test_the_scheduler_goes_on_when_it_cannot_record_a_run(monkeypatch, caplog):
    from django.db import OperationalError

    def database_away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(JobRun.objects, "update_or_create", database_away)
    calls = []
    assert run_due_jobs([Job("counter", 60, lambda: calls.append(1))], now=0) == ["counter"]
    assert calls == [1] and "Could not record the run of scheduled job counter" in caplog.text


@pytest.mark.django_db
def test_run_scheduler_once_publishes_scheduled_pages(capsys):
    call_command("run_scheduler", "--once")
    assert "ran publish_scheduled" in capsys.readouterr().out
