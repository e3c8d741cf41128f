"""Publishing fills the ledger: the one place that turns publications into royalty entries
(registered in portal.core.publishing, which runs it on commit: a publication that rolls back pays nothing).

Both handlers are idempotent (services.work_record_publication / work_void_on_unpublish), so a
signal sent twice, a republication or two publications racing pay once.
"""

from portal.core.publishing import PUBLISHED, UNPUBLISHED, Publication, on_publication

from . import services


@on_publication(PUBLISHED, order=10, name="royalties")
def record_publication(publication: Publication) -> None:
    if publication.alias:
        return  # an alias shows the same work elsewhere: nothing more to pay
    if services.kind_of_page(publication.page) is None:
        return
    services.work_record_publication(page_id=publication.page_id)


@on_publication(UNPUBLISHED, order=10, name="royalties")
def void_on_unpublish(publication: Publication) -> None:
    if publication.alias or services.kind_of_page(publication.page) is None:
        return
    services.work_void_on_unpublish(page_id=publication.page_id)
