"""Search fields that index a diacritic-free copy of the text beside the original.

Wagtail's database backends do not fold Vietnamese (SQLite's FTS5 keeps letters with two
diacritics and never maps đ to d), so every page type indexes `original + folded`; the public
search folds the query, and admin searches typed with diacritics still match the original.
"""

from typing import Any

from wagtail.search import index

from .text import fold


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return str(value)


class FoldedSearchField(index.SearchField):
    def get_value(self, obj: Any) -> str:
        text = _as_text(super().get_value(obj))
        folded = fold(text)
        return text if folded == text else f"{text} {folded}"


def folded_page_search_fields(page_search_fields: list) -> list:
    """Page's own search fields with the title replaced by its folded form."""
    kept = [
        field
        for field in page_search_fields
        if not (isinstance(field, index.SearchField) and field.field_name == "title")
    ]
    return [FoldedSearchField("title", boost=3), *kept]
