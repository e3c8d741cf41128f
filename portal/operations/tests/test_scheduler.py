import pytest
from django.core.management import call_command

from portal.operations.models import JobRun
from portal.operations.scheduler import Job, run_due_jobs


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


def test_each_app_registers_its_jobs_and_the_scheduler_lists_them_all(settings):
    from django.utils import translation

    from portal.operations.scheduler import default_jobs

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with translation.override("en"):
        listed = [(job.name, job.every_seconds, str(job.label)) for job in default_jobs()]
    assert listed == [
        ("publish_scheduled", 60, "scheduled publishing and expiry"),
        ("fetch_feeds", 30 * 60, "collecting items from the sources' feeds"),
        ("daily_backup", 60 * 60, "daily backup"),
        ("plan_reminders", 60, "the plan's daily reminders"),
        ("flush_visits", 5 * 60, "counting visits"),
        ("accrue_royalty_fee", 60 * 60, "the monthly site administration fee"),
        ("translation_reminders", 24 * 60 * 60, "translation reminders"),
        ("send_overdue_alerts", 24 * 60 * 60, "alerts on overdue applications"),
        ("remove_orphan_files", 24 * 60 * 60, "removing uploads left without their rows"),
        ("send_question_reminders", 60 * 60, "reminders on citizens' questions"),
        ("prune_background_tasks", 24 * 60 * 60, "clearing old background tasks"),
    ]
    # Where the cache is shared by every process, the dashboard is also worked out ahead of the board.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert [job.name for job in default_jobs()][-1] == "warm_dashboard"


def test_a_job_registered_by_name_runs_that_command(monkeypatch):
    from portal.operations import scheduler

    ran = []
    monkeypatch.setattr(scheduler, "_registry", {})
    monkeypatch.setattr(scheduler, "call_command", lambda name: ran.append(name))
    scheduler.register_job("feeds", 60, "fetch_feeds", label="feeds", order=1)
    (job,) = scheduler.default_jobs()
    job.run()
    assert ran == ["fetch_feeds"]
