"""A translation made with Wagtail's "Translate" action is linked to its original at once.

What publishing does to the queue is a handler of portal.core.publishing: see publishing.py.
"""

from wagtail.models import Page
from wagtail.signals import copy_for_translation_done

from . import services


def _on_copy_for_translation_done(sender, source_obj, target_obj, **kwargs) -> None:
    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        services.translation_linked(original=source_obj, english=target_obj)


copy_for_translation_done.connect(_on_copy_for_translation_done, dispatch_uid="translations-copy-done")
