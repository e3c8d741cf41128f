"""Publishing fills the ledger: the one place that turns Wagtail's publish events into royalty entries.

Both handlers act on commit, so a publication that rolls back pays nothing, and both are
idempotent (services.work_record_publication / work_void_on_unpublish), so a signal sent twice,
a republication or two publications racing pay once.
"""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from . import services


def _record_on_commit(sender, instance, revision=None, **kwargs) -> None:
    if kwargs.get("alias") or instance.alias_of_id:
        return  # an alias shows the same work elsewhere: nothing more to pay
    if services.kind_of_page(instance) is None:
        return
    transaction.on_commit(partial(services.work_record_publication, page_id=instance.pk))


def _void_on_commit(sender, instance, **kwargs) -> None:
    if instance.alias_of_id or services.kind_of_page(instance) is None:
        return
    transaction.on_commit(partial(services.work_void_on_unpublish, page_id=instance.pk))


page_published.connect(_record_on_commit, dispatch_uid="royalties-record-publication")
page_unpublished.connect(_void_on_commit, dispatch_uid="royalties-void-on-unpublish")
