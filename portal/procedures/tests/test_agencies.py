"""Each agency's site shows the procedures its own agency handles: catalogue, detail pages, sitemap."""

import pytest

from portal.applications.tests.conftest import _version
from portal.procedures.selectors import catalogue_page
from portal.testing.agencies import agency, site, visitor
from portal.testing.factories import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

FIELDS = {"form": [], "documents": [], "processing_days": 5}


@pytest.fixture
def procedures():
    ours = _version("thu-tuc-cua-so-ngoai-vu", UnitFactory(), name_vi="Thủ tục riêng của Sở Ngoại vụ", **FIELDS)
    unit = UnitFactory(code="phong-nghiep-vu-van-hoa", agency=agency("second"))
    theirs = _version("thu-tuc-cua-so-van-hoa", unit, name_vi="Thủ tục riêng của Sở Văn hóa", **FIELDS)
    return ours, theirs


def catalogue_path(key: str) -> str:
    return catalogue_page(agency(key)).get_url(current_site=site(key))


def test_each_sites_catalogue_lists_its_own_agencys_procedures(procedures):
    ours, theirs = procedures
    first = visitor("first").get(catalogue_path("first")).content.decode()
    second = visitor("second").get(catalogue_path("second")).content.decode()
    assert ours.name_vi in first and theirs.name_vi not in first
    assert theirs.name_vi in second and ours.name_vi not in second


def test_another_agencys_procedure_is_not_found_on_a_sites_catalogue(procedures):
    ours, theirs = procedures
    second = catalogue_path("second")
    assert visitor("second").get(f"{second}thu-tuc/{theirs.procedure.slug}/").status_code == 200
    assert visitor("second").get(f"{second}thu-tuc/{ours.procedure.slug}/").status_code == 404


def test_each_sites_sitemap_lists_its_own_agencys_procedures(procedures):
    ours, theirs = procedures
    first = visitor("first").get("/sitemap.xml").content.decode()
    second = visitor("second").get("/sitemap.xml").content.decode()
    assert ours.procedure.slug in first and theirs.procedure.slug not in first
    assert f"http://svhtt.lamson.example{catalogue_path('second')}thu-tuc/{theirs.procedure.slug}/" in second
    assert ours.procedure.slug not in second
