"""The endpoints: one list and one detail view per resource, the OpenAPI description, and a JSON 404
for every other address below /api/v1/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve

from . import conf
from .http import NotFound, api_view, not_found_response
from .params import BadParameter
from .resources import BY_NAME, Resource
from .serializers import Context


def _page_link(request: HttpRequest, offset: int | None) -> str | None:
    if offset is None:
        return None
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def resource_list(request: HttpRequest, resource: Resource) -> dict:
    params = resource.list_params.parse(request.GET)
    limit = params.pop("limit") or min(conf.get("OPENDATA_PAGE_SIZE"), conf.get("OPENDATA_MAX_PAGE_SIZE"))
    offset = params.pop("offset") or 0
    records = resource.queryset(**params)
    count = records.count()
    chosen = list(records[offset : offset + limit]) if offset < count else []
    return {
        "count": count,
        "next": _page_link(request, offset + limit if offset + limit < count else None),
        "previous": _page_link(request, max(offset - limit, 0) if offset > 0 else None),
        "results": resource.serialize(chosen, Context(request), lang=params.get("lang"), detail=False),
    }


def resource_detail(request: HttpRequest, resource: Resource, ident: str) -> dict:
    try:
        key = resource.id_param.parse(ident)
    except BadParameter:
        raise NotFound from None
    # Only `lang` is read here, for the language of the texts (procedures) and of the messages.
    lang = resource.detail_lang.parse(request.GET.get("lang"))
    record = resource.detail_queryset().filter(**{resource.lookup: key}).first() if key is not None else None
    if record is None:
        raise NotFound
    return resource.serialize([record], Context(request), lang=lang, detail=True)[0]


def list_view(name: str):
    resource = BY_NAME[name]
    return api_view(lambda request: resource_list(request, resource))


def detail_view(name: str):
    resource = BY_NAME[name]
    return api_view(lambda request, ident: resource_detail(request, resource, ident))


@api_view
def openapi(request: HttpRequest) -> dict:
    from .openapi import description

    return description()


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address below /api/v1/: a JSON 404 (or the address with its missing slash)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return not_found_response()
