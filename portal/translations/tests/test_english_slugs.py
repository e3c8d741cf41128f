"""Issue 19 item 6: English pages have English addresses, made from their English titles, and their
old Vietnamese-slug /en/ addresses answer 301 to the new ones (Wagtail's redirects app)."""

import pytest
from wagtail.models import Page

from portal.news.models import ArticlePage
from portal.news.tests.factories import publish_article, section
from portal.translations import services
from portal.translations.models import TranslationTask

pytestmark = pytest.mark.django_db


def test_an_item_translated_through_the_queue_is_published_at_an_english_address(client, translator, chief):
    article = publish_article(section("hop-tac-quoc-te"), title="Đoàn công tác tỉnh Gyeongsangbuk-do thăm Huế")
    task = TranslationTask.objects.get(original=article)
    english = services.task_start(task=task, user=translator)
    assert english.slug == article.slug  # Wagtail's copy keeps the Vietnamese slug until the translation is done

    english.title = "A delegation from Gyeongsangbuk-do visits Huế"
    # The workflow's last approval publishes without a permission check (only the administrator publishes by hand).
    english.save_revision(user=translator).publish(user=chief, skip_permission_checks=True)

    english = ArticlePage.objects.get(pk=english.pk)
    assert english.slug == "a-delegation-from-gyeongsangbuk-do-visits-hue"
    assert english.url == "/en/international-cooperation/a-delegation-from-gyeongsangbuk-do-visits-hue/"
    assert client.get(english.url).status_code == 200
    old = client.get(f"/en/international-cooperation/{article.slug}/")
    assert old.status_code == 301 and old["Location"] == english.url
    # Its drafts keep the English slug: publishing the next revision does not bring the Vietnamese one back.
    english.get_latest_revision_as_object().save_revision(user=translator).publish(
        user=chief, skip_permission_checks=True
    )
    assert ArticlePage.objects.get(pk=english.pk).slug == "a-delegation-from-gyeongsangbuk-do-visits-hue"


@pytest.mark.demo  # about the demo's own English pages and the address its earlier load gave one of them
def test_the_demos_english_pages_have_english_addresses_and_their_old_ones_redirect(client):
    still_vietnamese = [
        page.url_path
        for page in Page.objects.filter(locale__language_code="en", live=True, depth__gt=2)
        if services.english_slug_for(page)
    ]
    assert still_vietnamese == []
    # The demo loaded before the rule had /en/about-us/chuc-nang-nhiem-vu/ (Functions and duties).
    response = client.get("/en/about-us/chuc-nang-nhiem-vu/")
    assert response.status_code == 301
    assert response["Location"] == "/en/about-us/functions-and-duties/"
    assert client.get(response["Location"]).status_code == 200
    assert services.english_slugs_apply() == []  # the loader runs it on every `make run`: nothing left to do


def test_a_slug_staff_chose_and_an_untranslated_title_stay(translator):
    original = publish_article(section("hop-tac-quoc-te"), title="Đà Nẵng và Huế ký kết hợp tác du lịch")
    english = services.task_start(task=TranslationTask.objects.get(original=original), user=translator)
    english.slug = "our-own-choice"
    assert services.english_slug_for(english, original) is None
    english.slug, english.title = original.slug, original.title  # copied, not translated yet
    assert services.english_slug_for(english, original) is None
    english.title = "Đà Nẵng and Huế sign a tourism agreement"
    assert services.english_slug_for(english, original) == "da-nang-and-hue-sign-a-tourism-agreement"
