"""What a citizen sees on category and article pages, in both languages."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.news.models import ArticleAttachment, ArticlePage, SectionPage
from portal.units.models import Unit

from .factories import english_home, publish_article, section, vietnamese_home

pytestmark = pytest.mark.django_db

APPENDIX_I_CATEGORIES = [
    "thong-tin-don-vi",
    "tin-tuc-su-kien",
    "chi-dao-dieu-hanh",
    "van-ban-chi-dao-dieu-hanh",
    "chuong-trinh-cong-tac",
    "pho-bien-phap-luat",
    "thu-tuc-hanh-chinh",
    "chinh-sach-doi-ngoai",
    "hop-tac-quoc-te",
    "lanh-su-nguoi-viet-nam-o-nuoc-ngoai",
    "bao-chi-hoi-thao",
    "quan-ly-bien-gioi-hop-tac-voi-lao",
    "thanh-tra-ngoai-giao",
    "tuyen-dung",
    "so-tay-le-tan-ngoai-giao",
    # "hoi-dap" (row 15) is the Q&A page of portal.qa, tested there
    "hinh-anh-hoat-dong",
    "trung-tam-dich-vu-doi-ngoai",
]


def test_every_category_of_appendix_i_has_a_page_in_both_languages(client):
    for slug in APPENDIX_I_CATEGORIES:
        category = section(slug)
        response = client.get(category.url)
        assert response.status_code == 200, slug
        english = section(slug, "en")
        assert english is not None and english.live, f"{slug} has no English category"
        assert client.get(english.url).status_code == 200


@pytest.mark.demo  # about the demo's content: it fills every category of Appendix I
def test_the_demo_has_items_in_every_category_of_appendix_i():
    for slug in APPENDIX_I_CATEGORIES:
        assert section(slug).items().exists(), f"demo category {slug} is empty"


def test_category_lists_items_newest_first_and_paginates(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    news = section("tin-tuc-su-kien")
    for days_ago in (1, 2, 3):
        publish_article(news, title=f"Tin đăng {days_ago} ngày trước", days_ago=days_ago)
    newest = publish_article(news, title="Tin mới nhất về hội nghị ASEAN", days_ago=-0.001)
    response = client.get(news.url)
    titles = [item.title for item in response.context["items"]]
    assert titles[0] == newest.title
    assert len(titles) == 2
    dates = [item.first_published_at for item in news.items()]
    assert dates == sorted(dates, reverse=True)
    second = client.get(news.url, {"page": 2})
    assert second.status_code == 200
    assert newest.title not in second.content.decode()
    assert "Trang 2" in second.content.decode() or "Page 2" in second.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "99999", "1e9", "' OR 1=1 --"])
def test_unknown_page_numbers_show_the_first_page(client, page_number):
    response = client.get(section("tin-tuc-su-kien").url, {"page": page_number})
    assert response.status_code == 200
    assert response.context["items"].number == 1


def test_article_shows_lead_body_author_unit_date_and_tools(client):
    article = publish_article(
        section("hop-tac-quoc-te"),
        title="Đoàn doanh nghiệp Nhật Bản làm việc tại Huế",
        lead="Sở tiếp đoàn doanh nghiệp tỉnh Hyogo.",
        author_name="Minh Thư",
        unit=Unit.objects.get(code="hop-tac-quoc-te"),
    )
    html = client.get(article.url).content.decode()
    assert article.title in html
    assert article.lead in html
    assert article.author_name in html
    assert article.unit.name_vi in html
    assert article.first_published_at.astimezone().strftime("%d/%m/%Y") in html
    assert f"{article.url}pdf/" in html
    assert "facebook.com/sharer" in html and "<script" not in html.split("</head>")[1].split("<footer")[0]


def test_collected_item_names_and_links_its_source(client):
    collected = publish_article(
        section("tin-tuc-su-kien"),
        title="Huế đón khách quốc tế dịp lễ hội",
        source_kind=ArticlePage.SOURCE_COLLECTED,
        source_name="Báo Thừa Thiên Huế",
        source_url="https://baothuathienhue.vn/tin-le-hoi",
    )
    html = client.get(collected.url).content.decode()
    assert collected.source_name in html
    assert f'href="{collected.source_url}"' in html


def test_article_pdf_is_a_pdf_with_its_title(client):
    image = get_image_model().objects.create(title="Ảnh hội nghị", file=get_test_image_file())
    article = publish_article(
        section(), title="Hội nghị tổng kết công tác đối ngoại", image=image, image_alt="Hội nghị"
    )
    response = client.get(f"{article.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000


def test_related_items_come_from_the_same_category(client):
    news = section("tin-tuc-su-kien")
    publish_article(section("hop-tac-quoc-te"), title="Tin của chuyên mục khác")
    for days_ago in (3, 2, 1):
        publish_article(news, days_ago=days_ago)
    article = news.items().first()
    related = article.related_items()
    assert related and all(item.get_parent().pk == news.pk for item in related)
    assert article.pk not in [item.pk for item in related]


def test_english_article_links_to_its_vietnamese_original(client):
    original = publish_article(section("hop-tac-quoc-te"), title="Đoàn Lào thăm Huế")
    english = original.copy_for_translation(english_home().locale).specific
    english.title, english.slug = "Lao delegation visits Hue", "lao-delegation-visits-hue"
    english.save_revision().publish()
    english.refresh_from_db()
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert f'hreflang="vi" href="http://testserver{original.url}"' in html
    assert f'href="{original.url}"' in html  # the language switch


def test_untranslated_page_switches_to_the_other_home(client):
    publish_article(section(), title="Tin chỉ có tiếng Việt")
    untranslated = next(
        article
        for article in ArticlePage.objects.live().filter(locale__language_code="vi")
        if not article.get_translations().exists()
    )
    html = client.get(untranslated.url).content.decode()
    assert f'href="{english_home().url}" lang="en"' in html
    assert 'hreflang="en"' not in html.split("</head>")[0]


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm renditions and Wagtail's own caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("which", ["home", "category", "article"])
def test_queries_per_page_do_not_grow_with_content(client, which):
    client.cookies["sessionid"] = "bypass-page-cache"  # measure rendering, not the page cache
    news = section("tin-tuc-su-kien")
    article = publish_article(news, title="Tin đo số truy vấn", days_ago=-0.001)
    url = {"home": vietnamese_home().url, "category": news.url, "article": article.url}[which]
    before = _queries_for(client, url)
    for number in range(25):
        publish_article(news, title=f"Tin bổ sung {number}", days_ago=number / 10, featured=number % 5 == 0)
    after = _queries_for(client, url)
    assert after <= before, f"{which}: {before} queries before, {after} after adding 25 items"
    assert before <= 45, f"{which} page needs {before} queries"


def test_sections_are_only_under_homes_and_items_only_under_sections():
    assert SectionPage.parent_page_types == ["home.HomePage", "news.SectionPage"]
    # A category may be the index page of its own content type (the registry, the albums...): a SectionPage still.
    parents = ArticlePage.clean_parent_page_models()
    assert SectionPage in parents and all(issubclass(model, SectionPage) for model in parents)


def test_a_document_announcement_offers_its_file(client):
    document = get_document_model().objects.create(
        title="Quyết định ban hành quy chế", file=ContentFile(b"%PDF-1.4\n% quy che\n", name="quyet-dinh-quy-che.pdf")
    )
    publish_article(
        section("van-ban-chi-dao-dieu-hanh"),
        title="Quyết định ban hành quy chế làm việc",
        attachments=[ArticleAttachment(document=document)],
    )
    announcement = section("van-ban-chi-dao-dieu-hanh").items().first()
    attachment = announcement.attachments.first()
    html = client.get(announcement.url).content.decode()
    assert attachment.document.url in html and "(PDF)" in html
    download = client.get(attachment.document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
