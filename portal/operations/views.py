"""The health endpoint a load balancer or monitor asks: database, cache and file storage, each checked.

Home-made rather than django-health-check: its releases since 4.9 need Python 3.14 (the portal runs
3.11), and the last one for 3.11 answers 500 with its own JSON, where monitors read the README's 503
and body ({"status", "checks": {name: {"ok", "ms"}}, "background"}): keeping those would override
its view's status and rendering, leaving it only the three checks below, a few lines each.
"""

import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _check_storage() -> None:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as stored:
            if stored.read() != b"ok":
                raise RuntimeError("the storage did not return what was written")
    finally:
        default_storage.delete(name)


CHECKS = {"database": _check_database, "cache": _check_cache, "storage": _check_storage}


def _background() -> dict:
    """Whether the scheduler runs and the daily backup is fresh: reported for a monitor, but not
    what a load balancer should take a web server out of service for (unless it asks, ?background=1)."""
    from . import status

    try:
        scheduler, backup = status.scheduler_status(), status.backup_status()
    except (DatabaseError, OSError):  # the database or the backup folder away: the checks above say which
        return {"scheduler": {"ok": False}, "backup": {"ok": False}}
    return {
        "scheduler": {
            "ok": scheduler.running and not scheduler.failing,
            "last_seen": scheduler.last_seen.isoformat() if scheduler.last_seen else None,
            "failing_jobs": len(scheduler.failing),
        },
        "backup": {"ok": not backup.stale, "newest": backup.taken_at.isoformat() if backup.taken_at else None},
    }


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 with each check's time when all pass; 503 naming what failed (never the error's details).

    `background` says whether the scheduler runs (and no job's last run failed) and the newest backup
    is less than 26 hours old; it changes the status only with ?background=1, for a monitor that
    reads nothing but the status code."""
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
            results[name] = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
        except Exception:  # any failure of a dependency is what this endpoint reports
            healthy = False
            results[name] = {"ok": False}
    background = _background()
    if request.GET.get("background") == "1" and not all(part["ok"] for part in background.values()):
        healthy = False
    body = {"status": "ok" if healthy else "failing", "checks": results, "background": background}
    return JsonResponse(body, status=200 if healthy else 503)
