"""Is the portal looked after? The newest backup, the scheduler's last signs of life, the periodic
jobs that keep failing and the server errors of the last weeks: what the administrator's panel and
/health/ show, worked out here once for both."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from portal.core.tree import local_date

from .backups import STAMP, backups_in
from .models import Incident, JobRun
from .scheduler import Job, default_jobs

# A daily backup is made within the hour after midnight: older than this, a day was missed.
BACKUP_STALE_AFTER = dt.timedelta(hours=26)
# The scheduler starts a job every minute (scheduled publishing): quiet this long, it is not running.
SCHEDULER_QUIET_AFTER = dt.timedelta(minutes=5)
INCIDENT_DAYS = 30


@dataclass(frozen=True)
class BackupStatus:
    daily: bool  # the scheduler makes them (BACKUP_DAILY); off where the hosting takes backups
    taken_at: dt.datetime | None
    size_bytes: int
    count: int
    stale: bool


@dataclass(frozen=True)
class FailingJob:
    label: str
    failed_at: dt.datetime
    error: str


@dataclass(frozen=True)
class SchedulerStatus:
    last_seen: dt.datetime | None
    running: bool
    failing: list[FailingJob] = field(default_factory=list)


def backup_status(*, root: Path | None = None, now: dt.datetime | None = None) -> BackupStatus:
    now = now or timezone.now()
    dated = [
        (taken_at, folder)
        for folder in backups_in(Path(root or settings.BACKUP_ROOT))
        if (taken_at := _taken_at(folder))
    ]
    if not dated:
        return BackupStatus(settings.BACKUP_DAILY, None, 0, 0, stale=settings.BACKUP_DAILY)
    taken_at, newest = max(dated)
    size = sum(path.stat().st_size for path in newest.iterdir() if path.is_file())
    stale = settings.BACKUP_DAILY and now - taken_at > BACKUP_STALE_AFTER
    return BackupStatus(settings.BACKUP_DAILY, taken_at, size, len(dated), stale)


def _taken_at(folder: Path) -> dt.datetime | None:
    """When a backup was made, from its name; None for a folder someone named otherwise (a copy)."""
    try:
        return timezone.make_aware(dt.datetime.strptime(folder.name, STAMP))
    except ValueError:
        return None


def scheduler_status(*, now: dt.datetime | None = None, jobs: list[Job] | None = None) -> SchedulerStatus:
    now = now or timezone.now()
    labels = {job.name: str(job.label or job.name) for job in (default_jobs() if jobs is None else jobs)}
    runs = list(JobRun.objects.filter(name__in=labels))
    last_seen = max((run.last_started_at for run in runs if run.last_started_at), default=None)
    failing = [
        FailingJob(labels[run.name], run.last_failed_at, run.last_error)
        for run in sorted(runs, key=lambda run: run.name)
        if run.failing
    ]
    running = last_seen is not None and now - last_seen <= SCHEDULER_QUIET_AFTER
    return SchedulerStatus(last_seen, running, failing)


def incidents_per_day(*, days: int = INCIDENT_DAYS, today: dt.date | None = None) -> list[tuple[dt.date, int]]:
    """Server errors recorded each local day of the last `days`, oldest first (days without any: 0)."""
    zone = timezone.get_current_timezone()
    today = today or timezone.localdate()
    first = today - dt.timedelta(days=days - 1)
    since = timezone.make_aware(dt.datetime.combine(first, dt.time.min), zone)
    counts = dict(
        Incident.objects.filter(occurred_at__gte=since)
        .order_by()
        .annotate(day=local_date("occurred_at", zone=zone, start=first, end=today))
        .values_list("day")
        .annotate(count=Count("pk"))
    )
    return [(day, counts.get(day, 0)) for day in (first + dt.timedelta(days=n) for n in range(days))]
