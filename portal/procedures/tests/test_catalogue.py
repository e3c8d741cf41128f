"""The public catalogue in both languages, within three clicks of the home page, with each procedure's history."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from portal.accounts.testing import login_with_second_factor
from portal.home.models import HomePage
from portal.procedures import services
from portal.procedures.models import Procedure, ProcedureIndexPage, ProcedureVersion
from portal.testing.factories import (
    FormFieldFactory,
    ProcedureVersionFactory,
    RequiredDocumentFactory,
    StaffFactory,
    UnitFactory,
)
from portal.units import roles

pytestmark = pytest.mark.django_db
CATALOGUE = "/thu-tuc-hanh-chinh/"
SEEDED = {  # slug -> (time limit in working days, what the catalogue says of its fees)
    "the-abtc": (22, "25.000 đ"),
    "hoi-nghi-hoi-thao-quoc-te": (15, "Không"),
    "chu-truong-hoi-nghi-thu-tuong": (15, "Không"),
    "phong-vien-nuoc-ngoai": (5, "Không"),
    "vien-tro-phi-chinh-phu": (20, "Không"),
    "chung-nhan-hop-phap-hoa-lanh-su": (2, "30.000 đ mỗi bản"),
}


@pytest.fixture(autouse=True)
def _vietnamese():
    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def secretary():
    """The secretariat keeps the catalogue."""
    return StaffFactory(role=roles.SECRETARIAT, unit=UnitFactory())


@pytest.fixture
def in_effect() -> ProcedureVersion:
    """A procedure version in effect since 2020, with a question of its form and a document to attach."""
    version = ProcedureVersionFactory(effective=False)
    FormFieldFactory(version=version)
    RequiredDocumentFactory(version=version)
    services.version_put_into_effect(version=version, user=None, effective_from=dt.date(2020, 1, 1))
    version.refresh_from_db()
    return version


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"#]+)"', html)


def test_the_catalogue_is_the_procedures_category_and_the_home_pages_quick_link(client):
    catalogue = ProcedureIndexPage.objects.get(locale__language_code="vi")
    assert catalogue.url == CATALOGUE
    home = HomePage.objects.get(locale__language_code="vi")
    assert home.services_page.specific == catalogue
    english = catalogue.get_translation(catalogue.locale.__class__.objects.get(language_code="en"))
    assert english.live and english.url.startswith("/en/")


@pytest.mark.demo  # about the demo's own catalogue: its six procedures and their published texts
def test_every_online_service_is_at_most_three_clicks_from_the_home_page(client):
    """Follow links as a visitor does: home -> catalogue (quick link) -> the form, for each procedure."""
    for language, home in (("vi", "/"), ("en", "/en/")):
        reached = {home: 0}
        frontier = [home]
        for depth in (1, 2, 3):
            next_frontier = []
            for url in frontier:
                response = client.get(url)
                if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                    continue
                for link in _links(response.content.decode()):
                    if (
                        link.startswith("/")
                        and link not in reached
                        and not link.startswith(("/static/", "/media/", "/documents/", "/rss", "/en/rss"))
                    ):
                        reached[link] = depth
                        next_frontier.append(link)
            frontier = [
                u for u in next_frontier if "/thu-tuc" in u or "/administrative-procedures" in u or u in ("/", "/en/")
            ]
        with translation.override(language):
            for slug in SEEDED:
                form = reverse("applications:apply", kwargs={"slug": slug})
                assert reached.get(form, 99) <= 3, f"{form} is not within three clicks of {home}"


@pytest.mark.demo  # about the demo's own catalogue: its six procedures and their published texts
def test_the_catalogue_lists_the_six_procedures_with_time_fee_level_and_on_time_rate(client):
    html = client.get(CATALOGUE).content.decode()
    for slug, (days, _fee) in SEEDED.items():
        version = ProcedureVersion.objects.get(procedure__slug=slug, status="effective")
        assert version.name_vi in html
        assert f"{days} ngày làm việc" in html
    assert "30.000 đ mỗi bản" in html
    assert "toàn trình" in html and "một phần" in html
    assert "100%" in html  # every procedure online at level 3 or 4
    assert "đúng hạn" in html
    assert "Tin về thủ tục hành chính" in html  # the category's news items stay below the catalogue


@pytest.mark.demo  # about the demo's own catalogue: its six procedures and their published texts
def test_the_english_catalogue_is_in_english(client):
    html = client.get("/en/administrative-procedures/").content.decode()
    assert "Permission for business people to use the APEC Business Travel Card (ABTC)" in html
    assert "22 working days" in html and "full process" in html
    assert "Apply online" in html


def _catalogue_part(html: str) -> str:
    """The procedures listed, without the category's news items below them."""
    return html.split('id="procedure-news-heading"')[0]


