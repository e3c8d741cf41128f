"""Admin panels an app adds to another app's page type, so that the page type imports neither app.

    add_panel(ArticlePage, royalty_authors_panel(), name="royalty-authors", before="related_links")

Called in the adding app's AppConfig.ready, before Wagtail builds an edit form (it builds each
on first use and keeps it). `before` names the panel (its field or relation) it goes in front
of; `first=True` puts it at the top; otherwise it goes last. Adding the same `name` again does
nothing, so a ready() run twice does not show a panel twice.
"""

from __future__ import annotations

_added: set[tuple[str, str, str]] = set()


def _panel_name(panel) -> str | None:
    return getattr(panel, "relation_name", None) or getattr(panel, "field_name", None)


def add_panel(model, panel, *, name: str, tab: str = "content_panels", before: str | None = None, first: bool = False):
    key = (model._meta.label, tab, name)
    if key in _added:
        return
    panels = list(getattr(model, tab))
    if first:
        index = 0
    elif before is not None:
        index = next((i for i, existing in enumerate(panels) if _panel_name(existing) == before), None)
        if index is None:
            raise LookupError(f"{model._meta.label}.{tab} has no panel {before!r} to put {name!r} before")
    else:
        index = len(panels)
    panels.insert(index, panel)
    setattr(model, tab, panels)  # the model's own list: its parent classes keep theirs
    _added.add(key)
    built = getattr(model, "get_edit_handler", None)  # wagtail.admin's ready() adds it
    if built is not None:
        built.cache_clear()  # built already (by a check, a test): built again with the panel


def added_panels() -> list[tuple[str, str, str]]:
    """(page type, tab, name) of every panel added by another app, sorted."""
    return sorted(_added)
