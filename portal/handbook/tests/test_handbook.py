"""The protocol handbook as a book: contents, chapters with sections, previous and next."""

import pytest
from wagtail.models import Locale

from portal.demo.handbook import ensure_demo_handbook
from portal.handbook.models import HandbookIndexPage, HandbookPage

# Reads the demo's own records (the ensure_demo_* loaders add nothing on the demo): on the demo, where they
# cost nothing per test, until a small factory-made set replaces them.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(autouse=True)
def known_handbook(db):
    """The handbook's chapters and their sections, in both languages: the known set the demo publishes,
    published here by each test itself, so that the tests run on any installation (where the demo already
    published it, nothing is added)."""
    ensure_demo_handbook()


def index(language="vi"):
    return HandbookIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


def chapter(slug):
    return HandbookPage.objects.get(slug=slug, locale__language_code="vi")


def test_contents_list_chapters_and_their_sections_in_order(client):
    assert index().url == "/so-tay-le-tan-ngoai-giao/"
    contents = client.get(index().url).context["contents"]
    assert [node["page"].slug for node in contents] == [
        "don-tiep-khach-quoc-te",
        "quoc-ky-va-nghi-thuc",
        "phong-tuc-cac-nuoc",
    ]
    assert [node["page"].slug for node in contents[0]["children"]] == ["thu-tu-uu-tien-nghi-le", "xep-cho-ngoi-hoi-dam"]


def test_a_chapter_links_its_sections_and_the_previous_and_next_pages(client):
    response = client.get(chapter("xep-cho-ngoi-hoi-dam").url)
    assert response.context["previous_chapter"].slug == "thu-tu-uu-tien-nghi-le"
    assert response.context["next_chapter"].slug == "quoc-ky-va-nghi-thuc"
    first = client.get(chapter("don-tiep-khach-quoc-te").url)
    assert first.context["previous_chapter"] is None
    assert [page.slug for page in first.context["sections"]] == ["thu-tu-uu-tien-nghi-le", "xep-cho-ngoi-hoi-dam"]
    assert client.get(chapter("khach-lao").url).context["next_chapter"] is None


def test_search_without_diacritics_english_and_sitemap(client):
    results = client.get("/tim-kiem/", {"q": "quoc ky"}).context["results"]
    assert chapter("quoc-ky-va-nghi-thuc").pk in [page.pk for page in results]
    english = client.get(index("en").url).context["contents"]
    assert [node["page"].title for node in english] == ["Receiving foreign guests"]
    assert chapter("khach-nhat-ban").url in client.get("/sitemap.xml").content.decode()
    assert "Khách Nhật Bản" in client.get(index().url + "rss/").content.decode()


@pytest.mark.parametrize("extra", [0, 15])
def test_queries_do_not_grow(client, django_assert_max_num_queries, extra):
    parent = chapter("phong-tuc-cac-nuoc")
    for number in range(extra):
        page = parent.add_child(
            instance=HandbookPage(title=f"Mục {number}", slug=f"muc-{number}", summary="s", body="<p>b</p>")
        )
        page.save_revision().publish()
    # Once unmeasured: in the whole suite a worker's process-wide caches may be cold here (33 queries
    # once, 30 or fewer alone), which has nothing to do with the number of entries this test is about.
    client.get(index().url)
    client.get(chapter("khach-lao").url)
    with django_assert_max_num_queries(30):
        assert client.get(index().url).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(chapter("khach-lao").url).status_code == 200
