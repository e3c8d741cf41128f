"""What a citizen sees in the documents registry: the list, its filters, search, a document, feeds."""

import datetime as dt

import pytest
from django.utils import translation

from portal.demo.documents import ensure_demo_documents
from portal.documents.models import DocumentIndexPage, DocumentPage
from portal.home.models import HomePage
from portal.news.tests.factories import section
from portal.testing.factories import ArticleFactory

from .factories import field, issuer, kind, publish_document, registry

# Reads the demo's own records (the ensure_demo_* loaders add nothing on the demo): on the demo, where they
# cost nothing per test, until a small factory-made set replaces them.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(autouse=True)
def known_registry(db):
    """The registry's known documents (numbers, kinds, relations, files, English translations): the set the
    demo publishes, published here by each test itself, so that the tests run on any installation (where the
    demo already published them, nothing is added)."""
    ensure_demo_documents()


def _numbers(response) -> list[str]:
    return [document.number for document in response.context["documents"]]


def _titles(response) -> list[str]:
    return [document.title for document in response.context["documents"]]


def test_the_registry_is_the_documents_category_and_the_home_quick_link(client):
    page = registry()
    assert page.url == "/chi-dao-dieu-hanh/van-ban-chi-dao-dieu-hanh/"
    assert section("van-ban-chi-dao-dieu-hanh").pk == page.pk  # still the category everything keys on
    home = HomePage.objects.get(locale__language_code="vi")
    assert home.documents_page_id == page.pk
    html = client.get("/").content.decode()
    assert f'href="{page.url}"' in html


def test_list_shows_newest_documents_first_with_number_date_and_issuer(client):
    response = client.get(registry().url)
    assert response.status_code == 200
    dates = [document.issue_date for document in response.context["documents"]]
    assert dates == sorted(dates, reverse=True)
    html = response.content.decode()
    assert "66/QĐ-SNgV" in html or response.context["documents"].paginator.num_pages > 1
    assert "Sở Ngoại vụ tỉnh Thừa Thiên Huế" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("66/QĐ-SNgV", "66/QĐ-SNgV"),
        ("66/qd-sngv", "66/QĐ-SNgV"),
        ("66", "66/QĐ-SNgV"),
        ("QĐ-SNgV", None),  # the symbol: every decision of the Department
        ("1245/SNgV-VP", "1245/SNgV-VP"),
    ],
)
def test_filter_by_number(client, query, expected):
    numbers = _numbers(client.get(registry().url, {"number": query}))
    if expected:
        assert numbers == [expected]
    else:
        assert set(numbers) == {"26/QĐ-SNgV", "66/QĐ-SNgV", "45/QĐ-SNgV", "58/QĐ-SNgV"}


def test_filter_by_kind_issuer_field_and_year(client):
    url = registry().url
    decrees = _numbers(client.get(url, {"kind": kind("Nghị định").pk}))
    assert set(decrees) == {"43/2011/NĐ-CP", "42/2022/NĐ-CP", "80/2020/NĐ-CP"}
    government = _numbers(client.get(url, {"issuer": issuer("Chính phủ").pk, "year": 2022}))
    assert government == ["42/2022/NĐ-CP"]
    organisation = _titles(client.get(url, {"field": field("Tổ chức - cán bộ").pk, "year": 2016}))
    assert organisation == [DocumentPage.objects.get(slug="66-qd-sngv-2016", locale__language_code="vi").title]
    assert _numbers(client.get(url, {"year": 2017})) == [""]  # the 2017 plan has no number


@pytest.mark.parametrize(
    ("query", "expected_slugs"),
    [
        ("quy che hoat dong", {"26-qd-sngv-2012", "45-qd-sngv-2021"}),
        ("Quy chế hoạt động", {"26-qd-sngv-2012", "45-qd-sngv-2021"}),
        ("kien toan ban bien tap", {"66-qd-sngv-2016"}),
        ("hoi nghi hoi thao quoc te", {"06-2020-qd-ttg", "1234-qd-ubnd"}),
    ],
)
def test_search_without_diacritics_finds_the_demo_documents(client, query, expected_slugs):
    response = client.get(registry().url, {"q": query})
    slugs = {document.slug for document in response.context["documents"]}
    assert expected_slugs <= slugs, slugs
    assert "66-qd-sngv-2016" not in slugs or "66-qd-sngv-2016" in expected_slugs


def test_search_reads_the_text_of_the_files(client):
    # "kinh phí tự chủ" is only in the plan's Word file, not in its title or summary.
    response = client.get(registry().url, {"q": "kinh phi tu chu"})
    assert [document.slug for document in response.context["documents"]] == ["ke-hoach-hoat-dong-trang-ttdt-2017"]


def test_search_and_filters_combine(client):
    url = registry().url
    both = client.get(url, {"q": "quy che", "year": 2021})
    assert _numbers(both) == ["45/QĐ-SNgV"]
    nothing = client.get(url, {"q": "quy che", "kind": kind("Nghị định").pk})
    assert _numbers(nothing) == []
    assert "No document matches these filters" in nothing.content.decode() or "Không có văn bản" in (
        nothing.content.decode()
    )


