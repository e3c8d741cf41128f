"""The one way to list the agencies and to find a page's, and the default agency of a new record.

On the agencies template (portal/testing/agencies.py): the skeleton's agency on the default site, a
second department and the province's portal, each a site of its own.
"""

import pytest
from wagtail.models import Page, Site

from portal.core.models import AgencySettings, default_agency
from portal.news.models import SectionPage
from portal.testing.agencies import agency, site
from portal.units.agencies import agency_of_page, all_agencies

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]


def _category(key: str) -> SectionPage:
    return SectionPage.objects.live().descendant_of(site(key).root_page).order_by("path").first()


def test_every_agency_is_listed_once_the_default_sites_first_with_its_site_and_home(django_assert_num_queries):
    with django_assert_num_queries(2):
        found = all_agencies()
        homes = [agency.site.root_page.title for agency in found]  # selected with them: no more queries
    assert found == [agency("first"), agency("second"), agency("province")]
    assert len(homes) == 3
    assert found[0].site.is_default_site


def test_listing_the_agencies_costs_the_same_whatever_their_number(django_assert_num_queries):
    home = site("second").root_page
    extra = Site.objects.create(hostname="them.example", root_page=home.get_children().first())
    AgencySettings.objects.create(site=extra, name_vi="Cơ quan thứ tư")
    with django_assert_num_queries(2):
        found = all_agencies()
    assert [agency.site.hostname for agency in found][-1] == "them.example"


def test_a_site_without_its_settings_row_gets_one():
    extra = Site.objects.create(hostname="new.example", root_page=site("second").root_page.get_children().first())
    found = all_agencies()
    assert found[-1].site == extra
    assert AgencySettings.objects.filter(site=extra).exists()


def test_a_page_belongs_to_the_agency_of_its_site_in_either_language(django_assert_num_queries):
    category = _category("second")
    english = category.get_translations().first()
    assert agency_of_page(category) == agency("second")
    assert english is not None and agency_of_page(english) == agency("second")
    assert agency_of_page(_category("province")) == agency("province")
    assert agency_of_page(_category("first")) == agency("first")


def test_a_page_outside_every_site_is_the_default_agencys():
    root = Page.get_first_root_node()
    assert agency_of_page(root) == agency("first")


def test_a_list_of_pages_finds_their_agencies_without_a_query_each(django_assert_num_queries):
    among = all_agencies()
    pages = [_category("first"), _category("second"), _category("province")]
    Site.get_site_root_paths()  # Wagtail keeps them in the cache
    with django_assert_num_queries(0):
        owners = [agency_of_page(page, among) for page in pages]
    assert owners == [agency("first"), agency("second"), agency("province")]
    second = agency("second")
    with django_assert_num_queries(1):
        assert agency_of_page(pages[1]) == second


def test_a_record_made_without_an_agency_is_the_default_sites_in_one_query(django_assert_num_queries):
    first = agency("first").pk
    with django_assert_num_queries(1):
        assert default_agency() == first
    # Not remembered: the default site may change (a command, a test) and the next record follows it.
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    Site.objects.filter(pk=site("second").pk).update(is_default_site=True)
    assert default_agency() == AgencySettings.objects.get(site__hostname="svhtt.lamson.example").pk


def test_the_role_groups_of_each_agency_are_linked_to_it_from_their_names():
    """units.0009: the groups made before groups had an agency get theirs from their names; others stay none."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    from portal.units.models import AgencyGroup
    from portal.units.roles import ROLES, group_name

    by_hand = Group.objects.create(name="Nhóm tự lập")
    AgencyGroup.objects.all().delete()
    importlib.import_module("portal.units.migrations.0009_agency_group_from_names").link_role_groups(apps, None)

    for key in ("first", "second", "province"):
        names = {group_name(role, agency(key)) for role in ROLES}
        linked = set(Group.objects.filter(agency_link__agency=agency(key)).values_list("name", flat=True))
        assert linked == names
    assert not AgencyGroup.objects.filter(group=by_hand).exists()
