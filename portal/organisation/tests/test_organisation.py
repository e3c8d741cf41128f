"""The organisation as data: one list of units and leaders shown consistently on every page."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.search import index as search_index

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
from portal.testing.factories import ArticleFactory, UnitFactory
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


def structure(language="vi") -> StructurePage:
    return StructurePage.objects.get(locale=Locale.objects.get(language_code=language))


DIRECTOR, DEPUTY = "Đỗ Minh Khoa", "Phan Thị Ngọc"
HEAD = ("Lý Thị Hạnh", "0234 3999 517", "htqt.thunghiem@example.gov.vn")  # the cooperation division's head
SECTION_LEADERS = {  # the pack's unit sections -> who leads the unit
    "trung-tam-dich-vu-doi-ngoai": "Trịnh Văn Phúc",
    "cong-doan": "Mai Thị Thanh Tâm",
    "doan-thanh-nien": "Tạ Đức Anh",
}


def _portrait(name: str):
    output = io.BytesIO()
    PILImage.new("RGB", (32, 40), (210, 220, 230)).save(output, format="JPEG")
    return get_image_model().objects.create(title=f"Chân dung {name}", file=ImageFile(output, name="chan-dung.jpg"))


def _page(index, model, slug: str, english: dict | None = None, **fields):
    """The page under the index (a database that has it, the demo's, keeps it), with its English version."""
    page = model.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = index.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    en = Locale.objects.get(language_code="en")
    if english and not page.get_translations().filter(locale=en).exists():
        translation = page.copy_for_translation(en).specific
        for name, value in english.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def organisation():
    """The agency as its staff enter it: the leadership, a profile for every unit, the leaders of the
    cooperation division and of the pack's unit sections (each with a news item), and the about pages."""
    index = OrganisationIndexPage.objects.get(locale__language_code="vi")
    ArticleFactory(parent=index, title="Tin hoạt động của cơ quan")
    for order, (name, post_vi, post_en) in enumerate(
        [(DIRECTOR, "Giám đốc Sở", "Director"), (DEPUTY, "Phó Giám đốc Sở", "Deputy Director")]
    ):
        Leader.objects.create(full_name=name, post_vi=post_vi, post_en=post_en, sort_order=order)
    for slug, name in SECTION_LEADERS.items():
        section = UnitSectionPage.objects.get(slug=slug, locale__language_code="vi")
        if section.unit_id is None:
            section.unit = UnitFactory(name_vi=section.title)
            section.save_revision().publish()
        Leader.objects.create(full_name=name, post_vi="Trưởng đơn vị", post_en="Head", unit=section.unit)
        ArticleFactory(parent=section, title=f"Tin hoạt động của {section.title}")
    cooperation = Unit.objects.get(code="hop-tac-quoc-te")
    name, phone, email = HEAD
    Leader.objects.create(
        full_name=name, post_vi="Trưởng phòng", post_en="Head", unit=cooperation, phone=phone, photo=_portrait(name)
    )
    for unit in Unit.objects.all():
        functions = "Tham mưu về hợp tác quốc tế và viện trợ phi chính phủ nước ngoài."
        if unit != cooperation:
            functions = f"Chức năng, nhiệm vụ của {unit.name_vi}: biên dịch, phiên dịch, hỗ trợ đoàn khách."
        UnitProfile.objects.update_or_create(
            unit=unit,
            defaults={
                "functions_vi": functions,
                "phone": phone if unit == cooperation else "",
                "email": email if unit == cooperation else "",
            },
        )
    _page(index, OrganisationTextPage, "lich-su-phat-trien", title="Lịch sử phát triển", body="<p>Lịch sử.</p>")
    _page(
        index,
        OrganisationTextPage,
        "chuc-nang-nhiem-vu",
        english={"title": "Functions and duties", "body": "<h2>Position and functions</h2><p>What it does.</p>"},
        title="Chức năng, nhiệm vụ và quyền hạn",
        body="<h2>Vị trí và chức năng</h2><p>Chức năng.</p>",
    )
    page = _page(
        index, StructurePage, "co-cau-to-chuc", english={"title": "Structure and contacts"}, title="Cơ cấu tổ chức"
    )
    search_index.insert_or_update_object(page)  # its leaders are part of what search finds


def test_the_category_is_about_the_agency_with_its_leadership_and_pages(client):
    index = OrganisationIndexPage.objects.get(locale__language_code="vi")
    assert index.url == "/thong-tin-don-vi/" and section("thong-tin-don-vi").pk == index.pk
    html = client.get(index.url).content.decode()
    for text in (DIRECTOR, "Giám đốc Sở", "Lịch sử phát triển", "Cơ cấu tổ chức", "Công đoàn"):
        assert text in html, text
    assert index.items().exists()  # the category's own news stays


def test_the_directory_lists_every_unit_with_functions_contacts_and_leaders(client):
    html = client.get(structure().url).content.decode()
    for profile in UnitProfile.objects.select_related("unit"):
        assert profile.unit.name_vi in html
    for text in (*HEAD, "viện trợ phi chính phủ"):
        assert text in html, text
    assert 'alt=""' in html  # portraits next to the name are decorative


def test_a_change_to_a_leader_shows_everywhere_at_once(client, django_capture_on_commit_callbacks):
    centre = UnitSectionPage.objects.get(slug="trung-tam-dich-vu-doi-ngoai", locale__language_code="vi")
    client.get(structure().url), client.get(centre.url)  # both in the page cache now
    leader = Leader.objects.get(full_name=SECTION_LEADERS["trung-tam-dich-vu-doi-ngoai"])
    leader.post_vi = "Phó Giám đốc Trung tâm phụ trách"
    with django_capture_on_commit_callbacks(execute=True):
        leader.save()
    for url in (structure().url, centre.url):
        assert "Phó Giám đốc Trung tâm phụ trách" in client.get(url).content.decode(), url
    leader.active = False
    with django_capture_on_commit_callbacks(execute=True):
        leader.save()
    assert leader.full_name not in client.get(structure().url).content.decode()


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
        ("cong-doan", SECTION_LEADERS["cong-doan"]),
        ("doan-thanh-nien", SECTION_LEADERS["doan-thanh-nien"]),
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
    results = client.get("/tim-kiem/", {"q": "ly thi hanh"}).context["results"]
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
