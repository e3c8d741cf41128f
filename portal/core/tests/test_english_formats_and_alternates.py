"""What a reader of the English site sees: English number formats and words in the portal's own
chrome, the home page's title naming the site once, and language alternates (hreflang and the
language switch) that lead to the same procedure or Q&A page in the other language."""

import re

import pytest
from django.template import Context, Template
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.models import Locale

from portal.core.amounts import money
from portal.investment.models import InvestmentIndexPage, InvestmentProjectPage, Sector
from portal.testing.factories import ProcedureVersionFactory

pytestmark = pytest.mark.django_db

SLUG = "the-doanh-nhan-apec-thu-nghiem"  # the procedure the `abtc` fixture makes
PROCEDURE_VI = f"/thu-tuc-hanh-chinh/thu-tuc/{SLUG}/"
PROCEDURE_EN = f"/en/administrative-procedures/procedure/{SLUG}/"


@pytest.fixture
def abtc():
    """A procedure in effect, in both languages, served online in full (level 4)."""
    return ProcedureVersionFactory(
        procedure__slug=SLUG,
        name_vi="Cấp thẻ đi lại của doanh nhân APEC (thẻ ABTC)",
        name_en="Issuing the APEC Business Travel Card (ABTC)",
        legacy_level=4,
    )


@pytest.fixture
def investment_projects():
    """Two projects, one in đồng and one in US dollars, each translated for the English site."""
    index = InvestmentIndexPage.objects.get(locale__language_code="vi")
    sector = Sector.objects.create(name_vi="Du lịch - Dịch vụ thử nghiệm", name_en="Tourism and services (test)")
    english = Locale.objects.get(language_code="en")
    projects = []
    for number, (capital, currency) in enumerate(((1_250_000_000_000, "VND"), (50_000_000, "USD"))):
        project = index.add_child(
            instance=InvestmentProjectPage(
                title=f"Dự án thử nghiệm số {number}",
                slug=f"du-an-thu-nghiem-{number}",
                sector=sector,
                capital=capital,
                currency=currency,
                location="Huế",
                summary="Tóm tắt dự án.",
            )
        )
        project.save_revision().publish()
        translation = project.copy_for_translation(english).specific
        translation.title = f"Test project number {number}"
        translation.save_revision().publish()
        projects.append(project)
    return projects


def alternates(html: str) -> dict[str, str]:
    """hreflang -> path of the page's <link rel="alternate"> elements (the feed's has no hreflang)."""
    links = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="https?://[^/]+([^"]*)"', html)
    return dict(links)


def switch(html: str) -> dict[str, str]:
    """Language code -> path of the language switch's links."""
    nav = html[html.index('class="toolbar__languages"') :]
    nav = nav[: nav.index("</nav>")]
    return {code: href for href, code in re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav)}


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [("vi", 15_000_000, "15.000.000 đ"), ("en", 15_000_000, "15,000,000 VND"), ("vi", 0, "0 đ"), ("en", None, "")],
)
def test_money_is_written_the_way_of_each_sites_readers(language, amount, expected):
    with translation.override(language):
        assert Template("{% load portal_tags %}{{ amount|money }}").render(Context({"amount": amount})) == expected


def test_other_currencies_are_grouped_by_language_and_sizes_use_the_languages_decimal_mark():
    with translation.override("vi"):
        assert money(50_000_000, "USD") == "50.000.000 USD"
        assert filesizeformat(2 * 1024 * 1024 + 100_000) == "2,1\xa0MB"
    with translation.override("en"):
        assert money(50_000_000, "USD") == "50,000,000 USD"
        assert filesizeformat(2 * 1024 * 1024 + 100_000) == "2.1\xa0MB"


