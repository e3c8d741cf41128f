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


# The catalogue's admin is each agency's own (issue 22, item 2): `procedures.permissions`. Every admin URL of
# another agency's procedure or version is enumerated in portal/units/tests/test_agency_isolation.py.

PROCEDURES = "/admin/snippets/procedures/procedure/"
VERSIONS = "/admin/snippets/procedures/procedureversion/"


@pytest.fixture
def catalogues():
    """An effective version of a procedure of each agency (the first's unit, the second's unit)."""
    from portal.testing.factories import ProcedureVersionFactory
    from portal.units.models import Unit

    def of(key, code):
        unit = Unit.objects.filter(agency=agency(key)).order_by("pk").first()
        return ProcedureVersionFactory(procedure__unit=unit, procedure__code=code, name_vi=f"Thủ tục {code}")

    return {"first": of("first", "NV.0001"), "second": of("second", "VH.0001")}


def test_an_agencys_secretariat_lists_and_opens_only_its_own_procedures(client, catalogues):
    ours, theirs = catalogues["second"], catalogues["first"]
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    for listing in (PROCEDURES, VERSIONS, "/admin/snippets/choose/procedures/procedure/"):
        html = client.get(listing).content.decode()
        assert "VH.0001" in html and "NV.0001" not in html, listing
    searched = client.get(f"{PROCEDURES}?q=NV.0001").content.decode()
    assert f"{PROCEDURES}edit/{theirs.procedure_id}/" not in searched
    assert client.get(f"{PROCEDURES}edit/{ours.procedure_id}/").status_code == 200
    assert client.get(f"{VERSIONS}edit/{ours.pk}/").status_code == 200
    assert client.get(reverse("procedures_new_draft", args=[ours.pk])).status_code == 200
    for path in (
        f"{PROCEDURES}edit/{theirs.procedure_id}/",
        f"{PROCEDURES}delete/{theirs.procedure_id}/",
        f"{VERSIONS}edit/{theirs.pk}/",
        f"{VERSIONS}inspect/{theirs.pk}/",
        f"/admin/snippets/choose/procedures/procedure/chosen/{theirs.procedure_id}/",
        reverse("procedures_new_draft", args=[theirs.pk]),
        reverse("procedures_put_into_effect", args=[theirs.pk]),
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(reverse("procedures_new_draft", args=[theirs.pk])).status_code == 404
    assert theirs.procedure.versions.count() == 1  # no draft was made of the other agency's


def test_the_procedure_form_offers_the_agencys_units_and_a_procedure_it_adds_is_its_own(client, catalogues):
    from portal.procedures.models import ProcedureField
    from portal.units.models import Unit

    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    own_units = set(Unit.objects.filter(agency=agency("second")))
    assert set(client.get(f"{PROCEDURES}add/").context["form"].fields["unit"].queryset) == own_units
    listing = client.get(PROCEDURES)  # the listing's unit filter: the agency's units too
    assert set(listing.context["filters"].form.fields["unit"].queryset) == own_units
    assert "Phòng Quản lý di sản" in listing.content.decode()
    assert "Phòng Hợp tác quốc tế" not in listing.content.decode()

    field = ProcedureField.objects.order_by("pk").first()  # the fields are shared by every agency
    theirs = Unit.objects.filter(agency=agency("first")).order_by("pk").first()
    ours = Unit.objects.filter(agency=agency("second")).order_by("pk").first()
    data = {"code": "VH.0002", "slug": "thu-tuc-moi", "field": field.pk, "sort_order": 0}
    refused = client.post(f"{PROCEDURES}add/", data | {"unit": theirs.pk})
    assert refused.status_code == 200 and not Procedure.objects.filter(code="VH.0002").exists()
    client.post(f"{PROCEDURES}add/", data | {"unit": ours.pk})
    assert Procedure.objects.get(code="VH.0002").agency == agency("second")


def test_a_version_is_offered_only_the_agencys_procedures(client, catalogues):
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    form = client.get(f"{VERSIONS}add/")
    choices = form.context["form"].fields["procedure"].queryset
    assert set(choices) == {catalogues["second"].procedure}


def test_a_superuser_opens_every_agencys_procedures(client, catalogues):
    from portal.testing.factories import StaffFactory

    login_with_second_factor(client, StaffFactory(username="quan-tri", is_superuser=True, is_staff=True))
    html = client.get(PROCEDURES).content.decode()
    assert "VH.0001" in html and "NV.0001" in html
    for version in catalogues.values():
        assert client.get(f"{PROCEDURES}edit/{version.procedure_id}/").status_code == 200
        assert client.get(reverse("procedures_new_draft", args=[version.pk])).status_code == 200
