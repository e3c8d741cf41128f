"""Periodic jobs of the embedded default, so nothing needs cron: `manage.py run_scheduler`.

The jobs registry: each app registers its jobs (`register_job(name, every_seconds, run, label=...,
order=...)`) in its AppConfig.ready; `default_jobs()` reads them (portal/operations/tests/test_scheduler.py
lists them all, with their times).

In production the same command runs as its own service, on as many machines as there are app
servers if need be: each due run of a job is claimed in the database (its operations.JobRun row: a
conditional update moves `next_due_at` on and sets `claimed_until`, which one scheduler alone can
win), so it runs once however many schedulers run; SQLite and PostgreSQL alike. While a job runs
its scheduler renews the claim; a claim left by a scheduler that died is taken again
CLAIM_SECONDS after its last renewal.
"""

import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# How long a claim holds without renewal: a scheduler renews its claim every third of it while the
# job runs, so only a scheduler that died (killed, machine lost) lets it lapse; another then runs
# the job. The one place this delay is stated.
CLAIM_SECONDS = 10 * 60


@dataclass
class Job:
    name: str
    every_seconds: int
    run: Callable[[], None]
    label: str = ""  # what the job does, as the operations panel names it


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


def run_due_jobs(jobs: list[Job], now: float | None = None) -> list[str]:
    """Run every job whose time has come and that this scheduler claims (`now`: seconds since the
    epoch, the clock's by default); a failing job is logged and retried when next due. Each run is
    recorded (operations.JobRun): the time it started, and its success or its error."""
    moment = timezone.now() if now is None else dt.datetime.fromtimestamp(now, tz=dt.UTC)
    ran = []
    for job in _due(jobs, moment):
        token = _claim(job, moment)
        if token is None:
            continue
        try:
            with _renewing(job.name, token):
                job.run()
            ran.append(job.name)
            _record(job.name, token, last_succeeded_at=timezone.now())
        except Exception as error:
            logger.exception("Scheduled job %s failed", job.name)
            message = f"{type(error).__name__}: {error}"[:500]
            _record(job.name, token, last_failed_at=timezone.now(), last_error=message)
    return ran


def _due(jobs: list[Job], moment: dt.datetime) -> list[Job]:
    """The jobs that may be due at `moment`, read in one query (their claim decides)."""
    from .models import JobRun

    try:
        rows = {row.name: row for row in JobRun.objects.filter(name__in=[job.name for job in jobs])}
    except DatabaseError:
        logger.warning("Could not read the scheduled jobs' runs", exc_info=True)
        return []
    due = []
    for job in jobs:
        row = rows.get(job.name)
        if row is None:
            due.append(job)
        elif row.claimed_until is not None:
            if row.claimed_until <= moment:  # its scheduler died while it ran
                due.append(job)
        elif row.next_due_at is None or row.next_due_at <= moment:
            due.append(job)
    return due


def _claim(job: Job, moment: dt.datetime) -> str | None:
    """Claim the run of `job` due at `moment`; the claim's token, or None if another scheduler has it."""
    from .models import JobRun

    token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    free = Q(claimed_until__isnull=True) & (Q(next_due_at__isnull=True) | Q(next_due_at__lte=moment))
    try:
        if not JobRun.objects.filter(name=job.name).exists():
            try:
                with transaction.atomic():  # a savepoint, where the caller holds a transaction
                    JobRun.objects.create(name=job.name)
            except IntegrityError:  # another scheduler made it first: the update below decides
                pass
        claimed = JobRun.objects.filter(Q(name=job.name) & (free | Q(claimed_until__lte=moment))).update(
            next_due_at=moment + dt.timedelta(seconds=job.every_seconds),
            claimed_until=moment + dt.timedelta(seconds=CLAIM_SECONDS),
            claimed_by=token[:200],
            last_started_at=timezone.now(),
        )
    except DatabaseError:  # the database away: nothing is claimed, nothing runs; the next tick tries again
        logger.warning("Could not claim the run of scheduled job %s", job.name, exc_info=True)
        return None
    return token if claimed else None


class _renewing:
    """While the job runs, its claim is renewed every third of CLAIM_SECONDS (from a thread of its
    own, with its own database connection)."""

    def __init__(self, name: str, token: str):
        self.name, self.token = name, token
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._renew, name=f"claim-{name}", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        self.thread.join()
        return False

    def _renew(self) -> None:
        try:
            while not self.stop.wait(CLAIM_SECONDS / 3):
                self.renew()
        finally:
            connection.close()

    def renew(self) -> None:
        from .models import JobRun

        until = timezone.now() + dt.timedelta(seconds=CLAIM_SECONDS)
        try:
            JobRun.objects.filter(name=self.name, claimed_by=self.token).update(claimed_until=until)
        except DatabaseError:
            logger.warning("Could not renew the claim of scheduled job %s", self.name, exc_info=True)


def _record(name: str, token: str, **fields) -> None:
    """The run's outcome; the claim let go if it is still this scheduler's."""
    from .models import JobRun

    try:
        JobRun.objects.filter(name=name).update(**fields)
        JobRun.objects.filter(name=name, claimed_by=token).update(claimed_until=None, claimed_by="")
    except DatabaseError:  # the database away: the job itself said so in the log; the claim lapses
        logger.warning("Could not record the run of scheduled job %s", name, exc_info=True)


def run_ticks(
    jobs: list[Job],
    *,
    ticks: int | None = None,
    tick_seconds: float = 5.0,
    each_tick: Callable[[list[str]], None] | None = None,
) -> None:
    """Run the due jobs every `tick_seconds`: `ticks` times, or for ever (None)."""
    done = 0
    while ticks is None or done < ticks:
        ran = run_due_jobs(jobs)
        if each_tick is not None:
            each_tick(ran)
        done += 1
        if ticks is None or done < ticks:
            time.sleep(tick_seconds)
