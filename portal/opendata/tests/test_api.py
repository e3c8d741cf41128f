"""The API as a client sees it: records that match the description, filters, pagination, errors
in both languages, caching headers and the rate limit."""

import datetime as dt

import pytest
from django.utils import translation

from portal.opendata.api import description
from portal.opendata.resources import RESOURCES
from portal.testing.factories import ArticleFactory, DocumentKindFactory, DocumentPageFactory, SectionFactory

from .helpers import all_records, publish_sample, validator

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(db) -> dict:
    return publish_sample()


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.name)
def test_every_record_conforms_to_the_description_in_lists_and_alone(client, sample, resource):
    assert_every_record_conforms(client, resource)


@pytest.mark.demo  # the demo's content: many more records of every kind, with pictures, files and tasks
@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.name)
def test_every_demo_record_conforms_to_the_description_in_lists_and_alone(client, resource):
    assert_every_record_conforms(client, resource)


def assert_every_record_conforms(client, resource) -> None:
    records = all_records(client, resource.name)
    assert records, f"there are {resource.name}"
    # one validator per schema for all the records (`assert_conforms` builds the description and a
    # validator again for each body: most of the demo's items' time)
    in_list, alone = validator(resource.schema), validator(resource.detail_schema)
    for record in records:
        errors = [error.message for error in in_list.iter_errors(record)]
        assert not errors, (record.get("id") or record.get("code"), errors)
    for record in records[:5]:
        ident = record.get("id") or record["code"]
        for lang in ("vi", "en"):
            response = client.get(f"/api/v1/{resource.name}/{ident}/", {"lang": lang})
            assert response.status_code == 200
            errors = [error.message for error in alone.iter_errors(response.json())]
            assert not errors, (ident, lang, errors)


def test_items_come_in_both_languages_and_lang_keeps_one(client, sample):
    languages = {record["lang"] for record in all_records(client, "items")}
    assert languages == {"vi", "en"}
    english = all_records(client, "items", lang="en")
    assert english and all(record["lang"] == "en" and "/en/" in record["url"] for record in english)


