"""The organisation as data: one list of units and leaders shown consistently on every page."""

import pytest
from wagtail.models import Locale

from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.organisation.models import (
    Leader,
    OrganisationIndexPage,
    OrganisationTextPage,
    StructurePage,
    UnitProfile,
    UnitSectionPage,
)
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


def structure(language="vi") -> StructurePage:
    return StructurePage.objects.get(locale=Locale.objects.get(language_code=language))


def test_the_category_is_about_the_agency_with_its_leadership_and_pages(client):
    index = OrganisationIndexPage.objects.get(locale__language_code="vi")
    assert index.url == "/thong-tin-don-vi/" and section("thong-tin-don-vi").pk == index.pk
    html = client.get(index.url).content.decode()
    for text in ("Trần Công Phú", "Giám đốc Sở", "Lịch sử phát triển", "Cơ cấu tổ chức", "Công đoàn"):
        assert text in html, text
    assert index.items().exists()  # the category's own news stays


def test_the_directory_lists_every_unit_with_functions_contacts_and_leaders(client):
    html = client.get(structure().url).content.decode()
    for profile in UnitProfile.objects.select_related("unit"):
        assert profile.unit.name_vi in html
    for text in ("Trần Thị Thu Hằng", "0234 3822 517", "htqt.sngv@thuathienhue.gov.vn", "viện trợ phi chính phủ"):
        assert text in html, text
    assert 'alt=""' in html  # portraits next to the name are decorative


def test_a_change_to_a_leader_shows_everywhere_at_once(client, django_capture_on_commit_callbacks):
    centre = UnitSectionPage.objects.get(slug="trung-tam-dich-vu-doi-ngoai", locale__language_code="vi")
    client.get(structure().url), client.get(centre.url)  # both in the page cache now
    leader = Leader.objects.get(full_name="Nguyễn Hữu Phước")
    leader.post_vi = "Phó Giám đốc Trung tâm phụ trách"
    with django_capture_on_commit_callbacks(execute=True):
        leader.save()
    for url in (structure().url, centre.url):
        assert "Phó Giám đốc Trung tâm phụ trách" in client.get(url).content.decode(), url
    leader.active = False
    with django_capture_on_commit_callbacks(execute=True):
        leader.save()
    assert "Nguyễn Hữu Phước" not in client.get(structure().url).content.decode()


def test_units_come_from_the_one_list_of_units():
    assert UnitProfile._meta.get_field("unit").related_model is Unit
    assert Leader._meta.get_field("unit").related_model is Unit
    assert UnitProfile.objects.count() == Unit.objects.count()


def test_english_pages_show_english_posts_and_unit_names(client):
    html = client.get(structure("en").url).content.decode()
    assert "Deputy Director" in html and "International Cooperation Division" in html
    functions = OrganisationTextPage.objects.get(slug="chuc-nang-nhiem-vu", locale__language_code="vi")
    functions = functions.get_translation(Locale.objects.get(language_code="en"))  # at its English address
    assert "Position and functions" in client.get(functions.url).content.decode()


def test_centre_and_unions_have_sections_of_their_own(client):
    for slug, text in (
        ("trung-tam-dich-vu-doi-ngoai", "biên dịch"),
        ("cong-doan", "Võ Thị Thanh Tâm"),
        ("doan-thanh-nien", "Hồ Đức Anh"),
    ):
        page = UnitSectionPage.objects.get(slug=slug, locale__language_code="vi")
        response = client.get(page.url)
        assert response.status_code == 200
        assert text in response.content.decode(), slug
        assert response.context["items"].object_list, f"{slug} has no news"
    union = UnitSectionPage.objects.get(slug="cong-doan", locale__language_code="vi")
    assert union.get_translation(Locale.objects.get(language_code="en")).live


def test_a_section_without_a_unit_shows_its_news_only(client):
    index = OrganisationIndexPage.objects.get(locale__language_code="vi")
    page = index.add_child(instance=UnitSectionPage(title="Hội Cựu chiến binh", slug="hoi-cuu-chien-binh"))
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    assert response.context["profile"] is None and response.context["leaders"] == []


def test_editors_can_add_news_items_to_these_categories():
    for model in (OrganisationIndexPage, UnitSectionPage):
        assert ArticlePage in model.allowed_subpage_models()


def test_search_and_sitemap(client):
    results = client.get("/tim-kiem/", {"q": "tran thi thu hang"}).context["results"]
    assert structure() in [page for page in results]
    assert structure().url in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("extra_leaders", [0, 20])
def test_directory_queries_do_not_grow(client, django_assert_max_num_queries, extra_leaders):
    unit = Unit.objects.get(code="hop-tac-quoc-te")
    for number in range(extra_leaders):
        Leader.objects.create(full_name=f"Chuyên viên {number}", post_vi="Chuyên viên", unit=unit)
    client.get(structure().url, {"warm": 1})  # portraits' renditions are made on the first view
    with django_assert_max_num_queries(30):
        assert client.get(structure().url).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(OrganisationIndexPage.objects.get(locale__language_code="vi").url).status_code == 200
