"""The archive of a year: what it holds, what it leaves out, and that it stands alone on disk."""

import hashlib
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import translation

from portal.archive.export import SEARCH_INDEX, SEARCH_INDEX_GLOBAL, _Exporter, archive_export

from .factories import YEAR, make_archive_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    return make_archive_year()


@pytest.fixture
def archive(content, tmp_path):
    summary = archive_export(year=YEAR, output=tmp_path / "archive")
    return summary.folder


def page_file(folder: Path, page) -> Path:
    return folder / "pages" / unquote(page.url).strip("/") / "index.html"


def search_index(folder: Path) -> list[dict]:
    source = (folder / SEARCH_INDEX).read_text(encoding="utf-8")
    prefix = f"window.{SEARCH_INDEX_GLOBAL} = "
    assert source.startswith(prefix)
    return json.loads(source[len(prefix) :].rstrip().rstrip(";"))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_archive_holds_the_years_public_pages_in_both_languages_and_nothing_else(content, archive):
    for name in ("index.html", "search.html", "en/index.html", "en/search.html", "archive.json", SEARCH_INDEX):
        assert (archive / name).is_file(), name
    assert page_file(archive, content.article).is_file()
    assert page_file(archive, content.translation).is_file()
    for absent in (content.draft, content.private, content.other_year):
        assert not page_file(archive, absent).exists(), absent.title
    pages = [BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in archive.rglob("*.html")]
    everything = " ".join(map(str, pages)) + (archive / SEARCH_INDEX).read_text(encoding="utf-8")
    for absent in (content.draft, content.private):  # never named, not even as a link
        assert absent.title not in everything
        assert absent.slug not in everything
    # Another year's item may be named only by a link to the live site (related items, marked as such).
    for link in (link for page in pages for link in page.select("a.archive-live")):
        link.decompose()
    archived = " ".join(map(str, pages)) + (archive / SEARCH_INDEX).read_text(encoding="utf-8")
    assert content.other_year.title not in archived
    assert content.other_year.slug not in archived

    article = page_file(archive, content.article).read_text(encoding="utf-8")
    assert "Ban hành Quy chế hoạt động Trang thông tin điện tử" in article
    assert "Lưu trữ năm 2016" in article  # the archive's banner, in the page's language
    english = page_file(archive, content.translation).read_text(encoding="utf-8")
    assert "Archive of 2016" in english


