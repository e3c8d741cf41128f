"""Domain events of the public site handled in one place: a change the public sees clears the page cache."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .models import AgencySettings, WorkingDayChange
from .page_cache import bump_generation
from .workdays import forget_calendar


def _clear_page_cache_on_commit(**kwargs) -> None:
    transaction.on_commit(bump_generation)


def _clear_page_cache_if_page_deleted(instance, **kwargs) -> None:
    # Deleting a page fires post_delete for its concrete class, so listen to all senders.
    if isinstance(instance, Page) and instance.live:
        transaction.on_commit(bump_generation)


page_published.connect(_clear_page_cache_on_commit, dispatch_uid="page-cache-published")
page_unpublished.connect(_clear_page_cache_on_commit, dispatch_uid="page-cache-unpublished")
page_slug_changed.connect(_clear_page_cache_on_commit, dispatch_uid="page-cache-slug")
post_page_move.connect(_clear_page_cache_on_commit, dispatch_uid="page-cache-move")
post_delete.connect(_clear_page_cache_if_page_deleted, dispatch_uid="page-cache-page-deleted")
for _model in (get_image_model(), get_document_model(), AgencySettings):
    post_save.connect(_clear_page_cache_on_commit, sender=_model, dispatch_uid=f"page-cache-save-{_model.__name__}")
    post_delete.connect(_clear_page_cache_on_commit, sender=_model, dispatch_uid=f"page-cache-del-{_model.__name__}")


def _forget_working_day_calendar(**kwargs) -> None:
    # Immediately, and again on commit, so that no calendar read inside the transaction survives it.
    forget_calendar()
    transaction.on_commit(forget_calendar)


post_save.connect(_forget_working_day_calendar, sender=WorkingDayChange, dispatch_uid="workdays-change-saved")
post_delete.connect(_forget_working_day_calendar, sender=WorkingDayChange, dispatch_uid="workdays-change-deleted")
