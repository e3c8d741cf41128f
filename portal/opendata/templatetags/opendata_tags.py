from django import template

from portal.opendata import addresses

register = template.Library()


@register.simple_tag
def opendata_description_url() -> str:
    """The open data API's description, linked from every page without loading the API."""
    return addresses.description_url()
