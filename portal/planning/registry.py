"""Which page types count as items of the plan, and where their reference date and unit are.

    register_item_type(ArticlePage, reference_date_field="source_date", unit_field="unit")

Each domain's page types (documents, questions, albums, procedures) are registered the same way
(the lead does it at merge time for types that do not exist on this branch). An item counts for
a plan row when it is live, public, below the row's category page and first published in the
period. Its lateness is measured from `reference_date_field` (a date or a date-time) where the
row's deadline rule asks for one.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True)
class ItemType:
    model: type[Page]
    reference_date_field: str | None = None
    unit_field: str | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_item_types: dict[str, ItemType] = {}


def register_item_type(
    model: type[Page], *, reference_date_field: str | None = None, unit_field: str | None = None
) -> None:
    """Count `model`'s pages as items (registering again replaces, never counts twice)."""
    item_type = ItemType(model=model, reference_date_field=reference_date_field, unit_field=unit_field)
    _item_types[item_type.label] = item_type


def item_types() -> list[ItemType]:
    return [_item_types[label] for label in sorted(_item_types)]
