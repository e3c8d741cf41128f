"""What a carried item's public page adds (news/article_page.html): the canonical link to the
source's address, and the name of the agency it comes from. Nothing for any other page."""

from django import template
from django.utils.html import format_html

from ..selectors import carried_from

register = template.Library()


def _source(page) -> dict | None:
    if page is None or not getattr(page, "alias_of_id", None):
        return None
    found = carried_from(page)
    if found is None:
        return None
    source, agency = found
    return {"url": source.full_url, "agency": agency.name if agency else ""}


@register.simple_tag
def carry_canonical(page) -> str:
    source = _source(page)
    return format_html('<link rel="canonical" href="{}">', source["url"]) if source else ""


@register.inclusion_tag("province/carry_credit.html")
def carry_credit(page) -> dict:
    return {"source": _source(page)}
