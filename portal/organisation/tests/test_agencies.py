"""Each agency of one installation shows and keeps its own leaders and units' profiles (issue 22, item 2):
on its public pages about the agency, in its directory, and in the admin, where another agency's are not found."""

import pytest
from wagtail.models import Locale

from portal.accounts.testing import login_with_second_factor
from portal.organisation.models import Leader, OrganisationIndexPage, StructurePage, UnitProfile
from portal.testing.agencies import agency, site, staff, visitor
from portal.units import roles
from portal.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

SECOND_DIRECTOR = "Trịnh Thị Thu"  # the Lam Sơn pack's director, made a leader of its agency by setup_portal


def _structure_of(key: str) -> StructurePage:
    """The page about the agency with its directory, on `key`'s site (the second pack has none: made here)."""
    home = site(key).root_page
    index = OrganisationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=OrganisationIndexPage(title="Giới thiệu", slug="gioi-thieu"))
        index.save_revision().publish()
    page = StructurePage.objects.child_of(index).first()
    if page is None:
        page = index.add_child(instance=StructurePage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"))
        page.save_revision().publish()
    return page


@pytest.fixture
def leaders():
    first_unit = Unit.objects.filter(agency=agency("first")).order_by("pk").first()
    second_unit = Unit.objects.filter(agency=agency("second")).order_by("pk").first()
    made = {
        "first": Leader.objects.create(full_name="Đỗ Minh Khoa", post_vi="Giám đốc Sở", agency=agency("first")),
        "first_unit": Leader.objects.create(full_name="Lý Thị Hạnh", post_vi="Trưởng phòng", unit=first_unit),
        "second_unit": Leader.objects.create(full_name="Hà Văn Sơn", post_vi="Trưởng phòng", unit=second_unit),
    }
    UnitProfile.objects.create(unit=first_unit, functions_vi="Tham mưu về hợp tác quốc tế.")
    UnitProfile.objects.create(unit=second_unit, functions_vi="Tham mưu về thể dục thể thao quần chúng.")
    return made


def test_setup_portal_makes_the_packs_director_a_leader_of_its_own_agency():
    director = Leader.objects.get(full_name=SECOND_DIRECTOR)
    assert director.agency == agency("second")
    assert director.unit is None


def test_a_units_leader_belongs_to_the_units_agency(leaders):
    assert leaders["second_unit"].agency == agency("second")
    assert leaders["first_unit"].agency == agency("first")


def test_each_agencys_pages_show_its_own_leadership_and_directory_only(leaders):
    second_page, first_page = _structure_of("second"), _structure_of("first")

    second = visitor("second").get(second_page.url).content.decode()
    assert SECOND_DIRECTOR in second and "Hà Văn Sơn" in second
    assert "thể dục thể thao quần chúng" in second
    for theirs in ("Đỗ Minh Khoa", "Lý Thị Hạnh", "hợp tác quốc tế"):
        assert theirs not in second

    first = visitor("first").get(first_page.url).content.decode()
    assert "Đỗ Minh Khoa" in first and "Lý Thị Hạnh" in first
    for theirs in (SECOND_DIRECTOR, "Hà Văn Sơn", "thể dục thể thao"):
        assert theirs not in first

    index = visitor("second").get(second_page.get_parent().url).content.decode()
    assert SECOND_DIRECTOR in index and "Đỗ Minh Khoa" not in index


def test_the_directory_searched_on_a_site_is_that_agencys(leaders):
    page = _structure_of("second")
    assert SECOND_DIRECTOR in page.search_directory and "Đỗ Minh Khoa" not in page.search_directory


def test_the_secretariat_keeps_its_own_leaders_and_finds_no_other_agencys(client, leaders):
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    listing = client.get("/admin/snippets/organisation/leader/").content.decode()
    assert SECOND_DIRECTOR in listing and "Hà Văn Sơn" in listing
    assert "Đỗ Minh Khoa" not in listing and "Lý Thị Hạnh" not in listing

    theirs = leaders["first"]
    for action in ("edit", "delete", "history", "usage"):
        assert client.get(f"/admin/snippets/organisation/leader/{action}/{theirs.pk}/").status_code == 404, action
    client.post(f"/admin/snippets/organisation/leader/delete/{theirs.pk}/")
    client.post(f"/admin/snippets/organisation/leader/edit/{theirs.pk}/", {"full_name": "x", "post_vi": "x"})
    theirs.refresh_from_db()
    assert theirs.full_name == "Đỗ Minh Khoa"

    profile = UnitProfile.objects.get(unit=leaders["first_unit"].unit)
    assert client.get(f"/admin/snippets/organisation/unitprofile/edit/{profile.pk}/").status_code == 404
    profiles = client.get("/admin/snippets/organisation/unitprofile/").content.decode()
    assert "thể dục thể thao" not in profiles  # the listing shows units, not functions: check by unit name
    assert leaders["first_unit"].unit.name_vi not in profiles
    assert leaders["second_unit"].unit.name_vi in profiles


def test_a_leader_added_by_an_agencys_staff_is_that_agencys(client, leaders):
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    assert client.get("/admin/snippets/organisation/leader/add/").status_code == 200
    response = client.post(
        "/admin/snippets/organisation/leader/add/",
        {"full_name": "Phó Đức Minh", "post_vi": "Phó Giám đốc", "sort_order": 1, "active": "on"},
    )
    assert response.status_code == 302
    assert Leader.objects.get(full_name="Phó Đức Minh").agency == agency("second")

    refused = client.post(
        "/admin/snippets/organisation/leader/add/",
        {"full_name": "Người ngoài", "post_vi": "Trưởng phòng", "unit": leaders["first_unit"].unit.pk, "sort_order": 1},
    )
    assert refused.status_code == 200  # the form again: another agency's unit is not a choice
    assert not Leader.objects.filter(full_name="Người ngoài").exists()


def test_the_english_page_of_an_agency_shows_its_own_leaders(leaders):
    page = _structure_of("second")
    en = Locale.objects.get(language_code="en")
    translation = page.get_parent().specific.copy_for_translation(en, copy_parents=True)
    translation.save_revision().publish()
    english = page.copy_for_translation(en)
    english.save_revision().publish()
    body = visitor("second").get(english.url).content.decode()
    assert SECOND_DIRECTOR in body and "Đỗ Minh Khoa" not in body
