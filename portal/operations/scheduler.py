"""Periodic jobs of the embedded default, so nothing needs cron: `manage.py run_scheduler`.

The jobs registry: each app registers its jobs (`register_job(name, every_seconds, run, label=...,
order=...)`) in its AppConfig.ready; `default_jobs()` reads them (portal/operations/tests/test_scheduler.py
lists them all, with their times).

In production the same command runs as its own service (or each job from cron/systemd timers).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone

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


@dataclass(frozen=True)
class JobSpec:
    """A periodic job as an app registers it; `default_jobs` makes a fresh Job of it for each scheduler."""

    name: str
    every_seconds: int
    run: Callable[[], None]
    label: str
    order: int
    when: Callable[[], bool] | None = None  # registered, but scheduled only where this says so


_registry: dict[str, JobSpec] = {}


def register_job(
    name: str,
    every_seconds: int,
    run: Callable[[], None] | str,
    *,
    label: str,
    order: int,
    when: Callable[[], bool] | None = None,
) -> None:
    """Schedule `run` (a function, or the name of a management command) every `every_seconds`.

    Each app registers its own jobs in its AppConfig.ready, so the scheduler lists no app; jobs run
    in `order` at each tick. Registering a name again replaces the job.
    """
    if isinstance(run, str):
        run = partial(call_command, run)
    _registry[name] = JobSpec(name=name, every_seconds=every_seconds, run=run, label=label, order=order, when=when)


def registered_jobs() -> list[JobSpec]:
    return sorted(_registry.values(), key=lambda spec: (spec.order, spec.name))


def default_jobs() -> list[Job]:
    """The registered jobs this installation runs (`manage.py run_scheduler`), each not yet run."""
    return [
        Job(spec.name, spec.every_seconds, spec.run, spec.label)
        for spec in registered_jobs()
        if spec.when is None or spec.when()
    ]


def run_due_jobs(jobs: list[Job], now: float) -> list[str]:
    """Run every job whose time has come; a failing job is logged and retried next time. Each run
    is recorded (operations.JobRun): the time it started, and its success or its error."""
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