@pytest.mark.demo  # about the demo's own catalogue: its six procedures and their published texts
def test_the_catalogue_filters_by_name_without_diacritics_field_and_service(client):
    html = _catalogue_part(client.get(CATALOGUE, {"q": "hoi nghi"}).content.decode())
    assert "Cho phép tổ chức hội nghị" in html and "APEC" not in html
    html = _catalogue_part(client.get(CATALOGUE, {"scope": "full"}).content.decode())
    assert "APEC" in html and "Cho phép tổ chức hội nghị" not in html
    html = _catalogue_part(client.get(CATALOGUE, {"field": "lanh-su"}).content.decode())
    assert "APEC" in html and "Tiếp nhận, thẩm định khoản viện trợ" not in html
    html = client.get(CATALOGUE, {"q": "khong co thu tuc nay"}).content.decode()
    assert "Không có thủ tục nào phù hợp." in html
    assert client.get(CATALOGUE, {"field": "<script>"}).status_code == 200


@pytest.mark.demo  # about the demo's own catalogue: its six procedures and their published texts
def test_a_procedure_page_shows_the_eleven_fields_and_its_history(client):
    html = client.get(CATALOGUE + "thu-tuc/the-abtc/").content.decode()
    for heading in (
        "Trình tự thực hiện",
        "Cách thức thực hiện",
        "Thành phần, số lượng hồ sơ",
        "Thời hạn giải quyết",
        "Đối tượng thực hiện",
        "Cơ quan thực hiện",
        "Kết quả thực hiện",
        "Mẫu đơn, mẫu tờ khai và phí, lệ phí",
        "Cách thức nộp hồ sơ và nhận kết quả",
        "Căn cứ pháp lý",
    ):
        assert heading in html, heading
    assert "Sở Ngoại vụ 08 ngày, Công an tỉnh 07 ngày" in html
    assert "Quyết định số 09/2023/QĐ-TTg" in html
    assert "toàn trình" in html and "mức độ 4" in html
    assert "Phiên bản 1" in html  # the retired version, linked from the history
    assert reverse("applications:apply", kwargs={"slug": "the-abtc"}) in html


@pytest.mark.demo  # about the demo's own catalogue: its six procedures and their published texts
def test_a_retired_version_is_kept_readable_and_says_so(client):
    html = client.get(CATALOGUE + "thu-tuc/the-abtc/phien-ban/1/").content.decode()
    assert "Phiên bản này không còn áp dụng." in html
    assert "Quyết định số 45/2006/QĐ-TTg" in html
    assert "mức độ 3" in html
    assert "Nộp hồ sơ trực tuyến</a>" not in html.split("<main")[1].split("</header>")[0]
    assert client.get(CATALOGUE + "thu-tuc/the-abtc/phien-ban/99/").status_code == 404
    assert client.get(CATALOGUE + "thu-tuc/khong-co/").status_code == 404


def test_the_catalogues_queries_do_not_grow_with_the_number_of_procedures(client, secretary, in_effect):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CATALOGUE).status_code == 200
        return len(queries)

    count()  # the first request fills per-process caches (site, locales)
    before = count()
    template = in_effect
    for number in range(5):
        procedure = Procedure.objects.create(
            code=f"SNV-TEST-{number}",
            slug=f"thu-nghiem-{number}",
            field=template.procedure.field,
            unit=template.procedure.unit,
        )
        copy, _children = template.copy_cluster(
            exclude_fields=["id", "number", "status", "effective_from", "retired_on"]
        )
        copy.procedure, copy.status = procedure, "draft"
        copy.save()
        services.version_put_into_effect(version=copy, user=secretary)
    assert count() == before


def test_catalogue_and_procedure_pages_have_bounded_queries(client, django_assert_max_num_queries, in_effect):
    with django_assert_max_num_queries(30):
        assert client.get(CATALOGUE).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(CATALOGUE + f"thu-tuc/{in_effect.procedure.slug}/").status_code == 200


def test_putting_a_new_version_into_effect_retires_the_old_one_and_is_logged(client, secretary, in_effect):
    current = in_effect
    assert current.processing_days != 4
    draft = services.version_new_draft(version=current, user=secretary)
    assert draft.number == current.number + 1 and draft.status == "draft"
    assert draft.form_fields.count() == current.form_fields.count()
    assert draft.required_documents.count() == current.required_documents.count()
    with pytest.raises(services.CatalogueError):
        services.version_new_draft(version=current, user=secretary)
    draft.processing_days = 4
    draft.save()
    services.version_put_into_effect(version=draft, user=secretary, effective_from=dt.date(2026, 1, 5))
    current.refresh_from_db()
    draft.refresh_from_db()
    assert current.status == "retired" and current.retired_on == dt.date(2026, 1, 5)
    assert draft.status == "effective"
    logged = ModelLogEntry.objects.filter(
        user=secretary, action__in=["procedures.put_into_effect", "procedures.retire"]
    )
    assert logged.count() == 2
    html = client.get(CATALOGUE + f"thu-tuc/{current.procedure.slug}/").content.decode()
    assert "4 ngày làm việc" in html  # the cache was cleared on commit
    with pytest.raises(services.CatalogueError):
        services.version_put_into_effect(version=draft, user=secretary)


