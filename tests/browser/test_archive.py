"""The archive of a year opens from disk (file://, no server): index, an item and back, the other
language, and search without diacritics."""

import pytest

from portal.archive.export import archive_export
from portal.archive.tests.factories import YEAR, make_archive_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_archive_opens_from_disk_and_is_browsable_and_searchable(browser, tmp_path):
    content = make_archive_year()
    folder = archive_export(year=YEAR, output=tmp_path / "archive").folder
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    failed, errors = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        index = (folder / "index.html").as_uri()
        page.goto(index)
        assert page.locator("h1").inner_text() == f"Lưu trữ năm {YEAR}"

        page.locator("#by-category").get_by_role("link", name=content.article.title).click()
        assert page.url.startswith("file://") and page.url.endswith("/ban-hanh-quy-che-luu-tru-2016/index.html")
        assert page.locator("main h1").inner_text() == content.article.title
        assert page.locator("main img").first.evaluate("img => img.complete && img.naturalWidth > 0")
        page.go_back()
        assert page.url == index

        page.locator("#by-month").get_by_role("link", name=content.article.title).click()
        page.locator(".toolbar__languages").get_by_role("link", name="English").click()
        assert page.locator("main h1").inner_text() == content.translation.title
        page.locator(".archive-banner").get_by_role("link", name="Archive index").click()
        assert page.locator("h1").inner_text() == f"Archive of {YEAR}"
        page.locator(".toolbar__languages").get_by_role("link", name="Tiếng Việt").click()
        assert page.url == index

        box = page.locator("header").get_by_role("searchbox")
        box.fill("quy che luu tru")
        with page.expect_navigation():
            box.press("Enter")
        assert "search.html?q=quy+che+luu+tru" in page.url
        results = page.locator("[data-archive-results] li h2")
        results.first.wait_for()
        assert content.article.title in results.all_inner_texts()
        assert "Tìm thấy" in page.locator("[data-archive-status]").inner_text()
        results.get_by_role("link", name=content.article.title).click()
        assert page.locator("main h1").inner_text() == content.article.title
    finally:
        context.close()
    assert not failed, f"requests that failed from disk: {failed}"
    assert not errors, f"script errors: {errors}"
