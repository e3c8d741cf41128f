"""Periodic jobs of the embedded default, so nothing needs cron: `manage.py run_scheduler`.

In production the same command runs as its own service (or each job from cron/systemd timers).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command

logger = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    every_seconds: int
    run: Callable[[], None]
    next_run: float = 0.0


def default_jobs() -> list[Job]:
    return [
        # Wagtail publishes and expires scheduled pages (go-live and expiry dates).
        Job("publish_scheduled", 60, lambda: call_command("publish_scheduled")),
        # New entries of the collected items' sources land in the inbox.
        Job("fetch_feeds", 30 * 60, lambda: call_command("fetch_feeds")),
        # Citizens' questions: whoever holds one is reminded once a working day (the job skips the rest).
        Job("send_question_reminders", 60 * 60, lambda: call_command("send_question_reminders")),
    ]


def run_due_jobs(jobs: list[Job], now: float) -> list[str]:
    """Run every job whose time has come; a failing job is logged and retried next time."""
    ran = []
    for job in jobs:
        if now < job.next_run:
            continue
        job.next_run = now + job.every_seconds
        try:
            job.run()
            ran.append(job.name)
        except Exception:
            logger.exception("Scheduled job %s failed", job.name)
    return ran


def run_forever(jobs: list[Job], *, tick_seconds: float = 5.0) -> None:
    while True:
        run_due_jobs(jobs, time.monotonic())
        time.sleep(tick_seconds)
