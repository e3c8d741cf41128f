"""Amounts of money as each site's readers write them."""

from django.utils.translation import get_language


def money(amount, currency: str = "VND") -> str:
    """Whole units, grouped in the current language's way.

    Vietnamese: `15.000.000 đ`, `50.000.000 USD`; English: `15,000,000 VND` (its readers may not know
    the đ), `50,000,000 USD`.
    """
    if amount in (None, ""):
        return ""
    if (get_language() or "").startswith("en"):
        return f"{int(amount):,} {currency}"
    grouped = f"{int(amount):,}".replace(",", ".")
    return f"{grouped} đ" if currency == "VND" else f"{grouped} {currency}"
