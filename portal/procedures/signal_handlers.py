"""The public catalogue is cached for anonymous visitors: any change to it clears the page cache on commit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.core.page_cache import bump_generation

from .models import FeeItem, FormField, Procedure, ProcedureField, ProcedureVersion, RequiredDocument


def _clear_page_cache_on_commit(**kwargs) -> None:
    transaction.on_commit(bump_generation)


for _model in (ProcedureField, Procedure, ProcedureVersion, FormField, RequiredDocument, FeeItem):
    post_save.connect(_clear_page_cache_on_commit, sender=_model, dispatch_uid=f"catalogue-save-{_model.__name__}")
    post_delete.connect(_clear_page_cache_on_commit, sender=_model, dispatch_uid=f"catalogue-del-{_model.__name__}")
