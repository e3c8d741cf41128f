"""The open data API declared with django-ninja: one list and one detail operation per resource and
the OpenAPI 3.1 description, which django-ninja writes from these declarations (parameters,
records, answers)."""

import json

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Header, NinjaAPI, Path, Query
from ninja.errors import Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from wagtail.models import Site

from portal.core.models import AgencySettings

from . import conf, selectors
from .addresses import DESCRIPTION
from .http import AddressThrottle, error_body, not_found_message
from .params import MAX_ID
from .resources import RESOURCES, Paging, Resource
from .schemas import Error, page_of
from .serializers import Context


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False, "separators": (",", ":")}


class OpenDataAPI(NinjaAPI):
    def get_content_type(self) -> str:
        return self.renderer.media_type

    def get_openapi_schema(self, *, agency: AgencySettings | None = None, **kwargs):
        schema = super().get_openapi_schema(path_prefix=reverse("opendata:openapi").removesuffix("openapi.json"))
        # The agency's name comes from its details, not from code: the agency of the site asked (by default
        # the default site's).
        agency = agency or AgencySettings.load()
        schema["info"]["title"] = _("Open data of the %(agency)s portal") % {"agency": agency.name}
        schema["info"]["description"] = _(
            "Read-only public data of the portal: items, documents, procedures, weekly schedules, "
            "work programmes and answered questions. Lists take limit (at most %(max)s) and offset and "
            "give count, next and previous; answers carry an ETag and may be kept for %(seconds)s seconds. "
            "Each address may make %(rate)s requests every %(window)s seconds."
        ) % {
            "max": conf.get("OPENDATA_MAX_PAGE_SIZE"),
            "seconds": conf.get("OPENDATA_CACHE_SECONDS"),
            "rate": conf.get("OPENDATA_RATE_LIMIT"),
            "window": conf.get("OPENDATA_RATE_WINDOW_SECONDS"),
        }
        return schema


api = OpenDataAPI(
    title=gettext_lazy("Open data"),  # completed with the agency's name in get_openapi_schema
    version="1.0.0",
    openapi_url=None,  # served by the `openapi` operation below, with the API's headers and rate limit
    docs_url=None,
    urls_namespace="opendata",
    renderer=Renderer(),
    throttle=[AddressThrottle()],
)


def description(request: HttpRequest | None = None) -> dict:
    """The OpenAPI description as served on the site `request` came to (plain JSON values, texts in the
    active language, titled with that site's agency; without a request, the default site's)."""
    agency = AgencySettings.for_request(request) if request is not None else None
    return json.loads(json.dumps(api.get_openapi_schema(agency=agency), cls=NinjaJSONEncoder))


# Errors


@api.exception_handler(ValidationError)
def bad_parameter(request: HttpRequest, exc: ValidationError):
    if any(error["loc"][0] == "path" for error in exc.errors):
        return not_found(request, exc)  # an address that can name no record
    error = exc.errors[0]  # each parameter type refuses with its own translated message (params.py)
    parameter = str(error["loc"][-1])
    message = error["msg"]
    return api.create_response(request, error_body(400, "bad_parameter", message, parameter=parameter), status=400)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception):
    return api.create_response(request, error_body(404, "not_found", not_found_message()), status=404)


@api.exception_handler(Throttled)
def rate_limited(request: HttpRequest, exc: Throttled):
    message = _("Too many requests from your address: wait %(seconds)s seconds and try again.") % {"seconds": exc.wait}
    return api.create_response(request, error_body(429, "rate_limited", message), status=429)


# The description of the answers: what django-ninja does not write itself (descriptions, headers).

CACHE_HEADERS = {
    "ETag": {
        "description": gettext_lazy("A tag of this answer, to send back as If-None-Match."),
        "required": True,
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": gettext_lazy("public, max-age=<seconds>"),
        "required": True,
        "schema": {"type": "string"},
    },
}
ERRORS = {
    400: gettext_lazy("A parameter cannot be read: the message says which and why."),
    404: gettext_lazy("No such record, or not public."),
    429: gettext_lazy("Too many requests from this address: wait the seconds of Retry-After."),
}
IF_NONE_MATCH = Header(
    None,
    alias="If-None-Match",
    description=gettext_lazy("The ETag of a copy the client holds: the answer is 304 if it is still current."),
)


