"""The annual financial report and the list of published information (Decree 42/2022)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale

from portal.demo.disclosure import ensure_demo_disclosure
from portal.disclosure.models import DisclosureIndexPage, FinancialReportPage, InformationListPage

# Reads the demo's own records (the ensure_demo_* loaders add nothing on the demo): on the demo, where they
# cost nothing per test, until a small factory-made set replaces them.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(autouse=True)
def known_disclosure(db):
    """The disclosure pages: last year's financial report and the information list: the known set the demo publishes,
    published here by each test itself, so that the tests run on any installation (where the demo already
    published it, nothing is added)."""
    ensure_demo_disclosure()


def index(language="vi"):
    return DisclosureIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


def report():
    return FinancialReportPage.objects.get(locale__language_code="vi")


def test_the_disclosure_section_lists_the_report_and_the_information_list(client):
    assert index().url == "/thong-tin-don-vi/cong-khai-thong-tin/"
    html = client.get(index().url).content.decode()
    assert report().title in html and "Danh mục thông tin phải công khai" in html


def test_the_report_shows_lines_and_totals_in_dong(client):
    html = client.get(report().url).content.decode()
    assert "Chi duy trì Trang thông tin điện tử (nhuận bút, thù lao)" in html
    assert "26.300.000 đ" in html and "25.850.000 đ" in html
    assert "8.145.000.000 đ" in html  # total revenue budget: 6.85 bn + 1.2 bn + 95 m
    assert report().files.exists()


def test_one_report_per_year():
    duplicate = FinancialReportPage(
        title="x", year=report().year, report_date=timezone.localdate(), summary="s", locale=report().locale
    )
    with pytest.raises(ValidationError) as refusal:
        duplicate.clean()
    assert "year" in refusal.value.message_dict


def test_the_information_list_links_where_each_item_is_published(client):
    listing = InformationListPage.objects.get(locale__language_code="vi")
    html = client.get(listing.url).content.decode()
    assert 'href="/chi-dao-dieu-hanh/van-ban-chi-dao-dieu-hanh/"' in html
    assert 'href="/hop-tac-quoc-te/dieu-uoc-thoa-thuan-quoc-te/"' in html
    assert f'href="{report().url}"' in html
    assert "Nghị định 42/2022/NĐ-CP" in html


def test_english_pages_sitemap_and_search(client):
    english = client.get(index("en").url)
    assert english.status_code == 200 and "Financial report of the Department" in english.content.decode()
    assert report().url in client.get("/sitemap.xml").content.decode()
    assert report().pk in [page.pk for page in client.get("/tim-kiem/", {"q": "bao cao tai chinh"}).context["results"]]


def test_queries_are_bounded(client, django_assert_max_num_queries):
    for url in (index().url, report().url, InformationListPage.objects.get(locale__language_code="vi").url):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200
