import pytest
from django.core.management import call_command

from portal.core.scheduler import Job, run_due_jobs


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


@pytest.mark.django_db
def test_run_scheduler_once_publishes_scheduled_pages(capsys):
    call_command("run_scheduler", "--once")
    assert "ran publish_scheduled" in capsys.readouterr().out
