"""Foreign investment projects: the list with filters and search, capital written as money."""

import pytest
from wagtail.models import Locale

from portal.demo.documents import ensure_demo_documents
from portal.demo.investment import ensure_demo_investment
from portal.documents.models import Country
from portal.investment.models import InvestmentIndexPage, InvestmentProjectPage, Sector

# Reads the demo's own records (the ensure_demo_* loaders add nothing on the demo): on the demo, where they
# cost nothing per test, until a small factory-made set replaces them.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(autouse=True)
def known_investment(db):
    """The investment projects, sectors and countries: the known set the demo publishes,
    published here by each test itself, so that the tests run on any installation (where the demo already
    published it, nothing is added)."""
    ensure_demo_documents()  # the countries (a vocabulary of the registry) the projects' investors come from
    ensure_demo_investment()


def index(language="vi"):
    return InvestmentIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


def _slugs(response) -> set[str]:
    return {project.slug for project in response.context["projects"]}


def test_projects_are_listed_with_investor_country_capital_and_status(client):
    page = index()
    assert page.url == "/hop-tac-quoc-te/du-an-dau-tu-nuoc-ngoai/"
    html = client.get(page.url).content.decode()
    for text in (
        "Khu nghỉ dưỡng ven biển Lăng Cô",
        "Công ty TNHH Laguna Lăng Cô",
        "Xin-ga-po",
        "875.000.000 USD",
        "450.000.000.000 đ",
        "Đang kêu gọi đầu tư",
    ):
        assert text in html, text


def test_filters_and_search_give_known_answers(client):
    url = index().url
    japan = Country.objects.get(name_vi="Nhật Bản")
    assert _slugs(client.get(url, {"country": japan.pk})) == {"dien-mat-troi-phong-dien"}
    energy = Sector.objects.get(name_vi="Năng lượng")
    assert _slugs(client.get(url, {"sector": energy.pk})) == {"dien-mat-troi-phong-dien"}
    assert _slugs(client.get(url, {"status": "operating"})) == {"khu-nghi-duong-lang-co", "nha-may-soi-phu-bai"}
    assert _slugs(client.get(url, {"q": "soi phu bai"})) == {"nha-may-soi-phu-bai"}
    refused = client.get(url, {"status": "bankrupt", "country": "x"})
    assert refused.status_code == 200 and set(refused.context["form"].errors) == {"status", "country"}


def test_project_page_english_feed_and_sitemap(client):
    project = InvestmentProjectPage.objects.get(slug="khu-nghi-duong-lang-co", locale__language_code="vi")
    html = client.get(project.url).content.decode()
    assert "280 ha" in html and "875.000.000 USD" in html
    assert client.get(index("en").url).context["projects"].paginator.count == 1
    assert project.title in client.get(index().url + "rss/").content.decode()
    assert project.url in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("extra", [0, 15])
def test_queries_do_not_grow(client, django_assert_max_num_queries, extra):
    sector = Sector.objects.first()
    for number in range(extra):
        page = index().add_child(
            instance=InvestmentProjectPage(
                title=f"Dự án thử nghiệm {number}",
                slug=f"du-an-thu-nghiem-{number}",
                sector=sector,
                capital=1_000_000,
                location="Huế",
                summary="Tóm tắt.",
            )
        )
        page.save_revision().publish()
    client.get(index().url)  # what a worker works out once (site, menus) is not what grows with the projects
    with django_assert_max_num_queries(30):
        assert client.get(index().url).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(index().url, {"q": "du an", "sector": sector.pk}).status_code == 200
