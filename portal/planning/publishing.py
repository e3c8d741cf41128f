"""The plan dashboard's figures after a publication (registered in portal.core.publishing).

The dashboard keeps its figures in the cache under its own generation: a publication, an
unpublication, a move or the deletion of a live page changes the counts, so the next view (or the
scheduler's `warm_dashboard` job) works them out again. Plans and anniversaries have their own
generation (selectors.planning_generation), bumped by signal_handlers.
"""

from django.core.cache import cache

from portal.core.publishing import DELETED, PAGE_EVENTS, Publication, on_publication

PUBLICATIONS_GENERATION_KEY = "planning:publications"


def publications_generation() -> int:
    """A number that changes with each publication, unpublication, move or deletion of a live page."""
    return cache.get_or_set(PUBLICATIONS_GENERATION_KEY, 1, timeout=None)


@on_publication(*PAGE_EVENTS, order=90, name="dashboard")
def forget_dashboard_figures(publication: Publication) -> None:
    """Last of the handlers: the figures read what the others (royalties, translations) wrote."""
    if publication.event == DELETED and not publication.was_live:
        return
    try:
        cache.incr(PUBLICATIONS_GENERATION_KEY)
    except ValueError:  # evicted or never set
        cache.set(PUBLICATIONS_GENERATION_KEY, 2, timeout=None)
