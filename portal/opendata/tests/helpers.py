"""What the API tests share: reading every record of a list, and checking bodies against the description."""

import jsonschema_rs

from portal.opendata.api import description


def all_records(client, name: str, **params) -> list[dict]:
    """Every record of a list, page after page (at most 100 a page)."""
    records, offset = [], 0
    while True:
        response = client.get(f"/api/v1/{name}/", {**params, "limit": 100, "offset": offset})
        assert response.status_code == 200, response.content
        body = response.json()
        records += body["results"]
        offset += 100
        if body["next"] is None:
            return records


def validator(component: str):
    """A validator of one component schema of the served description (with its references)."""
    spec = description()
    return jsonschema_rs.validator_for({"$ref": f"#/components/schemas/{component}", "components": spec["components"]})


def assert_conforms(body: dict, component: str) -> None:
    errors = [error.message for error in validator(component).iter_errors(body)]
    assert not errors, errors
