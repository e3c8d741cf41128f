"""Leaders and unit profiles are shown on public pages: a change clears the page cache on commit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.core.page_cache import bump_generation

from .models import Leader, UnitProfile


def _clear_page_cache(**kwargs) -> None:
    transaction.on_commit(bump_generation)


for _model in (Leader, UnitProfile):
    post_save.connect(_clear_page_cache, sender=_model, dispatch_uid=f"organisation-cache-save-{_model.__name__}")
    post_delete.connect(_clear_page_cache, sender=_model, dispatch_uid=f"organisation-cache-del-{_model.__name__}")
