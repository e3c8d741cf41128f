"""The English site is built from the translated tree: a Vietnamese-only item or category never shows on it."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from wagtail.models import Locale

from portal.news.models import SectionPage
from portal.news.tests.factories import english_home, publish_article, section, vietnamese_home
from portal.translations import services
from portal.translations.selectors import translation_figures

pytestmark = pytest.mark.django_db

VI_ONLY_CATEGORY = "Chuyên mục chỉ có tiếng Việt"
VI_ONLY_ITEM = "Tin bài Zyxwvu chỉ có tiếng Việt"


@pytest.fixture
def vietnamese_only():
    home = vietnamese_home()
    category = home.add_child(
        instance=SectionPage(title=VI_ONLY_CATEGORY, slug="chi-tieng-viet", show_in_menus=True, show_on_home=True)
    )
    category.save_revision().publish()
    in_own = publish_article(category, title=VI_ONLY_ITEM, lead="Zyxwvu sapo tiếng Việt.", featured=True)
    in_translated = publish_article(
        section("hop-tac-quoc-te"), title=f"{VI_ONLY_ITEM} thứ hai", lead="Zyxwvu.", featured=True
    )
    return category, in_own, in_translated


def _english_pages(client, english):
    news = section("hop-tac-quoc-te", "en")
    return {
        "home": client.get(english.url),
        "category": client.get(news.url),
        "search": client.get("/en/search/", {"q": "Zyxwvu"}),
        "feed": client.get("/en/rss/"),
        "category feed": client.get(f"/en/rss/{news.path_below_home}/"),
    }


def test_vietnamese_only_content_never_shows_on_the_english_site(client, vietnamese_only):
    category, in_own, in_translated = vietnamese_only
    english = english_home()
    for name, response in _english_pages(client, english).items():
        assert response.status_code == 200, name
        text = response.content.decode()
        assert VI_ONLY_ITEM not in text and "Zyxwvu sapo" not in text, f"Vietnamese-only item on the English {name}"
        assert VI_ONLY_CATEGORY not in text, f"Vietnamese-only category on the English {name}"
    vietnamese_search = client.get("/tim-kiem/", {"q": "Zyxwvu"}).content.decode()
    assert VI_ONLY_ITEM in vietnamese_search, "the search finds the item on the Vietnamese site"
    # Not reachable under /en/ either, and the Vietnamese site does show them.
    assert client.get(f"/en/{category.slug}/").status_code == 404
    assert client.get(f"/en/{category.slug}/{in_own.slug}/").status_code == 404
    vietnamese = client.get(vietnamese_home().url).content.decode()
    assert VI_ONLY_CATEGORY in vietnamese and VI_ONLY_ITEM in vietnamese
    # The sitemap lists them once, at their Vietnamese address only.
    sitemap = client.get("/sitemap.xml").content.decode()
    assert sitemap.count(f"/{category.slug}/{in_own.slug}/") == 1
    assert f"/en/{category.slug}/" not in sitemap


def test_the_switch_leads_to_the_translation_once_it_is_published_and_to_the_english_home_before(
    client, translator, chief
):
    item = publish_article(section("hop-tac-quoc-te"), title="Lễ ký kết hợp tác với tỉnh Kumamoto")
    task, _created = services.task_create_for_publication(page=item)
    english = services.task_start(task=task, user=translator)
    html = client.get(item.url).content.decode()
    assert 'hreflang="en"' in html and f'href="{english_home().url}"' in html, "draft: the switch goes home"
    assert '<link rel="alternate" hreflang="en"' not in html
    english.title, english.lead = "Cooperation signed with Kumamoto", "The two provinces signed an agreement."
    english.slug = "cooperation-signed-with-kumamoto"
    # as the workflow's last approval does (only a superuser publishes by hand)
    english.save_revision(user=translator).publish(user=chief, skip_permission_checks=True)
    english.refresh_from_db()
    html = client.get(item.url).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english.url}">' in html
    english_html = client.get(english.url).content.decode()
    assert "Cooperation signed with Kumamoto" in english_html and f'href="{item.url}"' in english_html
    assert "Cooperation signed with Kumamoto" in client.get(section("hop-tac-quoc-te", "en").url).content.decode()


def test_figures_count_english_items_and_translations_on_time_late_and_pending(translator, chief):
    today = timezone.localdate()
    before = translation_figures(start=today, end=today)
    on_time = publish_article(section("hop-tac-quoc-te"), title="Tin dịch đúng hạn")
    late = publish_article(section("so-tay-le-tan-ngoai-giao"), title="Tin dịch trễ")
    publish_article(section("bao-chi-hoi-thao"), title="Tin chưa dịch")
    for item, days_late in ((on_time, 0), (late, 5)):
        task, _ = services.task_create_for_publication(page=item)
        english = services.task_start(task=task, user=translator)
        english.title = f"English {item.title}"
        # as the workflow's last approval does (only a superuser publishes by hand)
        english.save_revision(user=translator).publish(user=chief, skip_permission_checks=True)
        if days_late:
            task.refresh_from_db()
            task.completed_at = task.due_at + dt.timedelta(days=days_late)
            task.save()
    after = translation_figures(start=today, end=today)
    with translation.override("en"):  # the labels as an English-speaking member of staff reads them
        values = {str(f.label): f.value for f in after.figures}
        old = {str(f.label): f.value for f in before.figures}
        late_label = next(f for f in after.figures if str(f.label) == "Translations done late")
    assert values["English items published"] == old["English items published"] + 2
    assert values["Translations done on time"] == old["Translations done on time"] + 1
    assert values["Translations done late"] == old["Translations done late"] + 1
    assert values["Translations pending"] == old["Translations pending"] + 1
    assert late_label.ok is False and late_label.target
    assert Locale.objects.filter(language_code="en").exists()
