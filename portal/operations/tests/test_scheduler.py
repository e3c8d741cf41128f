import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

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


@pytest.mark.django_db
def test_the_scheduler_goes_on_when_it_cannot_record_a_run(monkeypatch, caplog):
    from django.db import OperationalError
    from django.db.models import QuerySet

    def database_away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    calls = []

    def counter():  # the database goes away while the job runs
        calls.append(1)
        monkeypatch.setattr(QuerySet, "update", database_away)

    assert run_due_jobs([Job("counter", 60, counter)], now=0) == ["counter"]
    assert calls == [1] and "Could not record the run of scheduled job counter" in caplog.text


@pytest.mark.django_db
def test_a_job_is_not_run_when_its_run_cannot_be_claimed(monkeypatch, caplog):
    from django.db import OperationalError
    from django.db.models import QuerySet

    def database_away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(QuerySet, "update", database_away)
    calls = []
    assert run_due_jobs([Job("counter", 60, lambda: calls.append(1))], now=0) == []
    assert calls == [] and "Could not claim the run of scheduled job counter" in caplog.text
    monkeypatch.undo()  # the database is back: the next tick runs it
    assert run_due_jobs([Job("counter", 60, lambda: calls.append(1))], now=1) == ["counter"] and calls == [1]


def _two_schedulers(calls: list[str]) -> tuple[list[Job], list[Job]]:
    """The same jobs as two scheduler processes hold them (each its own Job objects)."""

    def made(server: str) -> list[Job]:
        return [
            Job("publish", 60, lambda: calls.append(f"publish@{server}")),
            Job("backup", 60 * 60, lambda: calls.append(f"backup@{server}")),
        ]

    return made("a"), made("b")


@pytest.mark.django_db
def test_two_schedulers_run_each_due_job_once(time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC), tick=False)
    calls = []
    first, second = _two_schedulers(calls)
    assert run_due_jobs(first) == ["publish", "backup"]
    assert run_due_jobs(second) == []  # the same tick on the other machine: nothing left to run
    time_machine.shift(30)
    assert run_due_jobs(second) == [] and run_due_jobs(first) == []
    time_machine.shift(31)  # a minute on: publishing is due again, once, on whichever looks first
    assert run_due_jobs(second) == ["publish"] and run_due_jobs(first) == []
    time_machine.shift(60 * 60)
    assert run_due_jobs(first) == ["publish", "backup"] and run_due_jobs(second) == []
    assert calls == ["publish@a", "backup@a", "publish@b", "publish@a", "backup@a"]
    publish = JobRun.objects.get(name="publish")
    assert publish.claimed_until is None and publish.claimed_by == ""  # let go after each run
    assert publish.next_due_at == dt.datetime(2026, 12, 7, 2, 2, 1, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_a_run_claimed_by_a_scheduler_that_died_is_run_by_another_after_the_claim_lapses(time_machine):
    from portal.operations import scheduler

    start = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)
    time_machine.move_to(start, tick=False)
    calls = []
    first, second = _two_schedulers(calls)
    # The first scheduler claims the backup, then its machine is lost before the job ends.
    assert scheduler._claim(first[1], timezone.now()) is not None
    assert run_due_jobs(second) == ["publish"]
    time_machine.move_to(start + dt.timedelta(seconds=scheduler.CLAIM_SECONDS - 1), tick=False)
    assert run_due_jobs(second) == ["publish"]  # the claim still holds
    time_machine.move_to(start + dt.timedelta(seconds=scheduler.CLAIM_SECONDS), tick=False)
    assert run_due_jobs(second) == ["backup"]  # the claim lapsed: the other scheduler runs it
    assert calls[-1] == "backup@b" and JobRun.objects.get(name="backup").claimed_until is None


@pytest.mark.django_db
def test_a_long_job_keeps_its_claim_while_it_runs(time_machine):
    from portal.operations import scheduler

    start = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)
    time_machine.move_to(start, tick=False)
    job = Job("backup", 60 * 60, lambda: None)
    token = scheduler._claim(job, timezone.now())
    renewal = scheduler._renewing("backup", token)
    time_machine.shift(scheduler.CLAIM_SECONDS - 1)
    renewal.renew()  # what its thread does every third of CLAIM_SECONDS while the job runs
    time_machine.shift(2)  # past the first claim's end: still held
    assert run_due_jobs([Job("backup", 60 * 60, lambda: None)]) == []
    assert JobRun.objects.get(name="backup").claimed_by == token


@pytest.mark.django_db
def test_run_scheduler_runs_a_bounded_number_of_ticks(capsys):
    call_command("run_scheduler", "--ticks", "2", "--tick-seconds", "0")
    out = capsys.readouterr().out
    assert out.count("ran publish_scheduled") == 1  # the second tick finds it not due yet
    assert JobRun.objects.get(name="publish_scheduled").last_succeeded_at is not None


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
