"""Vietnamese text helpers: folding for search that ignores diacritics and case."""

import unicodedata


def _folding_table() -> dict[int, str | None]:
    """Latin letters with diacritics -> bare letter; combining marks -> nothing; đ -> d.

    Built once, so folding is a single `str.translate` pass (it runs over every indexed text).
    """
    table: dict[int, str | None] = {}
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        if unicodedata.combining(char):
            table[code] = None
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and base.isascii():
            table[code] = base
    table.update({ord("đ"): "d", ord("Đ"): "D", ord("ð"): "d", ord("Ð"): "D"})
    return table


_FOLDING_TABLE = _folding_table()


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ to d: `Đà Nẵng` -> `da nang`."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDING_TABLE).lower()
