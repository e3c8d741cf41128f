"""What a public page would otherwise work out several times per request, worked out once.

Two layers, both forgotten when something the public sees changes:

- `remember(key, compute)`: kept for the current request only (started and ended by Django's
  `request_started` / `request_finished`); outside a request (commands, the scheduler, a test
  calling a model method) nothing is kept and `compute` runs each time. The view restrictions are
  kept so: Wagtail's `.public()` reads every restriction again each time it is called (nine times
  for the home page).
- `per_publication(key, compute)`: kept in the shared cache under the page cache's generation,
  which the "page-cache" handler of portal.core.publishing bumps on every publication,
  unpublication, move, deletion and change of a record shown publicly (view restrictions and
  sites among them). What is kept so is what the page cache would serve an anonymous visitor
  anyway: it is never staler than the page cache. `PUBLICATION_CACHE_SECONDS` 0 turns it off
  (the test settings: tests publish inside transactions, whose on-commit handlers never run).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

from .tree import any_subtree_q

T = TypeVar("T")
_memo: ContextVar[dict | None] = ContextVar("portal_per_request", default=None)
_MISSING = object()


def remember(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, once per request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    value = memo.get(key, _MISSING)
    if value is _MISSING:
        value = memo[key] = compute()
    return value


def forget(key: str) -> None:
    """The request's `key` is worked out again when next asked (it changed during the request)."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


def _request_started(**kwargs) -> None:
    _memo.set({})


def _request_finished(**kwargs) -> None:
    _memo.set(None)


request_started.connect(_request_started, dispatch_uid="portal-per-request-start")
request_finished.connect(_request_finished, dispatch_uid="portal-per-request-end")


def per_publication(key: str, compute: Callable[[], T], *, keep: Callable[[T], bool] | None = None) -> T:
    """`compute()`, kept in the shared cache until the next publication (see the module's text);
    only if `keep(value)`, when given."""
    seconds = settings.PUBLICATION_CACHE_SECONDS
    if not seconds:
        return compute()
    from .page_cache import current_generation  # page_cache imports this module

    full_key = f"portal:publication:{current_generation()}:{key}"
    kept = cache.get(full_key)
    if kept is None:
        kept = (compute(),)  # in a tuple: None is a value too (no site, no translation)
        if keep is None or keep(kept[0]):
            cache.set(full_key, kept, seconds)
    return kept[0]


# View restrictions


RESTRICTED_PATHS = "restricted-paths"


def restricted_paths() -> tuple[str, ...]:
    """The paths of the pages with a view restriction (each closes its whole subtree), once per request."""
    return remember(
        RESTRICTED_PATHS,
        lambda: tuple(PageViewRestriction.objects.order_by("page__path").values_list("page__path", flat=True)),
    )


def public_q() -> Q:
    """What Wagtail's `.public()` filters on (no page in a restricted subtree), with the restrictions
    read once per request, and each subtree as a range of paths (portal.core.tree)."""
    paths = restricted_paths()
    return ~any_subtree_q(paths) if paths else Q()


def _restrictions_changed(**kwargs) -> None:
    forget(RESTRICTED_PATHS)


post_save.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="per-request-restriction-saved")
post_delete.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="per-request-restriction-deleted")
