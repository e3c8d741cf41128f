"""The open data API of each agency's site publishes that agency's records only."""

import pytest

from portal.applications.tests.conftest import _version
from portal.testing.agencies import agency, site, visitor
from portal.testing.factories import ArticleFactory, SectionFactory, UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def titles(key: str, resource: str = "items") -> set[str]:
    response = visitor(key).get(f"/api/v1/{resource}/", {"limit": 100})
    assert response.status_code == 200
    return {record.get("title") or record.get("name") for record in response.json()["results"]}


@pytest.fixture
def items():
    """An item published on each department's site."""
    first = ArticleFactory(title="Tin của Sở Ngoại vụ về hợp tác Việt - Nhật")
    second_section = SectionFactory(parent=site("second").root_page.specific, title="Tin thể thao")
    second = ArticleFactory(parent=second_section, title="Tin của Sở Văn hóa về giải bóng chuyền")
    return first, second


def test_each_site_lists_its_own_items_only(items):
    first, second = items
    assert first.title in titles("first") and second.title not in titles("first")
    assert second.title in titles("second") and first.title not in titles("second")


def test_another_agencys_item_is_not_found_on_a_sites_api(items):
    first, second = items
    assert visitor("second").get(f"/api/v1/items/{second.pk}/").status_code == 200
    assert visitor("second").get(f"/api/v1/items/{first.pk}/").status_code == 404
    assert visitor("first").get(f"/api/v1/items/{second.pk}/").status_code == 404


def test_each_site_lists_the_procedures_its_agency_handles():
    fields = {"form": [], "documents": [], "processing_days": 5}
    ours = _version("thu-tuc-so-ngoai-vu-thu", UnitFactory(), name_vi="Thủ tục của Sở Ngoại vụ", **fields)
    theirs_unit = UnitFactory(code="phong-le-hoi", agency=agency("second"))
    theirs = _version("thu-tuc-so-van-hoa-thu", theirs_unit, name_vi="Thủ tục của Sở Văn hóa", **fields)
    first_codes = {r["code"] for r in visitor("first").get("/api/v1/procedures/", {"limit": 100}).json()["results"]}
    second_codes = {r["code"] for r in visitor("second").get("/api/v1/procedures/", {"limit": 100}).json()["results"]}
    assert ours.procedure.code in first_codes and theirs.procedure.code not in first_codes
    assert theirs.procedure.code in second_codes and ours.procedure.code not in second_codes
    assert visitor("first").get(f"/api/v1/procedures/{theirs.procedure.code}/").status_code == 404


def test_each_sites_description_is_titled_with_its_own_agency():
    second = visitor("second").get("/api/v1/openapi.json", {"lang": "vi"}).json()["info"]["title"]
    first = visitor("first").get("/api/v1/openapi.json", {"lang": "vi"}).json()["info"]["title"]
    assert agency("second").name_vi in second and agency("first").name_vi not in second
    assert agency("first").name_vi in first and agency("second").name_vi not in first