def test_a_version_cannot_take_effect_before_the_one_it_replaces(secretary, in_effect):
    current = in_effect
    draft = services.version_new_draft(version=current, user=secretary)
    with pytest.raises(services.CatalogueError):
        services.version_put_into_effect(version=draft, user=secretary, effective_from=dt.date(2001, 1, 1))


def test_the_secretariat_edits_the_catalogue_and_others_cannot(client, secretary, in_effect):
    edit = reverse("wagtailsnippets_procedures_procedureversion:edit", args=[in_effect.pk])
    login_with_second_factor(client, secretary)
    assert client.get(edit).status_code == 200
    for role in (roles.CONTRIBUTOR, roles.APPLICATION_OFFICER, roles.ACCOUNTANT):
        client.logout()
        login_with_second_factor(client, StaffFactory(role=role, unit=in_effect.procedure.unit))
        assert client.get(edit).status_code in (302, 403), role.group_name


def test_a_retired_version_cannot_be_edited_in_the_admin(client, secretary, in_effect):
    draft = services.version_new_draft(version=in_effect, user=secretary)
    services.version_put_into_effect(version=draft, user=secretary)
    retired = ProcedureVersion.objects.get(pk=in_effect.pk, status="retired")
    login_with_second_factor(client, secretary)
    response = client.get(reverse("wagtailsnippets_procedures_procedureversion:edit", args=[retired.pk]), follow=True)
    assert "không thể sửa" in response.content.decode()


def test_the_catalogue_admin_lists_versions_with_their_actions(client, secretary, in_effect):
    login_with_second_factor(client, secretary)
    html = client.get(reverse("wagtailsnippets_procedures_procedureversion:list")).content.decode()
    assert "Tạo phiên bản nháp mới" in html
    assert in_effect.name_vi in html


def test_a_full_process_service_must_be_level_4():
    from django.core.exceptions import ValidationError

    version = ProcedureVersionFactory(legacy_level=3)
    version.online_scope = ProcedureVersion.FULL
    with pytest.raises(ValidationError):
        version.clean()


@pytest.mark.demo  # an older demo's category upgraded: the demo's ABTC procedure is listed in it
def test_an_older_demos_plain_category_becomes_the_catalogue_with_its_items(client):
    from portal.demo.procedures import upgrade_to_catalogue
    from portal.news.models import SectionPage
    from portal.news.tests.factories import publish_article, vietnamese_home

    old = vietnamese_home().add_child(instance=SectionPage(title="Thủ tục cũ", slug="thu-tuc-cu"))
    old.save_revision().publish()
    item = publish_article(old, title="Tin trong mục cũ")
    assert upgrade_to_catalogue(old)
    page = ProcedureIndexPage.objects.get(pk=old.pk)
    html = client.get(page.url).content.decode()
    assert "Cho phép doanh nhân sử dụng thẻ đi lại" in html and item.title in html
    assert not upgrade_to_catalogue(old)  # already done


@pytest.mark.demo  # the demo's ABTC procedure, found in both languages
@pytest.mark.parametrize(
    ("search", "query", "name"),
    [
        (
            "/tim-kiem/",
            "the di lai doanh nhan apec",
            "Cho phép doanh nhân sử dụng thẻ đi lại của doanh nhân APEC (ABTC)",
        ),
        ("/en/search/", "business travel card", "Permission for business people to use the APEC Business Travel Card"),
    ],
)
def test_the_site_search_finds_a_procedure_typed_without_diacritics(client, search, query, name):
    html = client.get(search, {"q": query}).content.decode()
    assert name in html
    detail = "/thu-tuc-hanh-chinh/" if search == "/tim-kiem/" else "/en/"
    assert re.search(rf'href="{detail}[^"]*the-abtc/"', html)


def test_a_search_for_words_no_procedure_has_lists_none(client):
    html = client.get("/tim-kiem/", {"q": "bong da"}).content.decode()
    assert 'id="procedures-heading"' not in html


@pytest.mark.demo  # about the demo's own catalogue: its six procedures and their published texts
def test_the_sitemap_lists_every_procedure_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    for slug in SEEDED:
        assert re.search(rf"<loc>http://[^<]+/thu-tuc-hanh-chinh/[^<]*{slug}/</loc>", xml), slug
        assert re.search(rf"<loc>http://[^<]+/en/[^<]*{slug}/</loc>", xml), slug
