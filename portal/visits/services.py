"""Counting visits without a database write per request.

Each process adds up its visits in memory (a dict under a lock); every PUSH_SECONDS it adds
them to the shared cache (`cache.incr`, atomic on Redis); the scheduler job `flush_visits`
moves the cache's counts into the database (read, then `decr` by what was read, so visits
counted meanwhile stay for the next run). Where the cache is local to the process (the
embedded default's local memory, which the scheduler's process cannot see), the serving
process flushes into the database itself, at most every LOCAL_FLUSH_SECONDS.

The flush finds a day's pages through a numbered list that any number of processes may add to
at once, with atomic operations only: the first process to see a page registers it
(`cache.add` of the page's "known" key succeeds for one process alone), takes the next number
(`cache.incr` of the day's counter) and writes the page's address under it; the flush reads the
counter and the numbered addresses (`get_many`). A page's count is in the cache before its
registration, so an address the flush does not see yet keeps its count for the next run.

Each site counts its own visits: a visit is recorded with the host it was asked on, its address
registered as host and path, and the flush gives the host's counts to the site that serves that host
(the default site for any other, as Wagtail serves it). Counts recorded without a host (as before
sites were told apart) are the default site's.

A process that stops loses at most its last PUSH_SECONDS of counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections import Counter

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from .models import DailyVisits, PageVisits
from .privacy import is_private_path

PUSH_SECONDS = 10
LOCAL_FLUSH_SECONDS = 60
DAYS_KEPT_IN_CACHE = 3  # the flush looks at today and the two days before
CACHE_TIMEOUT = 7 * 24 * 60 * 60
MAX_PATH_LENGTH = 255

_lock = threading.Lock()
_pending: Counter[tuple[dt.date, str, str]] = Counter()  # (day, host, path)
_last_push = time.monotonic()
_last_local_flush = time.monotonic()


def _total_key(day: dt.date, host: str = "") -> str:
    # Without a host: the key the counts had before sites were told apart (the default site's).
    return f"visits:{day.isoformat()}:total" + (f":{host}" if host else "")


def _address(host: str, path: str) -> str:
    """What the registry keeps for a page: its host and path (a path alone: the default site's)."""
    return f"{host}{path}" if host else path


def _split(address: str) -> tuple[str, str]:
    if address.startswith("/"):
        return "", address
    host, _slash, rest = address.partition("/")
    return host, "/" + rest


def _page_key(day: dt.date, path: str) -> str:
    return f"visits:{day.isoformat()}:page:{_sha(path)}"


def _sha(path: str) -> str:
    return hashlib.sha1(path.encode()).hexdigest()


def _known_key(day: dt.date, path: str) -> str:
    return f"visits:{day.isoformat()}:known:{_sha(path)}"


def _path_count_key(day: dt.date) -> str:
    return f"visits:{day.isoformat()}:path-count"


def _path_key(day: dt.date, number: int) -> str:
    return f"visits:{day.isoformat()}:path:{number}"


def _old_paths_key(day: dt.date) -> str:
    """The set of a day's pages written by a process before the numbered list (read by the flush only)."""
    return f"visits:{day.isoformat()}:paths"


def cache_is_shared() -> bool:
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def record_visit(path: str, *, host: str = "", day: dt.date | None = None) -> None:
    """Count one page view of `host` (the request's host name, without port) in memory; push to the cache
    now and then."""
    global _last_push
    day = day or timezone.localdate()
    now = time.monotonic()
    host = host.lower().strip("/")
    with _lock:
        _pending[(day, host, path[:MAX_PATH_LENGTH])] += 1
        due = now - _last_push >= PUSH_SECONDS
        if due:
            _last_push = now
    if due:
        push_pending()


def _incr(key: str, amount: int) -> None:
    if not cache.add(key, amount, CACHE_TIMEOUT):
        try:
            cache.incr(key, amount)
        except ValueError:  # expired between add and incr
            cache.add(key, amount, CACHE_TIMEOUT)


def _register(day: dt.date, path: str) -> None:
    """Add `path` to the day's numbered list of pages, once, whatever other processes do meanwhile."""
    if not cache.add(_known_key(day, path), 1, CACHE_TIMEOUT):
        return  # registered already, by this process or another
    counter = _path_count_key(day)
    cache.add(counter, 0, CACHE_TIMEOUT)
    try:
        number = cache.incr(counter)
    except ValueError:  # expired between add and incr
        number = 1 if cache.add(counter, 1, CACHE_TIMEOUT) else cache.incr(counter)
    cache.set(_path_key(day, number), path, CACHE_TIMEOUT)


def push_pending() -> None:
    """Add this process's counts to the shared cache (and, with a local cache, to the database now and then)."""
    global _pending, _last_local_flush
    with _lock:
        counts, _pending = _pending, Counter()
    for (day, host, path), amount in counts.items():
        address = _address(host, path)
        _incr(_total_key(day, host), amount)
        _incr(_page_key(day, address), amount)  # counted first: the flush may see the address any time after
        _register(day, address)
    if not cache_is_shared() and time.monotonic() - _last_local_flush >= LOCAL_FLUSH_SECONDS:
        _last_local_flush = time.monotonic()
        flush_visits()


def _take(key: str) -> int:
    """What the cache holds under `key`, taken out of it (visits added meanwhile stay)."""
    amount = cache.get(key) or 0
    if amount:
        try:
            cache.decr(key, amount)
        except ValueError:
            pass
    return amount


def _paths(day: dt.date) -> list[str]:
    """The day's registered pages, as the flush sees them."""
    count = cache.get(_path_count_key(day)) or 0
    paths = set(cache.get(_old_paths_key(day)) or ())
    for start in range(1, count + 1, 500):
        keys = [_path_key(day, number) for number in range(start, min(start + 500, count + 1))]
        paths.update(cache.get_many(keys).values())
    return sorted(paths)


def _site_ids() -> tuple[dict[str, int], int | None]:
    """{host name: site id} and the default site's id: whose counts a host's are."""
    from portal.core.models import default_site

    default = default_site()
    return dict(Site.objects.values_list("hostname", "pk")), default.pk if default else None


def flush_visits(*, today: dt.date | None = None) -> int:
    """Move the counts of the last few days from the cache into the database, each to the site its host
    is; returns the views moved."""
    today = today or timezone.localdate()
    moved = 0
    sites, default_site_id = _site_ids()
    if default_site_id is None:
        return 0  # nothing to count against before the first site exists
    for offset in range(DAYS_KEPT_IN_CACHE):
        day = today - dt.timedelta(days=offset)
        by_host: dict[str, dict[str, int]] = {"": {}}  # the host-less counts are looked at always
        for address in _paths(day):
            host, path = _split(address)
            by_host.setdefault(host, {})[path] = _take(_page_key(day, address))
        for host, found in by_host.items():
            total = _take(_total_key(day, host))
            pages = {path: amount for path, amount in found.items() if amount}
            for path in [path for path in pages if is_private_path(path)]:  # counted before the rule was kept
                total = max(total - pages.pop(path), 0)
            if not total and not pages:
                continue
            site_id = sites.get(host, default_site_id)
            with transaction.atomic():
                if total:
                    DailyVisits.objects.get_or_create(site_id=site_id, day=day)
                    DailyVisits.objects.filter(site_id=site_id, day=day).update(views=F("views") + total)
                for path, amount in pages.items():
                    PageVisits.objects.get_or_create(site_id=site_id, day=day, path=path)
                    PageVisits.objects.filter(site_id=site_id, day=day, path=path).update(views=F("views") + amount)
            moved += total
    return moved


def flush_everything() -> int:
    """This process's pending counts, then the cache's, into the database (the scheduler job, tests)."""
    push_pending()
    return flush_visits()


def forget_private_addresses(*, daily_model=DailyVisits, page_model=PageVisits) -> int:
    """Delete the counts of addresses that carry a secret, and take them out of the day's total.

    Run once by a data migration, for the visits counted before such addresses were left out;
    returns the page views removed.
    """
    removed = 0
    private = [path for path in page_model.objects.values_list("path", flat=True).distinct() if is_private_path(path)]
    with transaction.atomic():
        for chunk in range(0, len(private), 500):
            rows = page_model.objects.filter(path__in=private[chunk : chunk + 500])
            per_day: Counter[dt.date] = Counter()
            for day, views in rows.values_list("day", "views"):
                per_day[day] += views
            for day, views in per_day.items():
                daily = daily_model.objects.filter(day=day).first()
                if daily is not None:
                    daily.views = max(daily.views - views, 0)
                    daily.save(update_fields=["views"])
                removed += views
            rows.delete()
    return removed
