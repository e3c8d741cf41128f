"""Which page types count as items of the plan, and where their reference date and unit are.

A page type declares itself an item of the plan, and planning's AppConfig.ready registers every
page type that does (so the plan names no other app's types):

    class ArticlePage(PortalPage):
        plan_item = {"reference_date_field": "source_date", "unit_field": "unit"}  # keywords of register_item_type
    class AnswerPage(PortalPage):
        plan_item = {}  # counted, with no deadline rule of its own

A category type measured otherwise than by its items gives a `plan_quantity(category, *, since,
before)` static method (albums: images, not albums). An item counts for
a plan row when it is live, public, below the row's category page and first published in the
period. Its lateness is measured from `reference_date_field` (a date or a date-time) where the
row's deadline rule asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True)
class ItemType:
    model: type[Page]
    reference_date_field: str | None = None
    unit_field: str | None = None
    page_types: tuple[type[Page], ...] = ()  # with model = Page: the exact page types it stands for

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def objects(self):
        manager = self.model.objects
        return manager.exact_type(*self.page_types) if self.page_types else manager.all()


_item_types: dict[str, ItemType] = {}
PLAIN = "wagtailcore.page"  # the types with neither a reference date nor a unit, read together


def register_item_type(
    model: type[Page], *, reference_date_field: str | None = None, unit_field: str | None = None
) -> None:
    """Count `model`'s pages as items (registering again replaces, never counts twice).

    Types with neither a reference date nor a unit are counted through the page table, all in
    one query, so that the dashboard's queries grow with the kinds of dated items, not of pages.
    """
    if reference_date_field is None and unit_field is None:
        known = _item_types[PLAIN].page_types if PLAIN in _item_types else ()
        if model not in known:
            _item_types[PLAIN] = ItemType(model=Page, page_types=(*known, model))
        return
    item_type = ItemType(model=model, reference_date_field=reference_date_field, unit_field=unit_field)
    _item_types[item_type.label] = item_type


QuantityCounter = Callable[..., int]  # (category, *, since, before) -> the quantity published in [since, before)
_quantities: dict[type[Page], QuantityCounter] = {}


def register_quantity(category_model: type[Page], count: QuantityCounter) -> None:
    """Measure the plan's quantity for categories of `category_model` with `count` rather than by
    their items: the plan gives some in another unit (row 16, "Từ 30-50 hình ảnh": images, not albums)."""
    _quantities[category_model] = count


def quantity_counter(category: Page) -> QuantityCounter | None:
    return _quantities.get(category.specific_class)


def item_types() -> list[ItemType]:
    return [_item_types[label] for label in sorted(_item_types)]


def all_items() -> ItemType:
    """Every registered type as one, through the page table: for what needs only the page's own fields."""
    models = tuple(model for item_type in item_types() for model in (item_type.page_types or (item_type.model,)))
    return ItemType(model=Page, page_types=models)