def test_items_by_section_and_publication_dates(client):
    target = SectionFactory()
    ArticleFactory(parent=target, title="Tin mới trong mục")
    old = ArticleFactory(parent=target, title="Tin cũ của năm 2019")
    old.first_published_at = dt.datetime(2019, 6, 15, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    old.save(update_fields=["first_published_at"])
    in_section = all_records(client, "items", section=target.pk)
    assert in_section and all(record["section"]["id"] == target.pk for record in in_section)
    # The local day counts (23:30 in Huế is still 15/06 although it is 16:30 UTC).
    june = all_records(client, "items", date_from="2019-06-15", date_to="2019-06-15")
    assert [record["id"] for record in june] == [old.pk]
    assert all_records(client, "items", date_from="2019-06-16", date_to="2019-06-16") == []


def test_documents_by_kind_year_and_number(client):
    decision_kind = DocumentKindFactory(name_vi="Quyết định")
    decision = DocumentPageFactory(number="66/QĐ-SNgV", kind=decision_kind, issue_date=dt.date(2021, 3, 4))
    for params in ({"number": "66/qd-sngv"}, {"number": "66", "year": 2021}, {"kind": decision_kind.pk, "year": 2021}):
        ids = [record["id"] for record in all_records(client, "documents", **params)]
        assert decision.pk in ids, params
    assert all_records(client, "documents", number="66/QĐ-SNgV", year=2020) == []
    record = client.get(f"/api/v1/documents/{decision.pk}/").json()
    assert record["number"] == "66/QĐ-SNgV" and record["issue_date"] == "2021-03-04"
    assert record["kind"] == {"id": decision_kind.pk, "name": "Quyết định"}


def test_procedures_by_field_and_level_in_either_language(client, sample):
    everything = all_records(client, "procedures")
    level4 = all_records(client, "procedures", level=4)
    assert level4 and all(record["level"] == 4 for record in level4) and len(level4) < len(everything)
    field = everything[0]["field"]["code"]
    assert all(record["field"]["code"] == field for record in all_records(client, "procedures", field=field))
    code = everything[0]["code"]
    vietnamese = client.get(f"/api/v1/procedures/{code}/").json()
    english = client.get(f"/api/v1/procedures/{code}/", {"lang": "en"}).json()
    assert vietnamese["lang"] == "vi" and english["lang"] == "en"
    assert vietnamese["name"] != english["name"]
    assert "/en/" in english["url"] and english["steps_html"]
    assert client.get("/api/v1/procedures/KHONG-CO/").status_code == 404


def test_schedules_by_week(client, sample):
    schedules = all_records(client, "schedules")
    week_start = dt.date.fromisoformat(schedules[0]["week_start"])
    wednesday = week_start + dt.timedelta(days=2)
    found = all_records(client, "schedules", week=wednesday.isoformat())
    assert {record["week_start"] for record in found} == {week_start.isoformat()}
    assert all(entry["day"] >= week_start.isoformat() for entry in found[0]["entries"])
    later = all_records(client, "schedules", date_from=(week_start + dt.timedelta(days=7)).isoformat())
    assert all(record["week_start"] > week_start.isoformat() for record in later)


def test_questions_by_topic(client, sample):
    questions = all_records(client, "questions", lang="vi")
    topic = next(record["topic"]["id"] for record in questions if record["topic"])
    chosen = all_records(client, "questions", topic=topic)
    assert chosen and all(record["topic"]["id"] == topic for record in chosen)


def test_pagination_gives_count_next_and_previous(client, settings):
    settings.OPENDATA_MAX_PAGE_SIZE = 5
    section = SectionFactory()
    for _number in range(11):  # three pages of five
        ArticleFactory(parent=section)
    first = client.get("/api/v1/items/", {"limit": 5, "lang": "vi"}).json()
    assert len(first["results"]) == 5 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/items/?limit=5&lang=vi&offset=5"
    second = client.get(first["next"]).json()
    assert second["count"] == first["count"]
    assert second["previous"] == "http://testserver/api/v1/items/?limit=5&lang=vi&offset=0"
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    beyond = client.get("/api/v1/items/", {"offset": 10_000}).json()
    assert beyond["results"] == [] and beyond["next"] is None
    assert client.get("/api/v1/items/").json()["results"].__len__() == 5  # the default never passes the maximum
    too_many = client.get("/api/v1/items/", {"limit": 6})
    assert too_many.status_code == 400
    assert too_many.json()["error"]["message"] == "“limit” phải nằm trong khoảng từ 1 đến 5."


@pytest.mark.parametrize(
    ("params", "parameter", "vietnamese", "english"),
    [
        ({"limit": "mười"}, "limit", "“limit” phải là một số nguyên.", "“limit” must be a whole number."),
        (
            {"date_from": "31/12/2026"},
            "date_from",
            "“date_from” phải là một ngày viết theo dạng yyyy-mm-dd, ví dụ 2026-03-31.",
            "“date_from” must be a date written yyyy-mm-dd, e.g. 2026-03-31.",
        ),
        (
            {"date_to": "2026-02-30"},
            "date_to",
            "“date_to” phải là một ngày viết theo dạng yyyy-mm-dd, ví dụ 2026-03-31.",
            "“date_to” must be a date written yyyy-mm-dd, e.g. 2026-03-31.",
        ),
        (
            {"source": "copied"},
            "source",
            "“source” phải là một trong các giá trị: original, collected.",
            "“source” must be one of: original, collected.",
        ),
        (
            {"section": "1\x00"},
            "section",
            "“section” chứa ký tự không được phép.",
            "“section” contains a character that is not allowed.",
        ),
    ],
)
def test_bad_parameters_get_a_400_in_the_language_asked(client, params, parameter, vietnamese, english):
    response = client.get("/api/v1/items/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"status": 400, "code": "bad_parameter", "message": vietnamese, "parameter": parameter}
    }
    assert client.get("/api/v1/items/", {**params, "lang": "en"}).json()["error"]["message"] == english
    assert client.get("/api/v1/items/", params, HTTP_ACCEPT_LANGUAGE="en").json()["error"]["message"] == english


def test_unknown_addresses_and_records_get_a_json_404_and_writes_a_405(client):
    for url in ("/api/v1/items/999999999/", "/api/v1/items/abc/", "/api/v1/khong-co/", "/api/v1/items/1/2/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/items/99999/").json()["error"]["message"] == (
        "Không có gì ở địa chỉ này của giao diện dữ liệu mở."
    )
    assert client.get("/api/v1/items").status_code == 301
    refused = client.post("/api/v1/items/", {"title": "x"})
    assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD, OPTIONS"
    assert refused.json()["error"]["code"] == "method_not_allowed"


def test_answers_carry_caching_headers_and_a_304_for_a_current_copy(client):
    response = client.get("/api/v1/documents/", {"limit": 3})
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    again = client.get("/api/v1/documents/", {"limit": 3}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    DocumentPageFactory(number="12/TB-MOI", issue_date=dt.date.today())
    changed = client.get("/api/v1/documents/", {"limit": 3}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_rate_limit_counts_per_client_address(client, settings):
    settings.OPENDATA_RATE_LIMIT = 3
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    for _ in range(3):
        assert client.get("/api/v1/procedures/", HTTP_X_REAL_IP="203.0.113.9").status_code == 200
    refused = client.get("/api/v1/procedures/", HTTP_X_REAL_IP="203.0.113.9")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["error"]["message"].startswith("Có quá nhiều yêu cầu từ địa chỉ của bạn")
    # Another address behind the same proxy is not held back.
    assert client.get("/api/v1/procedures/", HTTP_X_REAL_IP="203.0.113.10").status_code == 200


def test_the_description_names_every_route_and_parameter(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served["ETag"]
    spec = served.json()
    assert spec["openapi"].startswith("3.1")
    expected = {"/api/v1/openapi.json"}
    for resource in RESOURCES:
        key = "code" if resource.name == "procedures" else "id"
        expected |= {f"/api/v1/{resource.name}/", f"/api/v1/{resource.name}/{{{key}}}/"}
        names = [p["name"] for p in spec["paths"][f"/api/v1/{resource.name}/"]["get"]["parameters"]]
        assert names == [*resource.filters.model_fields, "limit", "offset", "If-None-Match"]
    assert set(spec["paths"]) == expected
    for operation in (path["get"] for path in spec["paths"].values()):
        assert {"200", "304", "429"} <= set(operation["responses"])
    # The title names the agency from its details (the pack), in the language asked for.
    with translation.override("en"):
        assert description()["info"]["title"] == (
            "Open data of the Department of Foreign Affairs of Thua Thien Hue Province portal"
        )
    assert client.get("/api/v1/openapi.json", {"lang": "vi"}).json()["info"]["title"] == (
        "Dữ liệu mở của Trang thông tin điện tử Sở Ngoại vụ tỉnh Thừa Thiên Huế"
    )


def test_the_public_footer_links_to_the_description(client):
    assert 'href="/api/v1/openapi.json">Dữ liệu mở (API)</a>' in client.get("/").content.decode()
    assert 'href="/api/v1/openapi.json">Open data (API)</a>' in client.get("/en/").content.decode()


def test_head_and_options_are_answered_and_a_304_keeps_the_caching_headers(client):
    head = client.head("/api/v1/schedules/", {"limit": 2})
    assert head.status_code == 200 and head["ETag"] == client.get("/api/v1/schedules/", {"limit": 2})["ETag"]
    options = client.options("/api/v1/schedules/")
    assert options.status_code == 204 and options["Allow"] == "GET, HEAD, OPTIONS"
    assert options["Access-Control-Allow-Origin"] == "*"
    assert options["Access-Control-Allow-Headers"] == "If-None-Match"
    current = client.get("/api/v1/schedules/", {"limit": 2}, HTTP_IF_NONE_MATCH=head["ETag"])
    assert current.status_code == 304
    assert current["Cache-Control"] == "public, max-age=300" and current["Access-Control-Allow-Origin"] == "*"
    # A path that can name no record is a 404, like a record that does not exist.
    for url in ("/api/v1/items/0/", "/api/v1/items/99999999999/", "/api/v1/procedures/co%20dau/"):
        assert client.get(url).json()["error"]["code"] == "not_found", url