def _responses(success, *errors: int) -> dict:
    return {200: success, 304: None, **dict.fromkeys(errors, Error)}


def _documented(*errors: int) -> dict:
    responses = {
        200: {"description": gettext_lazy("The records asked for."), "headers": CACHE_HEADERS},
        304: {
            "description": gettext_lazy("Not modified: the client's copy (If-None-Match) is current."),
            "headers": CACHE_HEADERS,
        },
    }
    for status in errors:
        responses[status] = {"description": ERRORS[status]}
    responses[429]["headers"] = {
        "Retry-After": {
            "description": gettext_lazy("Seconds to wait before the next request."),
            "required": True,
            "schema": {"type": "string"},
        }
    }
    return {"responses": responses}


# The operations


def _page_link(request: HttpRequest, offset: int | None) -> str | None:
    if offset is None:
        return None
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def resource_list(request: HttpRequest, resource: Resource, filters, paging: Paging) -> dict:
    params = filters.model_dump()
    limit = paging.limit or min(conf.get("OPENDATA_PAGE_SIZE"), conf.get("OPENDATA_MAX_PAGE_SIZE"))
    offset = paging.offset or 0
    # A site's API publishes its own agency's records (without a public catalogue, no procedures).
    records = selectors.of_site(resource.queryset(**params), Site.find_for_request(request))
    count = records.count()
    chosen = list(records[offset : offset + limit]) if offset < count else []
    return {
        "count": count,
        "next": _page_link(request, offset + limit if offset + limit < count else None),
        "previous": _page_link(request, max(offset - limit, 0) if offset > 0 else None),
        "results": resource.serialize(chosen, Context(request), lang=params.get("lang"), detail=False),
    }


def resource_detail(request: HttpRequest, resource: Resource, key, lang: str | None) -> dict:
    records = selectors.of_site(resource.detail_queryset(), Site.find_for_request(request))
    record = records.filter(**{resource.lookup: key}).first()
    if record is None:
        raise Http404
    return resource.serialize([record], Context(request), lang=lang, detail=True)[0]


def _declare(resource: Resource) -> None:
    common = {"tags": [resource.name], "summary": resource.title}

    @api.get(
        f"/{resource.name}/",
        response=_responses(page_of(resource.record), 400, 429),
        operation_id=f"{resource.name}_list",
        description=resource.description,
        url_name=f"{resource.name}-list",
        openapi_extra=_documented(400, 429),
        **common,
    )
    def listing(request, filters: Query[resource.filters], paging: Query[Paging], if_none_match: str = IF_NONE_MATCH):
        return resource_list(request, resource, filters, paging)

    detail = {
        "response": _responses(resource.detail, 400, 404, 429),
        "operation_id": f"{resource.name}_detail",
        "url_name": f"{resource.name}-detail",
        "openapi_extra": _documented(400, 404, 429),
        **common,
    }
    if resource.lookup == "pk":

        @api.get(f"/{resource.name}/{{int:id}}/", **detail)
        def by_id(
            request,
            query: Query[resource.detail_lang],
            id: int = Path(..., ge=1, le=MAX_ID, description=gettext_lazy("The record's identifier (its `id`).")),
            if_none_match: str = IF_NONE_MATCH,
        ):
            return resource_detail(request, resource, id, query.lang)

    else:

        @api.get(f"/{resource.name}/{{code}}/", **detail)
        def by_code(
            request,
            query: Query[resource.detail_lang],
            code: str = Path(
                ..., max_length=40, pattern=r"^[A-Za-z0-9.\-]+$", description=gettext_lazy("The procedure's code.")
            ),
            if_none_match: str = IF_NONE_MATCH,
        ):
            return resource_detail(request, resource, code, query.lang)


for _resource in RESOURCES:
    _declare(_resource)


@api.get(
    f"/{DESCRIPTION}",
    response=_responses(dict, 429),
    operation_id="openapi",
    tags=["openapi"],
    summary=gettext_lazy("This description (OpenAPI 3.1)"),
    url_name="openapi",
    openapi_extra=_documented(429),
)
def openapi(request, if_none_match: str = IF_NONE_MATCH):
    return description(request)
