"""Domain events of the Q&A handled in one place: a deleted question takes its attachment with it."""

from django.db import transaction
from django.db.models.signals import post_delete

from .models import Question


def _delete_attachment_on_commit(sender, instance: Question, **kwargs) -> None:
    if instance.attachment:
        storage, name = instance.attachment.storage, instance.attachment.name
        # Only once the deletion is committed: a rolled-back purge must keep its files.
        transaction.on_commit(lambda: storage.delete(name))


post_delete.connect(_delete_attachment_on_commit, sender=Question, dispatch_uid="qa-delete-attachment")
