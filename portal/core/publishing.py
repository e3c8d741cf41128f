"""Every consequence of publishing, in one registry: what happens, in which order, when a page is
published, unpublished, moved or deleted, or a record shown on public pages changes.

Apps register their handlers in their AppConfig.ready (most through a `publishing.py` module that
ready imports); this module holds the ONE set of receivers of Wagtail's and Django's signals, and
imports no other portal app (core is the kernel the others build on).

    @on_publication(PUBLISHED, UNPUBLISHED, order=10, name="royalties")
    def royalties(publication: Publication) -> None: ...

How the handlers run:

- On commit only (``transaction.on_commit``): a publication that rolls back has no consequence.
- In their stated order (``order``, then ``name``), one event after the other as the signals came.
- Each isolated: it runs in its own transaction; if it fails, its writes are rolled back, the error
  is logged (logger ``portal.core.publishing``) and the handlers after it still run. Nothing is
  retried: each handler is idempotent or re-done by a command (royalties' `record_published_royalties`).
- Registering the same (event, name) again replaces the handler, so a module imported twice does
  not run it twice.

`registered()` lists them all; `portal/core/tests/test_publishing.py` pins that list. Today's:

======================  =====  ==============  ==============================================
event                   order  name            what it does
======================  =====  ==============  ==============================================
published               10     royalties       the ledger's entries of the work (royalties)
published               20     translations    the translation task, baselines (translations)
published/unpublished/  80     page-cache      anonymous visitors' cached pages, menus and RSS
moved/deleted/changed                          feeds are rendered afresh (core.page_cache)
published/unpublished/  90     dashboard       the plan dashboard's figures are worked out again
moved/deleted                                  (planning; last: it reads what the others wrote)
unpublished             10     royalties       the work's unpaid entries are voided
======================  =====  ==============  ==============================================

Wagtail's search index needs no handler: Wagtail updates it when a page is saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

PUBLISHED = "published"  # a page's revision went live (also an alias following its original)
UNPUBLISHED = "unpublished"  # a live page was taken off the site
MOVED = "moved"  # a page's address changed: moved or reordered in the tree, or its slug changed
DELETED = "deleted"  # a page was deleted (each page of a deleted subtree)
CHANGED = "changed"  # a record shown on public pages (an image, a leader, a procedure...) saved or deleted
EVENTS = (PUBLISHED, UNPUBLISHED, MOVED, DELETED, CHANGED)
PAGE_EVENTS = (PUBLISHED, UNPUBLISHED, MOVED, DELETED)


@dataclass(frozen=True)
class Publication:
    """What happened, as handed to every handler of the event."""

    event: str
    page: Page | None = None  # the page as the signal carried it (specific; after DELETED, no longer stored)
    revision_id: int | None = None  # PUBLISHED: the revision that went live
    alias: bool = False  # the page is an alias of another: it shows a work published elsewhere
    was_live: bool = True  # DELETED: whether the page was on the public site
    instance: object | None = None  # CHANGED: the record saved or deleted

    @property
    def page_id(self) -> int | None:
        return self.page.pk if self.page is not None else None


Handler = Callable[[Publication], None]


@dataclass(frozen=True)
class Registration:
    event: str
    order: int
    name: str
    handler: Handler

    @property
    def where(self) -> str:
        return f"{self.handler.__module__}.{self.handler.__qualname__}"


_registry: dict[tuple[str, str], Registration] = {}


def register(event: str, handler: Handler, *, order: int, name: str) -> None:
    """Run `handler(publication)` on commit of each `event`, after the handlers of lower `order`."""
    if event not in EVENTS:
        raise ValueError(f"Unknown publishing event {event!r}: one of {', '.join(EVENTS)}")
    _registry[(event, name)] = Registration(event=event, order=order, name=name, handler=handler)


def on_publication(*events: str, order: int, name: str) -> Callable[[Handler], Handler]:
    """Decorator: `register` the function for each of `events`."""

    def decorate(handler: Handler) -> Handler:
        for event in events:
            register(event, handler, order=order, name=name)
        return handler

    return decorate


def unregister(event: str, name: str) -> None:
    _registry.pop((event, name), None)


def registered(event: str | None = None) -> list[Registration]:
    """The handlers of `event` (or of every event), in the order they run."""
    chosen = (entry for entry in _registry.values() if event is None or entry.event == event)
    return sorted(chosen, key=lambda entry: (EVENTS.index(entry.event), entry.order, entry.name))


def run_handlers(publication: Publication) -> list[str]:
    """Run the event's handlers now, each in its own transaction; a failing one is logged and the
    others still run. Returns the names of those that succeeded."""
    done = []
    for entry in registered(publication.event):
        try:
            with transaction.atomic():
                entry.handler(publication)
        except Exception:
            logger.exception(
                "Publishing handler %s (%s) failed for %s of page %s",
                entry.name,
                entry.where,
                publication.event,
                publication.page_id,
            )
            continue
        done.append(entry.name)
    return done


def announce(publication: Publication) -> None:
    """Run the event's handlers once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(run_handlers, publication))


def public_change(instance: object | None = None) -> None:
    """Something public pages show changed outside a page (a moderated comment...): on commit,
    the handlers of CHANGED run."""
    announce(Publication(event=CHANGED, instance=instance))


# The receivers: the only place Wagtail's page signals are answered.


def _on_published(sender, instance, revision=None, **kwargs) -> None:
    alias = bool(kwargs.get("alias") or instance.alias_of_id)
    announce(Publication(event=PUBLISHED, page=instance, revision_id=getattr(revision, "pk", None), alias=alias))


def _on_unpublished(sender, instance, **kwargs) -> None:
    announce(Publication(event=UNPUBLISHED, page=instance, alias=bool(instance.alias_of_id)))


def _on_moved(sender, instance, **kwargs) -> None:
    announce(Publication(event=MOVED, page=instance, alias=bool(instance.alias_of_id)))


def _on_deleted(sender, instance, **kwargs) -> None:
    # Deleting a page sends post_delete for each of its classes (its own and Page): the one of its
    # own class speaks for it. Listening to every sender also hears the pages of a deleted subtree.
    if not isinstance(instance, Page) or type(instance) is not (instance.specific_class or Page):
        return
    announce(Publication(event=DELETED, page=instance, alias=bool(instance.alias_of_id), was_live=instance.live))


def _on_public_record_changed(sender, instance, **kwargs) -> None:
    public_change(instance)


page_published.connect(_on_published, dispatch_uid="publishing-published")
page_unpublished.connect(_on_unpublished, dispatch_uid="publishing-unpublished")
post_page_move.connect(_on_moved, dispatch_uid="publishing-moved")
page_slug_changed.connect(_on_moved, dispatch_uid="publishing-slug-changed")
post_delete.connect(_on_deleted, dispatch_uid="publishing-deleted")


_public_models: dict[str, type] = {}


def shown_publicly(*models: type) -> None:
    """Saving or deleting a row of `models` is a CHANGED event: public pages show these records."""
    for model in models:
        label = model._meta.label
        _public_models[label] = model
        post_save.connect(_on_public_record_changed, sender=model, dispatch_uid=f"publishing-save-{label}")
        post_delete.connect(_on_public_record_changed, sender=model, dispatch_uid=f"publishing-delete-{label}")


def public_models() -> list[str]:
    """The labels of the models registered with `shown_publicly`, sorted."""
    return sorted(_public_models)
