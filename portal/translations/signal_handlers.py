"""Publishing, handled once for the translation queue, on commit so that a rolled-back publish does nothing.

A Vietnamese item of a category to translate gets its task; a Vietnamese original republished with
changes puts its English translation out of date; an English item published closes its task.
"""

from django.db import transaction
from wagtail.models import Page, Revision
from wagtail.signals import copy_for_translation_done, page_published

from . import services


def handle_page_published(page_id: int, revision_id: int | None) -> None:
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or not page.live:
        return
    language = page.locale.language_code
    if language == services.SOURCE_LANGUAGE:
        # The unit hears of the new task from the daily reminder (portal.core.scheduler), not at once.
        services.task_create_for_publication(page=page)
        revision = Revision.objects.filter(pk=revision_id).first() if revision_id else page.live_revision
        if revision is not None:
            services.baselines_check(original=page, revision=revision)
    elif language == services.TARGET_LANGUAGE:
        services.task_complete_for(english=page)


def _on_page_published(sender, instance, revision=None, **kwargs) -> None:
    page_id, revision_id = instance.pk, getattr(revision, "pk", None)
    transaction.on_commit(lambda: handle_page_published(page_id, revision_id))


def _on_copy_for_translation_done(sender, source_obj, target_obj, **kwargs) -> None:
    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        services.translation_linked(original=source_obj, english=target_obj)


page_published.connect(_on_page_published, dispatch_uid="translations-page-published")
copy_for_translation_done.connect(_on_copy_for_translation_done, dispatch_uid="translations-copy-done")
