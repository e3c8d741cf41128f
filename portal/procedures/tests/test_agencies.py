"""Each agency's site shows the procedures its own agency handles: catalogue, detail pages, sitemap, search;
codes and addresses are unique within an agency."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from portal.accounts.testing import login_with_second_factor
from portal.applications.tests.conftest import _version
from portal.procedures.models import Procedure
from portal.procedures.selectors import catalogue_page, procedures_matching
from portal.testing.agencies import agency, site, staff, visitor
from portal.testing.factories import ProcedureFactory, UnitFactory
from portal.units import roles

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


# Codes and addresses are unique within an agency, not across the installation (issue 22, item 2).


@pytest.fixture
def same_address():
    """Both agencies publish a procedure `cap-thi-thuc` with the same code, each its own."""
    ours = _version("cap-thi-thuc", UnitFactory(), name_vi="Cấp thị thực của Sở Ngoại vụ", **FIELDS)
    unit = UnitFactory(code="phong-le-tan", agency=agency("second"))
    theirs = _version("cap-thi-thuc", unit, name_vi="Cấp thị thực của Sở Văn hóa", **FIELDS)
    Procedure.objects.filter(pk=theirs.procedure_id).update(code=ours.procedure.code)
    return ours, theirs


def test_two_agencies_may_publish_the_same_code_and_address_and_each_site_shows_its_own(same_address):
    ours, theirs = same_address
    assert ours.procedure.agency == agency("first") and theirs.procedure.agency == agency("second")
    first = visitor("first").get(f"{catalogue_path('first')}thu-tuc/cap-thi-thuc/").content.decode()
    second = visitor("second").get(f"{catalogue_path('second')}thu-tuc/cap-thi-thuc/").content.decode()
    assert ours.name_vi in first and theirs.name_vi not in first
    assert theirs.name_vi in second and ours.name_vi not in second
    # the application form at that address is each site's own procedure's
    apply = reverse("applications:apply", kwargs={"slug": "cap-thi-thuc"})
    assert theirs.name_vi in visitor("second").get(apply).content.decode()
    assert ours.name_vi in visitor("first").get(apply).content.decode()


def test_the_admin_refuses_a_code_or_address_the_agency_has_already_with_a_message(same_address, client):
    ours, theirs = same_address
    secretary = staff("second", roles.SECRETARIAT)
    login_with_second_factor(client, secretary)
    add = reverse("wagtailsnippets_procedures_procedure:add")
    data = {"field": theirs.procedure.field_id, "unit": theirs.procedure.unit_id, "sort_order": 0}
    before = Procedure.objects.count()
    with translation.override("vi"):
        taken_code = client.post(add, {**data, "code": theirs.procedure.code, "slug": "dia-chi-moi"})
        taken_address = client.post(add, {**data, "code": "MA.MOI.1", "slug": "cap-thi-thuc"})
    assert taken_code.status_code == 200 and taken_address.status_code == 200
    assert "Cơ quan đã có thủ tục với mã này." in taken_code.content.decode()
    assert "Cơ quan đã có thủ tục ở địa chỉ này." in taken_address.content.decode()
    assert Procedure.objects.count() == before
    # a code and address only another agency holds are free for this one
    other_unit = UnitFactory(code="phong-khac", agency=agency("first"))
    ProcedureFactory(code="MA.CHI.SO.NGOAI.VU", slug="chi-so-ngoai-vu", unit=other_unit)
    free = client.post(add, {**data, "code": "MA.CHI.SO.NGOAI.VU", "slug": "chi-so-ngoai-vu"})
    assert free.status_code == 302
    assert Procedure.objects.get(slug="chi-so-ngoai-vu", agency=agency("second")).unit == theirs.procedure.unit


def test_the_database_holds_the_rule_too(same_address):
    ours, theirs = same_address
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureFactory(code="KHAC.1", slug="cap-thi-thuc", unit=theirs.procedure.unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureFactory(code=ours.procedure.code, slug="khac", unit=ours.procedure.unit)


# Searching procedures on a site finds its own agency's only.


def test_the_catalogues_search_box_finds_its_own_agencys_procedures_only(procedures):
    ours, theirs = procedures
    first = visitor("first").get(catalogue_path("first"), {"q": "thu tuc rieng"}).content.decode()
    second = visitor("second").get(catalogue_path("second"), {"q": "thu tuc rieng"}).content.decode()
    assert ours.name_vi in first and theirs.name_vi not in first
    assert theirs.name_vi in second and ours.name_vi not in second
    by_code = visitor("first").get(catalogue_path("first"), {"q": theirs.procedure.code}).content.decode()
    assert theirs.name_vi not in by_code


def test_the_site_searchs_procedure_matches_are_the_agencys_own_with_its_own_addresses(procedures):
    ours, theirs = procedures
    second = procedures_matching(["thu", "tuc", "rieng"], agency=agency("second"))
    assert [version for version, _url in second] == [theirs]
    assert second[0][1] == f"http://svhtt.lamson.example{catalogue_path('second')}thu-tuc/{theirs.procedure.slug}/"
    first = procedures_matching(["thu", "tuc", "rieng"])  # no agency named: the default site's
    assert [version for version, _url in first] == [ours]


def test_the_site_search_shows_its_own_agencys_procedures_above_the_pages(procedures):
    ours, theirs = procedures
    pages = {}
    for key in ("first", "second"):
        client = visitor(key)
        client.cookies["sessionid"] = "none"  # rendered: the page cache steps aside
        pages[key] = client.get("/tim-kiem/", {"q": "thu tuc rieng"}).content.decode()
    assert theirs.name_vi in pages["second"] and ours.name_vi not in pages["second"]
    assert ours.name_vi in pages["first"] and theirs.name_vi not in pages["first"]
    assert f"thu-tuc/{theirs.procedure.slug}/" in pages["second"]
