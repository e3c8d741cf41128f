"""Photo albums: the list, an album with responsive images and its lightbox markup, the plan's count."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale

from portal.albums.models import AlbumImage, AlbumIndexPage, AlbumPage
from portal.albums.selectors import album_figures, images_published
from portal.demo.albums import ensure_demo_albums
from portal.demo.images import demo_picture
from portal.news.tests.factories import section

# Reads the demo's own records (the ensure_demo_* loaders add nothing on the demo): on the demo, where they
# cost nothing per test, until a small factory-made set replaces them.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(autouse=True)
def known_albums(db):
    """The photo albums and their pictures: the known set the demo publishes,
    published here by each test itself, so that the tests run on any installation (where the demo already
    published it, nothing is added)."""
    ensure_demo_albums()


def index(language="vi") -> AlbumIndexPage:
    return AlbumIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


def rennes() -> AlbumPage:
    return AlbumPage.objects.get(slug="don-doan-cong-tac-thanh-pho-rennes", locale__language_code="vi")


def _image(seed: str, description: str = "Ảnh thử nghiệm"):
    data = BytesIO(demo_picture(seed, size=(640, 400)))
    file = ImageFile(data, name=f"{seed}.jpg")
    return get_image_model().objects.create(title=seed, description=description, file=file)


def publish_album(images: int) -> AlbumPage:
    album = index().add_child(
        instance=AlbumPage(
            title=f"Album thử nghiệm {images} ảnh",
            slug=f"album-thu-nghiem-{images}",
            event_date=dt.date(2024, 3, 8),
            description="Album thử nghiệm.",
            photographer="Phóng viên thử nghiệm",
            images=[
                AlbumImage(image=_image(f"thu-nghiem-{images}-{n}"), caption=f"Chú thích {n}") for n in range(images)
            ],
        )
    )
    album.save_revision().publish()
    return album


def test_the_category_is_the_albums_index_listing_albums_with_their_image_counts(client):
    page = index()
    assert page.url == "/hinh-anh-hoat-dong/" and section("hinh-anh-hoat-dong").pk == page.pk
    response = client.get(page.url)
    assert response.status_code == 200
    counts = {album.slug: album.number_of_images for album in response.context["albums"]}
    assert counts["don-doan-cong-tac-thanh-pho-rennes"] == 8
    assert "8 ảnh" in response.content.decode()


def test_an_album_shows_responsive_images_with_captions_credits_and_the_lightbox(client):
    album = rennes()
    html = client.get(album.url).content.decode()
    srcsets = re.findall(r'srcset="([^"]+)"', html)
    assert len(srcsets) == 8
    widths = {int(w) for w in re.findall(r" (\d+)w", srcsets[0])}
    assert widths == {320, 480, 640, 960}
    assert 'sizes="(min-width: 72rem) 17rem' in html
    assert 'alt="Lễ đón đoàn tại trụ sở UBND tỉnh"' in html
    assert "Hai bên trao đổi về dự án bảo tồn di sản" in html
    assert "(Ảnh: Bảo Ngọc)" in html
    assert '<dialog id="album-lightbox"' in html and "data-lightbox-next" in html
    assert "/static/albums/js/lightbox.js" in html
    assert "<script>" not in html  # the lightbox is a static file: the CSP forbids inline scripts


def test_an_album_counts_its_images_and_is_paid_as_photos():
    assert AlbumPage.royalty_kind == "photo"
    assert rennes().image_count == 8


def test_images_published_in_a_period_count_for_the_plan():
    today = timezone.localdate()
    year_before = today - dt.timedelta(days=365)
    total = images_published(start=year_before, end=today)
    assert total == 28  # the four demo albums
    assert images_published(start=today - dt.timedelta(days=30), end=today) == 8 + 6
    figure = album_figures(start=year_before, end=today).figures[0]
    assert figure.value == 28 and figure.ok is False  # below 30 over a whole year
    assert album_figures(start=today - dt.timedelta(days=30), end=today).figures[0].ok is None


def test_an_image_needs_alternative_text():
    bare = _image("khong-mo-ta", description="")
    with pytest.raises(ValidationError) as refusal:
        AlbumImage(image=bare).clean()
    assert "alt_text" in refusal.value.message_dict
    AlbumImage(image=bare, alt_text="Đại biểu chụp ảnh lưu niệm").clean()


def test_english_albums_and_feed_and_sitemap(client):
    english = client.get(index("en").url)
    assert [album.title for album in english.context["albums"]][:1] == ["Welcoming the delegation of Rennes (France)"]
    assert rennes().title in client.get(index().url + "rss/").content.decode()
    assert rennes().url in client.get("/sitemap.xml").content.decode()


def test_site_search_finds_an_album_by_its_captions(client):
    results = client.get("/tim-kiem/", {"q": "ngo mon"}).context["results"]
    assert any(isinstance(page, AlbumPage) for page in results)


@pytest.mark.parametrize("images", [2, 12])
def test_queries_do_not_grow_with_the_album(client, django_assert_max_num_queries, images):
    album = publish_album(images)
    client.get(album.url)  # renditions are made on the first view
    with django_assert_max_num_queries(25):
        assert client.get(album.url, {"v": 2}).status_code == 200
    client.get(index().url)
    with django_assert_max_num_queries(25):
        assert client.get(index().url, {"v": 2}).status_code == 200
