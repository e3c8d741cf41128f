"""Core's consequences of publishing (registered in portal.core.publishing) and the calendar's own signals."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site

from . import publishing
from .models import AgencySettings, WorkingDayChange
from .page_cache import bump_generation
from .workdays import forget_calendar


@publishing.on_publication(*publishing.PAGE_EVENTS, publishing.CHANGED, order=80, name="page-cache")
def clear_page_cache(publication: publishing.Publication) -> None:
    """Anonymous visitors' cached pages (menus and RSS feeds among them) are rendered afresh.
    After the handlers that write records, so that a page rendered meanwhile is not kept stale."""
    if publication.event == publishing.DELETED and not publication.was_live:
        return  # a draft the public never saw
    bump_generation()


# Images, documents and the agency's settings appear on public pages; a view restriction takes
# pages off them, and a site decides which home a host shows (both kept per publication: core.per_request).
publishing.shown_publicly(get_image_model(), get_document_model(), AgencySettings, PageViewRestriction, Site)


def _forget_working_day_calendar(**kwargs) -> None:
    # Immediately, and again on commit, so that no calendar read inside the transaction survives it.
    forget_calendar()
    transaction.on_commit(forget_calendar)


post_save.connect(_forget_working_day_calendar, sender=WorkingDayChange, dispatch_uid="workdays-change-saved")
post_delete.connect(_forget_working_day_calendar, sender=WorkingDayChange, dispatch_uid="workdays-change-deleted")
