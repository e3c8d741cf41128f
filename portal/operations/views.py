"""The health endpoint a load balancer or monitor asks: database, cache and file storage, each checked."""

import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
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


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 with each check's time when all pass; 503 naming what failed (never the error's details)."""
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
            results[name] = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
        except Exception:  # any failure of a dependency is what this endpoint reports
            healthy = False
            results[name] = {"ok": False}
    return JsonResponse({"status": "ok" if healthy else "failing", "checks": results}, status=200 if healthy else 503)
