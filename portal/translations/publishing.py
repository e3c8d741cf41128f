"""Publishing, handled once for the translation queue (registered in portal.core.publishing, which
runs it on commit: a rolled-back publish does nothing).

A Vietnamese item of a category to translate gets its task; a Vietnamese original republished with
changes puts its English translation out of date; an English item published closes its task.
"""

from wagtail.models import Page, Revision

from portal.core.publishing import PUBLISHED, Publication, on_publication

from . import services


@on_publication(PUBLISHED, order=20, name="translations")
def on_published(publication: Publication) -> None:
    if publication.alias:
        return  # an alias (an item carried to the province's portal) is translated where its source is
    handle_page_published(publication.page_id, publication.revision_id)


def handle_page_published(page_id: int, revision_id: int | None) -> None:
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or not page.live:
        return
    language = page.locale.language_code
    if language == services.SOURCE_LANGUAGE:
        # The unit hears of the new task from the daily reminder (its periodic job), not at once.
        services.task_create_for_publication(page=page)
        revision = Revision.objects.filter(pk=revision_id).first() if revision_id else page.live_revision
        if revision is not None:
            services.baselines_check(original=page, revision=revision)
    elif language == services.TARGET_LANGUAGE:
        services.task_complete_for(english=page)