def test_the_english_question_form_reads_english_numbers_and_words(client):
    html = client.get("/en/questions-and-answers/ask/").content.decode()
    assert "At most 5,000 characters." in html
    assert "at most 5.0\xa0MB." in html
    assert "Tối đa" not in html
    html = client.get("/hoi-dap/gui-cau-hoi/").content.decode()
    assert "Tối đa 5.000 ký tự." in html and "tối đa 5,0\xa0MB." in html


def test_the_english_catalogue_names_online_service_levels_in_english(client, abtc):
    html = client.get(PROCEDURE_EN).content.decode()
    assert ">full process<" in html
    assert "toàn trình" not in html and "một phần" not in html
    assert ">toàn trình<" in client.get(PROCEDURE_VI).content.decode()


def test_the_english_investment_list_writes_capital_with_commas(client, investment_projects):
    vietnamese = client.get(investment_projects[0].get_parent().url).content.decode()
    capitals = re.findall(r'<td class="number">([^<]+)</td>', vietnamese)
    assert capitals and all(re.fullmatch(r"\d{1,3}(\.\d{3})* (đ|USD)", c) for c in capitals), capitals
    assert {"1.250.000.000.000 đ", "50.000.000 USD"} <= set(capitals)
    english_url = alternates(vietnamese)["en"]
    capitals = re.findall(r'<td class="number">([^<]+)</td>', client.get(english_url).content.decode())
    assert capitals and all(re.fullmatch(r"\d{1,3}(,\d{3})* (VND|USD)", c) for c in capitals), capitals
    assert {"1,250,000,000,000 VND", "50,000,000 USD"} <= set(capitals)


@pytest.mark.parametrize(("url", "name"), [("/", "Sở Ngoại vụ tỉnh Thừa Thiên Huế"), ("/en/", "Department of")])
def test_the_home_pages_title_names_the_site_once(client, url, name):
    title = re.search(r"<title>(.*?)</title>", client.get(url).content.decode()).group(1)
    assert title.startswith(name) and "|" not in title, title


def test_other_pages_titles_end_with_the_sites_name(client):
    title = re.search(r"<title>(.*?)</title>", client.get("/hoi-dap/").content.decode()).group(1)
    assert title == "Hỏi đáp | Sở Ngoại vụ tỉnh Thừa Thiên Huế"


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        (PROCEDURE_VI, PROCEDURE_EN),
        (PROCEDURE_VI + "phien-ban/1/", PROCEDURE_EN + "version/1/"),
        ("/hoi-dap/gui-cau-hoi/", "/en/questions-and-answers/ask/"),
        ("/hoi-dap/theo-doi/", "/en/questions-and-answers/track/"),
        ("/thu-tuc-hanh-chinh/", "/en/administrative-procedures/"),
        ("/hoi-dap/", "/en/questions-and-answers/"),
    ],
)
def test_a_procedure_or_qa_page_names_its_own_translation_as_its_alternate(client, abtc, vietnamese, english):
    for url in (vietnamese, english):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert alternates(html) == {"vi": vietnamese, "en": english}, url
        assert switch(html) == {"vi": vietnamese, "en": english}, url


def test_an_english_procedure_at_its_earlier_address_still_answers_and_names_the_english_one(client, abtc):
    # The English catalogue linked its procedures with the Vietnamese route until 12/2026.
    html = client.get(f"/en/administrative-procedures/thu-tuc/{SLUG}/").content.decode()
    assert alternates(html) == {"vi": PROCEDURE_VI, "en": PROCEDURE_EN}
    catalogue = client.get("/en/administrative-procedures/").content.decode()
    assert f'href="{PROCEDURE_EN}"' in catalogue and "/en/administrative-procedures/thu-tuc/" not in catalogue


def test_the_english_procedure_page_shows_the_procedure_the_alternate_named(client, abtc):
    vietnamese = client.get(PROCEDURE_VI).content.decode()
    english = client.get(alternates(vietnamese)["en"]).content.decode()
    assert "APEC" in re.search(r"<h1[^>]*>(.*?)</h1>", english, re.S).group(1)
    assert '<html lang="en">' in english
