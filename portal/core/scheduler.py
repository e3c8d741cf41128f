"""Periodic jobs of the embedded default, so nothing needs cron: `manage.py run_scheduler`.

In production the same command runs as its own service (or each job from cron/systemd timers).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    every_seconds: int
    run: Callable[[], None]
    label: str = ""  # what the job does, as the operations panel names it
    next_run: float = 0.0


def shares_cache() -> bool:
    """True where the cache is one for every process (Redis), not each process's own memory."""
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def default_jobs() -> list[Job]:
    jobs = [
        # Wagtail publishes and expires scheduled pages (go-live and expiry dates).
        Job("publish_scheduled", 60, lambda: call_command("publish_scheduled"), _("scheduled publishing and expiry")),
        # New entries of the collected items' sources land in the inbox.
        Job("fetch_feeds", 30 * 60, lambda: call_command("fetch_feeds"), _("collecting items from the sources' feeds")),
        # Today's backup, if there is none yet; older ones beyond BACKUP_KEEP are removed.
        Job("daily_backup", 60 * 60, _daily_backup, _("daily backup")),
        # The plan's daily reminders, sent once a day at the time the secretariat set (or not at all).
        Job("plan_reminders", 60, lambda: call_command("send_plan_reminders"), _("the plan's daily reminders")),
        # Visits counted in the cache move into the database.
        Job("flush_visits", 5 * 60, lambda: call_command("flush_visits"), _("counting visits")),
        # The site administration fee of the month (royalties); charged once per month however often it runs.
        Job(
            "accrue_royalty_fee",
            60 * 60,
            lambda: call_command("accrue_royalty_fee"),
            _("the monthly site administration fee"),
        ),
        # Units hear of their open translations: owed, due today, overdue (each task once a day).
        Job(
            "translation_reminders",
            24 * 60 * 60,
            lambda: call_command("send_translation_reminders"),
            _("translation reminders"),
        ),
        # Each unit's staff hear of the online applications past their due date, once a day.
        Job(
            "send_overdue_alerts",
            24 * 60 * 60,
            lambda: call_command("send_overdue_alerts"),
            _("alerts on overdue applications"),
        ),
        # Private uploads a killed request left without their rows, a day after they were written.
        Job(
            "remove_orphan_files",
            24 * 60 * 60,
            lambda: call_command("remove_orphan_files"),
            _("removing uploads left without their rows"),
        ),
        # Citizens' questions: whoever holds one is reminded once a working day (the job skips the rest).
        Job(
            "send_question_reminders",
            60 * 60,
            lambda: call_command("send_question_reminders"),
            _("reminders on citizens' questions"),
        ),
        # The background task queue keeps a month of finished tasks; tasks a killed worker left go to failed.
        Job("prune_background_tasks", 24 * 60 * 60, _prune_background_tasks, _("clearing old background tasks")),
    ]
    if shares_cache():
        # The board's dashboard worked out within a minute of a publication, before anyone opens it
        # (in each process's own memory, the web servers would never see it).
        jobs.append(Job("warm_dashboard", 60, _warm_dashboards, _("working out the plan dashboard")))
    return jobs


def _warm_dashboards() -> None:
    from portal.planning.views import warm_dashboards

    warm_dashboards()


def _prune_background_tasks() -> None:
    from portal.core.task_backend import prune_tasks

    deleted, abandoned = prune_tasks()
    if deleted or abandoned:
        logger.info("Background tasks: %s old rows deleted, %s left by a stopped worker failed", deleted, abandoned)


def _daily_backup() -> None:
    from portal.operations.backups import daily_backup

    daily_backup()


def run_due_jobs(jobs: list[Job], now: float) -> list[str]:
    """Run every job whose time has come; a failing job is logged and retried next time. Each run
    is recorded (core.JobRun): the time it started, and its success or its error."""
    ran = []
    for job in jobs:
        if now < job.next_run:
            continue
        job.next_run = now + job.every_seconds
        started = timezone.now()
        try:
            job.run()
            ran.append(job.name)
            _record(job.name, last_started_at=started, last_succeeded_at=timezone.now())
        except Exception as error:
            logger.exception("Scheduled job %s failed", job.name)
            message = f"{type(error).__name__}: {error}"[:500]
            _record(job.name, last_started_at=started, last_failed_at=timezone.now(), last_error=message)
    return ran


def _record(name: str, **fields) -> None:
    from .models import JobRun

    try:
        JobRun.objects.update_or_create(name=name, defaults=fields)
    except DatabaseError:  # the database away: the job itself said so in the log; the next run records
        logger.warning("Could not record the run of scheduled job %s", name, exc_info=True)


def run_forever(jobs: list[Job], *, tick_seconds: float = 5.0) -> None:
    while True:
        run_due_jobs(jobs, time.monotonic())
        time.sleep(tick_seconds)