def test_the_index_lists_the_pages_by_category_and_by_month_in_each_language(content, archive):
    vi = BeautifulSoup((archive / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert vi.html["lang"] == "vi"
    assert vi.find("h1").get_text() == "Lưu trữ năm 2016"
    news = vi.find(id=f"category-{content.article.get_parent().pk}")
    assert news.find("h3").get_text() == "Tin tức - Sự kiện"
    assert (
        news.find("a", string=content.article.title)["href"]
        == "pages/tin-tuc-su-kien/ban-hanh-quy-che-luu-tru-2016/index.html"
    )
    may = vi.find(id="month-5")
    assert may.find("h3").get_text().startswith("Tháng")
    assert may.find("a", string=content.article.title)
    assert vi.find("a", attrs={"data-language": "en"})["href"] == "en/index.html"

    en = BeautifulSoup((archive / "en/index.html").read_text(encoding="utf-8"), "html.parser")
    assert en.html["lang"] == "en"
    assert en.find("h1").get_text() == "Archive of 2016"
    assert en.find(id="month-5").find("h3").get_text() == "May 2016"
    link = en.find("a", string=content.translation.title)
    assert (archive / "en" / link["href"]).resolve() == page_file(archive, content.translation).resolve()
    assert content.article.title not in str(en)


def test_every_link_is_relative_and_resolves_inside_the_archive(archive):
    checked = 0
    for html in archive.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert not [script for script in soup.find_all("script") if not script.get("src")], f"inline script in {html}"
        for tag in soup.find_all(True):
            urls = [tag.get(name) for name in ("href", "src", "action") if tag.get(name)]
            urls += [part.strip().split(" ")[0] for part in tag.get("srcset", "").split(",") if part.strip()]
            for url in urls:
                assert not url.startswith("/"), f"{url} in {html.relative_to(archive)}"
                parts = urlsplit(url)
                if parts.scheme or not parts.path:
                    if parts.netloc == "localhost" and tag.name == "a":
                        assert "archive-live" in tag.get("class", []), f"unmarked link to the live site: {url}"
                    continue
                target = (html.parent / unquote(parts.path)).resolve()
                assert target.is_file(), f"{url} in {html.relative_to(archive)} leads nowhere"
                assert target.is_relative_to(archive.resolve())
                checked += 1
    assert checked > 50
    assert "/static/" not in re.sub(r"assets/static/|https?://[^\"' ]+", "", (archive / "index.html").read_text())


def test_images_and_documents_are_copied_byte_for_byte_and_private_files_are_not(content, archive):
    article = page_file(archive, content.article)
    soup = BeautifulSoup(article.read_text(encoding="utf-8"), "html.parser")
    image = soup.select_one("main img")
    copied_image = (article.parent / unquote(image["src"])).resolve()
    media_name = str(copied_image.relative_to((archive / "assets/media").resolve()))
    with default_storage.open(media_name, "rb") as original:
        assert sha256(copied_image.read_bytes()) == sha256(original.read())

    copied = archive / "assets/documents" / str(content.document.pk) / content.document.filename
    with content.document.file.open("rb") as original:
        assert copied.read_bytes() == original.read()
    links = [a for a in soup.find_all("a") if a.get_text(strip=True) in ("Toàn văn quy chế", "Tải quy chế")]
    assert len(links) == 2
    assert all((article.parent / unquote(a["href"])).resolve() == copied.resolve() for a in links)

    assert not (archive / "assets/documents" / str(content.private_document.pk)).exists()
    assert "Tệp nội bộ kèm theo" in soup.get_text()  # kept as plain text, not a link
    assert not soup.find("a", string="Tệp nội bộ kèm theo")
    assert content.private_document.filename not in str(soup)


def test_the_search_index_holds_the_titles_and_folded_text(content, archive):
    entries = {entry["t"]: entry for entry in search_index(archive)}
    article = entries[content.article.title]
    assert article["l"] == "vi"
    assert article["u"] == "pages/tin-tuc-su-kien/ban-hanh-quy-che-luu-tru-2016/index.html"
    assert article["d"] == "10/05/2016"
    assert "quy che" in article["ft"]
    assert "luu tru ho so" in article["fx"]
    assert entries[content.translation.title]["l"] == "en"
    for absent in (content.draft, content.private, content.other_year):
        assert absent.title not in entries
    search = BeautifulSoup((archive / "search.html").read_text(encoding="utf-8"), "html.parser")
    assert [script["src"] for script in search.find_all("script")] == [
        "assets/search-index.js",
        "assets/static/archive/search.js",
    ]


def test_running_again_replaces_the_archive_cleanly(content, archive):
    (archive / "stale.html").write_text("left from before")
    content.article.unpublish()
    summary = archive_export(year=YEAR, output=archive)
    assert summary.folder == archive
    assert not (archive / "stale.html").exists()
    assert not page_file(archive, content.article).exists()
    assert page_file(archive, content.translation).is_file()
    assert not list(archive.parent.glob(".archive.*"))


def test_the_command_prints_a_summary_and_writes_a_zip(content, tmp_path, capsys):
    with translation.override("vi"):
        call_command("export_archive", "--year", str(YEAR), "--output", str(tmp_path / "luu-tru"), "--zip")
        assert translation.get_language() == "vi"  # the English pages' language does not leak out of the export
    out = capsys.readouterr().out
    assert f"Đã ghi lưu trữ năm {YEAR} vào {tmp_path / 'luu-tru'}" in out
    assert re.search(r"vi \d+, en \d+", out)
    with zipfile.ZipFile(tmp_path / "luu-tru.zip") as archive_zip:
        names = archive_zip.namelist()
    assert "luu-tru/index.html" in names
    assert "luu-tru/pages/tin-tuc-su-kien/ban-hanh-quy-che-luu-tru-2016/index.html" in names


@translation.override("vi")
def test_the_command_refuses_bad_arguments_with_a_clear_message(content, tmp_path):
    with pytest.raises(CommandError, match="Không có trang công khai nào được đăng lần đầu trong năm 1999"):
        call_command("export_archive", "--year", "1999", "--output", str(tmp_path / "a"))
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("not a folder")
    with pytest.raises(CommandError, match="là một tệp, không phải thư mục"):
        call_command("export_archive", "--year", str(YEAR), "--output", str(a_file))
    assert a_file.read_text() == "not a folder"
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="không trống và không chứa bản lưu trữ"):
        call_command("export_archive", "--year", str(YEAR), "--output", str(busy))
    assert (busy / "notes.txt").read_text() == "mine"
    (busy / "archive.json").write_text('{"name": "someone else\'s file"}')
    with pytest.raises(CommandError, match="không trống và không chứa bản lưu trữ"):
        call_command("export_archive", "--year", str(YEAR), "--output", str(busy))
    assert (busy / "notes.txt").read_text() == "mine"
    with translation.override("en"), pytest.raises(CommandError, match="No public page was first published in 1999"):
        call_command("export_archive", "--year", "1999", "--output", str(tmp_path / "a"))
    with pytest.raises(CommandError, match="không phải là năm"):
        call_command("export_archive", "--year", "20", "--output", str(tmp_path / "a"))


def test_the_fonts_and_images_a_style_sheet_uses_are_copied_with_relative_urls(tmp_path, settings):
    theme = tmp_path / "static" / "theme"
    (theme / "fonts").mkdir(parents=True)
    (theme / "fonts" / "noto.woff2").write_bytes(b"wOF2 font")
    (theme / "bg.png").write_bytes(b"\x89PNG image")
    (theme / "site.css").write_text(
        '@font-face { src: url("fonts/noto.woff2?v=2") format("woff2"); }\n'
        "body { background: url(/static/theme/bg.png); }\n"
        ".dot { background: url(data:image/png;base64,AAAA); }\n"
    )
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path / "static"]
    exporter = _Exporter(year=YEAR, root=tmp_path / "out", live_url=None, report=lambda line: None)
    assert exporter._copy_static("theme/site.css") == "assets/static/theme/site.css"
    out = tmp_path / "out" / "assets" / "static" / "theme"
    css = (out / "site.css").read_text()
    assert 'url("fonts/noto.woff2")' in css
    assert 'url("bg.png")' in css
    assert "url(data:image/png;base64,AAAA)" in css
    assert (out / "fonts" / "noto.woff2").read_bytes() == b"wOF2 font"
    assert (out / "bg.png").read_bytes() == b"\x89PNG image"


def test_media_kept_in_a_bucket_are_copied_into_the_archive_as_local_ones_are(s3_media, tmp_path):
    # The pages name the bucket's absolute URLs; the archive still opens from disk, without the bucket.
    content = make_archive_year()
    folder = archive_export(year=YEAR, output=tmp_path / "archive").folder
    soup = BeautifulSoup(page_file(folder, content.article).read_text(encoding="utf-8"), "html.parser")
    from_the_bucket = [
        value
        for tag in soup.find_all(True)
        for name in ("src", "href", "srcset")
        if s3_media in (value := tag.get(name, ""))
    ]
    assert soup.select_one("main img") and from_the_bucket == []  # (og:image stays absolute, as it must)
    test_every_link_is_relative_and_resolves_inside_the_archive(folder)
    test_images_and_documents_are_copied_byte_for_byte_and_private_files_are_not(content, folder)
