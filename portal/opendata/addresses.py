"""Where the open data API is served, for the URL configuration and the pages' footer.

The footer of every page links to the API's description. `reverse()` into the API would build its
routes, and so import django-ninja and pydantic (some 10 MiB of each web worker) for a link: the
address is written from the same two parts the routes are made of instead.
"""

from django.urls import get_script_prefix

PREFIX = "api/v1/"  # mounted in portal.public_urls, its routes built at its first request
DESCRIPTION = "openapi.json"  # the OpenAPI description's operation (portal.opendata.api)


def description_url() -> str:
    """What `reverse("opendata:openapi")` gives, without loading the API."""
    return f"{get_script_prefix()}{PREFIX}{DESCRIPTION}"