@pytest.mark.parametrize(
    "params",
    [{"kind": "abc"}, {"kind": "999999"}, {"year": "1800"}, {"year": "x"}, {"issuer": "-1"}, {"q": "x" * 500}],
)
def test_bad_filters_get_a_message_not_an_error(client, params):
    response = client.get(registry().url, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    html = response.content.decode()
    assert 'class="field__error"' in html
    assert response.context["documents"].paginator.count > 0  # the registry is still listed


def test_site_search_finds_documents_by_number_and_words(client):
    by_number = client.get("/tim-kiem/", {"q": "66/QĐ-SNgV"})
    titles = [page.title for page in by_number.context["results"]]
    assert any(title.startswith("Quyết định số 66/QĐ-SNgV") for title in titles)
    assert any(isinstance(page, DocumentPage) for page in by_number.context["results"])
    by_words = client.get("/tim-kiem/", {"q": "quy che hoat dong"})
    found = {page.slug for page in by_words.context["results"] if isinstance(page, DocumentPage)}
    assert "26-qd-sngv-2012" in found


def test_a_document_page_shows_its_facts_files_and_relations(client):
    document = DocumentPage.objects.get(slug="66-qd-sngv-2016", locale__language_code="vi")
    assert document.url == "/chi-dao-dieu-hanh/van-ban-chi-dao-dieu-hanh/66-qd-sngv-2016/"
    html = client.get(document.url).content.decode()
    for text in ("66/QĐ-SNgV", "21/07/2016", "Trần Công Phú", "Tổ chức - cán bộ", document.summary, "Còn hiệu lực"):
        assert text in html, text
    assert document.files.first().document.url in html
    # the plan implements it: the relation shows from both ends
    plan = DocumentPage.objects.get(slug="ke-hoach-hoat-dong-trang-ttdt-2017", locale__language_code="vi")
    assert plan.title in html


def test_a_replaced_document_says_so_and_links_its_replacement(client):
    old = DocumentPage.objects.get(slug="26-qd-sngv-2012", locale__language_code="vi")
    new = DocumentPage.objects.get(slug="45-qd-sngv-2021", locale__language_code="vi")
    html = client.get(old.url).content.decode()
    assert "Bị thay thế" in html
    assert new.url in html
    assert old.url in client.get(new.url).content.decode()


def test_expiry_and_future_dates_set_the_status(client):
    expired = publish_document(issue_date=dt.date(2020, 1, 6), expiry_date=dt.date(2021, 1, 1))
    future = publish_document(issue_date=dt.date.today(), effective_date=dt.date.today() + dt.timedelta(days=30))
    assert "Hết hiệu lực" in client.get(expired.url).content.decode()
    assert "Chưa có hiệu lực" in client.get(future.url).content.decode()


def test_english_registry_lists_the_translated_documents(client):
    english = registry("en")
    response = client.get(english.url)
    assert response.status_code == 200
    titles = _titles(response)
    assert "Decision No. 66/QD-SNgV on restructuring the Editorial Board of the Department's website" in titles
    assert all(document.locale.language_code == "en" for document in response.context["documents"])
    with translation.override("en"):
        html = client.get(english.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Issuing body" in html
    old = DocumentPage.objects.get(
        locale__language_code="en",
        translation_key=DocumentPage.objects.get(slug="26-qd-sngv-2012", locale__language_code="vi").translation_key,
    )  # English pages have English slugs
    assert "Replaced" in client.get(old.url).content.decode()


def test_registry_feed_lists_documents(client):
    response = client.get(registry().url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "1245/SNgV-VP" in body
    assert "<item>" in body


def test_sitemap_lists_documents(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/chi-dao-dieu-hanh/van-ban-chi-dao-dieu-hanh/66-qd-sngv-2016/" in body
    english = DocumentPage.objects.get(
        locale__language_code="en",
        translation_key=DocumentPage.objects.get(slug="66-qd-sngv-2016", locale__language_code="vi").translation_key,
    )
    assert english.url in body  # at its English address


def test_pagination_keeps_the_filters(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    response = client.get(registry().url, {"issuer": issuer().pk})
    html = response.content.decode()
    assert response.context["documents"].paginator.num_pages > 1
    assert f"issuer={issuer().pk}&amp;page=2" in html


def _bulk_documents(count: int) -> None:
    for number in range(count):
        publish_document(
            number=f"{900 + number}/QĐ-SNgV", with_file=number % 2 == 0, field=field(), issue_date=dt.date(2023, 3, 1)
        )


@pytest.mark.parametrize("extra", [0, 15])
def test_list_and_detail_queries_do_not_grow_with_the_registry(client, django_assert_max_num_queries, extra):
    _bulk_documents(extra)
    page = registry()
    client.get(page.url)  # what a worker works out once (site, menus) is not what grows with the registry
    with django_assert_max_num_queries(30):
        assert client.get(page.url).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(page.url, {"q": "quyet dinh", "year": 2023}).status_code == 200
    document = DocumentPage.objects.get(slug="ke-hoach-hoat-dong-trang-ttdt-2017", locale__language_code="vi")
    with django_assert_max_num_queries(30):
        assert client.get(document.url).status_code == 200


def test_index_pages_keep_their_category_behaviour():
    page = DocumentIndexPage.objects.get(locale__language_code="vi")
    news = ArticleFactory(parent=page, title="Tin về văn bản mới ban hành")
    assert news in page.items()  # the category's own news items stay under it
    assert page.show_in_menus is False and page.get_parent().slug == "chi-dao-dieu-hanh"


def test_the_filter_forms_have_no_empty_action(client):
    """An empty action="" is invalid HTML: without the attribute the form goes to the page itself."""
    from portal.documents.models import TreatyIndexPage

    treaties = TreatyIndexPage.objects.live().first()
    assert treaties is not None
    for url in (treaties.url, "/thu-tuc-hanh-chinh/"):
        html = client.get(url).content.decode()
        assert '<form class="search-form' in html and 'method="get"' in html, url
        assert 'action=""' not in html, url
