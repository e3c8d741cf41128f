"""The home page a citizen opens first, in both languages."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from portal.core.models import AgencySettings
from portal.home.models import ITEMS_PER_HOME_BLOCK
from portal.news.models import ArticlePage, SectionPage
from portal.news.tests.factories import english_home, publish_article, section, vietnamese_home

pytestmark = pytest.mark.django_db


def test_home_shows_featured_and_latest_items(client):
    news = section("tin-tuc-su-kien")
    featured = [publish_article(news, title=f"Tin nổi bật số {n}", featured=True) for n in range(2)]
    for n in range(8):
        publish_article(news, title=f"Tin mới đăng số {n}")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert all(item.title in html for item in featured)
    newest = ArticlePage.objects.live().filter(locale__language_code="vi").order_by("-first_published_at")[:8]
    assert [item.title for item in newest] == [f"Tin mới đăng số {n}" for n in reversed(range(8))]
    assert all(item.title in html for item in newest)


def test_home_has_a_block_per_main_category_with_its_newest_items(client):
    home = vietnamese_home()
    blocks = home.category_blocks()
    shown = SectionPage.objects.child_of(home).filter(show_on_home=True)
    assert [category.pk for category, _ in blocks] == list(shown.order_by("path").values_list("pk", flat=True))
    html = client.get("/").content.decode()
    for category, items in blocks:
        assert category.title in html
        expected = list(category.items()[:ITEMS_PER_HOME_BLOCK])
        assert [item.pk for item in items] == [item.pk for item in expected]


def test_home_has_quick_links_to_services_questions_and_documents(client):
    html = client.get("/").content.decode()
    for slug in ("thu-tuc-hanh-chinh", "van-ban-chi-dao-dieu-hanh"):
        assert f'href="{section(slug).url}"' in html
    questions = Page.objects.get(slug="hoi-dap", locale__language_code="vi")  # the Q&A page (portal.qa)
    assert f'href="{questions.url}"' in html
    english = client.get("/en/").content.decode()
    assert f'href="{questions.get_translation(english_home().locale).url}"' in english


def test_footer_shows_the_agency_contact_details_in_each_language(client):
    agency = AgencySettings.load()
    vi = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    for html in (vi, en):
        assert agency.phone in html and agency.email in html and agency.officer_name in html
    assert agency.address_vi in vi and agency.name_vi in vi
    assert agency.address_en in en and agency.name_en in en


def test_english_home_lists_only_english_items(client):
    html = client.get(english_home().url).content.decode()
    for item in (
        ArticlePage.objects.live()
        .filter(locale__language_code="vi")
        .exclude(translation_key__in=ArticlePage.objects.filter(locale__language_code="en").values("translation_key"))[
            :10
        ]
    ):
        assert item.title not in html


def test_main_menu_is_built_from_the_tree(client):
    html = client.get("/").content.decode()
    for category in vietnamese_home().get_children().live().in_menu():
        assert f'href="{category.url}"' in html


def test_an_item_with_an_image_needs_alternative_text():
    image = get_image_model().objects.create(title="Ảnh tin bài", file=get_test_image_file())
    article = ArticlePage(title="Ảnh thiếu mô tả", lead="Tóm tắt", image=image, image_alt="  ")
    with pytest.raises(ValidationError) as refused:
        article.full_clean(exclude=["path", "depth", "slug", "content_type", "translation_key", "locale"])
    assert "image_alt" in refused.value.message_dict


def test_a_collected_item_must_name_its_source():
    article = ArticlePage(title="Tin sưu tầm", lead="Tóm tắt", source_kind=ArticlePage.SOURCE_COLLECTED)
    with pytest.raises(ValidationError) as refused:
        article.full_clean(exclude=["path", "depth", "slug", "content_type", "translation_key", "locale"])
    assert "source_name" in refused.value.message_dict


def test_a_new_featured_item_leads_the_home_page(client):
    item = publish_article(
        section("hop-tac-quoc-te"), title="Tin nổi bật mới về Hàn Quốc", featured=True, days_ago=-0.01
    )
    assert vietnamese_home().featured_items()[0].pk == item.pk
    assert item.title in client.get("/").content.decode()
