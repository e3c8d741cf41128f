"""Wagtail's page serving, with the page a path leads to kept until the next publication.

Wagtail finds a page by walking the tree from the site's root, two queries per level (the child
by its slug, then as its own type): five for an item, most of its rendering time after the
templates. The page found for a path on a site in a language is kept per publication
(core.per_request: publishing, unpublishing, moving or deleting a page starts afresh), and read
again in one query by its type and id, then given the rest of the path (a routable page, an
item's index or PDF, resolves it itself, without a query); never a path that leads nowhere (no
key per unknown URL).
Everything after the route is Wagtail's own serve: view restrictions, hooks, the page's serve().
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page

from .per_request import per_publication


def serve(request, path: str):
    site = getattr(request, "_wagtail_site", None)  # core.middleware.KeptSiteMiddleware
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        digest = hashlib.sha256(path.encode()).hexdigest()[:32]
        kept = per_publication(f"route:{site.pk}:{get_language()}:{digest}", lambda: _route(request, path), keep=bool)
        if kept and not hasattr(request, "_wagtail_route_for_request"):
            label, pk, rest = kept
            # The page itself too: only a publication (or an unpublication, a move...) changes what visitors see of it.
            page = per_publication(
                f"page:{label}:{pk}", lambda: apps.get_model(label).objects.filter(live=True, pk=pk).first(), keep=bool
            )
            if page is not None:
                try:
                    request._wagtail_route_for_request = page.route(request, rest)
                except Http404:
                    request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def _route(request, path: str) -> tuple[str, int, list[str]] | None:
    """Wagtail's route (kept on the request for its serve), as (model, id, the rest of the path)."""
    found = Page.route_for_request(request, path)
    if found is None or not found.page.live:
        return None
    components = [component for component in path.split("/") if component]
    root = request._wagtail_site.root_page  # the home of every language is at the same depth
    return found.page._meta.label_lower, found.page.pk, components[found.page.depth - root.depth :]
