"""The OpenAPI 3.1 description of /api/v1/, written from the resources and their parameters.

Every record schema lists all its properties as required and allows no others, so a field the
serializers add without describing it here fails the schema tests (and schemathesis).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import conf
from .http import LANGUAGES
from .resources import RESOURCES, Resource

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
TIME = {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"}
LANG = {"type": "string", "enum": list(LANGUAGES)}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, *, optional: tuple[str, ...] = ()) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


LABEL = obj({"id": INTEGER, "name": STRING})
CODE_LABEL = obj({"code": STRING, "name": STRING})
FILE = obj({"title": STRING, "url": URL, "file_type": STRING, "size": nullable(INTEGER)})

PAGE = {
    "id": INTEGER,
    "lang": LANG,
    "title": STRING,
    "url": nullable(URL),
    "first_published_at": nullable(DATETIME),
    "last_published_at": nullable(DATETIME),
}
ITEM = {
    **PAGE,
    "section": nullable(obj({"id": INTEGER, "title": STRING, "url": nullable(URL)})),
    "lead": STRING,
    "image": nullable(obj({"url": URL, "alt": STRING, "caption": STRING})),
    "author": STRING,
    "unit": nullable(ref("CodeLabel")),
    "source": obj({"kind": {"type": "string", "enum": ["original", "collected"]}, "name": STRING, "url": STRING}),
}
DOCUMENT = {
    **PAGE,
    "number": STRING,
    "kind": ref("Label"),
    "issuer": ref("Label"),
    "field": nullable(ref("Label")),
    "signer": STRING,
    "signer_post": STRING,
    "issue_date": DATE,
    "effective_date": nullable(DATE),
    "expiry_date": nullable(DATE),
    "status": {"type": "string", "enum": ["in_force", "not_yet", "expired", "replaced"]},
    "summary": STRING,
    "files": array(ref("File")),
}
PROCEDURE = {
    "code": STRING,
    "lang": LANG,
    "name": STRING,
    "url": nullable(URL),
    "apply_url": nullable(URL),
    "field": ref("CodeLabel"),
    "unit": ref("CodeLabel"),
    "level": {"type": "integer", "enum": [2, 3, 4]},
    "online_scope": {"type": "string", "enum": ["partial", "full"]},
    "processing_days": INTEGER,
    "processing_note": STRING,
    "fees": array(obj({"name": STRING, "amount": {"type": "integer", "minimum": 0}})),
    "fee_note": STRING,
    "version": INTEGER,
    "effective_from": nullable(DATE),
}
PROCEDURE_DETAIL = {
    **PROCEDURE,
    "decision": STRING,
    "steps_html": STRING,
    "method_html": STRING,
    "documents_note_html": STRING,
    "applicants_html": STRING,
    "conditions_html": STRING,
    "agency": STRING,
    "result": STRING,
    "submission_html": STRING,
    "legal_basis_html": STRING,
    "required_documents": array(
        obj({"name": STRING, "copies": STRING, "required": BOOLEAN, "template_url": nullable(URL)})
    ),
}
SCHEDULE = {
    **PAGE,
    "week_start": DATE,
    "week_end": DATE,
    "notes": STRING,
    "entries": array(
        obj(
            {
                "day": DATE,
                "start_time": TIME,
                "end_time": nullable(TIME),
                "content": STRING,
                "chair": STRING,
                "attendees": STRING,
                "place": STRING,
                "preparation": STRING,
            }
        )
    ),
}
PROGRAMME = {
    **PAGE,
    "period": {"type": "string", "enum": ["month", "quarter", "year"]},
    "year": INTEGER,
    "number": nullable(INTEGER),
    "summary": STRING,
    "tasks": array(obj({"when": STRING, "content": STRING, "unit": STRING})),
    "files": array(ref("File")),
}
QUESTION = {
    **PAGE,
    "topic": nullable(obj({"id": INTEGER, "title": STRING})),
    "asker": STRING,
    "question": STRING,
    "answer": STRING,
    "answered_at": DATETIME,
    "unit": nullable(ref("CodeLabel")),
}
ERROR_CODES = ["bad_parameter", "not_found", "method_not_allowed", "rate_limited"]


def record_schemas() -> dict[str, dict]:
    return {
        "Label": LABEL,
        "CodeLabel": CODE_LABEL,
        "File": FILE,
        "Item": obj(ITEM),
        "ItemDetail": obj({**ITEM, "body_html": STRING, "attachments": array(ref("File"))}),
        "Document": obj(DOCUMENT),
        "DocumentDetail": obj({**DOCUMENT, "body_html": STRING}),
        "Procedure": obj(PROCEDURE),
        "ProcedureDetail": obj(PROCEDURE_DETAIL),
        "Schedule": obj(SCHEDULE),
        "Programme": obj(PROGRAMME),
        "ProgrammeDetail": obj({**PROGRAMME, "body_html": STRING}),
        "Question": obj(QUESTION),
        "Error": obj(
            {
                "error": obj(
                    {
                        "status": INTEGER,
                        "code": {"type": "string", "enum": ERROR_CODES},
                        "message": STRING,
                        "parameter": STRING,
                    },
                    optional=("parameter",),
                )
            }
        ),
    }


def _list_schema(resource: Resource) -> dict:
    return obj(
        {
            "count": {"type": "integer", "minimum": 0},
            "next": nullable(URL),
            "previous": nullable(URL),
            "results": array(ref(resource.schema)),
        }
    )


def _cache_headers() -> dict:
    return {
        "ETag": {
            "description": _("A tag of this answer, to send back as If-None-Match."),
            "required": True,
            "schema": STRING,
        },
        "Cache-Control": {"description": _("public, max-age=<seconds>"), "required": True, "schema": STRING},
    }


def _json(schema: dict, description: str, headers: dict | None = None) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


def _responses(success: dict, *, errors: tuple[int, ...]) -> dict:
    descriptions = {
        400: _("A parameter cannot be read: the message says which and why."),
        404: _("No such record, or not public."),
        429: _("Too many requests from this address: wait the seconds of Retry-After."),
    }
    responses = {
        "200": _json(success, _("The records asked for."), _cache_headers()),
        "304": {
            "description": _("Not modified: the client's copy (If-None-Match) is current."),
            "headers": _cache_headers(),
        },
    }
    for status in errors:
        headers = None
        if status == 429:
            headers = {
                "Retry-After": {
                    "description": _("Seconds to wait before the next request."),
                    "required": True,
                    "schema": STRING,
                }
            }
        responses[str(status)] = _json(ref("Error"), descriptions[status], headers)
    return responses


def _if_none_match() -> dict:
    return {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": _("The ETag of a copy the client holds: the answer is 304 if it is still current."),
        "schema": STRING,
    }


def _paths() -> dict:
    paths = {}
    for resource in RESOURCES:
        paths[f"/api/v1/{resource.name}/"] = {
            "get": {
                "operationId": f"{resource.name}_list",
                "tags": [resource.name],
                "summary": str(resource.title),
                "description": str(resource.description),
                "parameters": [*_stringify(resource.list_params.openapi()), _if_none_match()],
                "responses": _responses(_list_schema(resource), errors=(400, 429)),
            }
        }
        paths[f"/api/v1/{resource.name}/{{{resource.id_param.name}}}/"] = {
            "get": {
                "operationId": f"{resource.name}_detail",
                "tags": [resource.name],
                "summary": str(resource.title),
                "parameters": [
                    *_stringify([resource.id_param.openapi(), resource.detail_lang.openapi()]),
                    _if_none_match(),
                ],
                "responses": _responses(ref(resource.detail_schema), errors=(400, 404, 429)),
            }
        }
    paths["/api/v1/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "tags": ["openapi"],
            "summary": _("This description (OpenAPI 3.1)"),
            "parameters": [_if_none_match()],
            "responses": _responses({"type": "object"}, errors=(429,)),
        }
    }
    return paths


def _stringify(parameters: list[dict]) -> list[dict]:
    return [{**parameter, "description": str(parameter["description"])} for parameter in parameters]


def description() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("Open data of the Department of Foreign Affairs portal"),
            "version": "1.0.0",
            "description": _(
                "Read-only public data of the portal: items, documents, procedures, weekly schedules, "
                "work programmes and answered questions. Lists take limit (at most %(max)s) and offset and "
                "give count, next and previous; answers carry an ETag and may be kept for %(seconds)s seconds. "
                "Each address may make %(rate)s requests every %(window)s seconds."
            )
            % {
                "max": conf.get("OPENDATA_MAX_PAGE_SIZE"),
                "seconds": conf.get("OPENDATA_CACHE_SECONDS"),
                "rate": conf.get("OPENDATA_RATE_LIMIT"),
                "window": conf.get("OPENDATA_RATE_WINDOW_SECONDS"),
            },
        },
        "paths": _paths(),
        "components": {"schemas": record_schemas()},
    }
