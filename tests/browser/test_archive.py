"""The archive of a year opens from disk (file://, no server): the index, an item and back, the other
language, and search without diacritics. The archive is made by the command, as staff run it, from
the served demo's database (its 2016 documents)."""

import os
import re
import subprocess
import sys

import pytest

from .conftest import BASE_DIR, DESKTOP

pytestmark = pytest.mark.browser

YEAR = 2016
DECISION = re.compile("kiện toàn Ban Biên tập")  # the demo's Decision 66/QĐ-SNgV of 21/07/2016


@pytest.fixture(scope="module")
def archive(portal_server, portal_var_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive") / f"luu-tru-{YEAR}"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(PORTAL_VAR_DIR=str(portal_var_dir), DJANGO_SETTINGS_MODULE="portal.settings.dev")
    command = [sys.executable, "manage.py", "export_archive", "--year", str(YEAR), "--output", str(folder)]
    result = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    assert f"Đã ghi lưu trữ năm {YEAR}" in result.stdout
    return folder


def test_the_archive_opens_from_disk_and_is_browsable_and_searchable(browser, archive):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    failed, errors = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        index = (archive / "index.html").as_uri()
        page.goto(index)
        assert page.locator("h1").inner_text() == f"Lưu trữ năm {YEAR}"

        page.locator("#by-category").get_by_role("link", name=DECISION).click()
        assert page.url.startswith("file://") and page.url.endswith("/66-qd-sngv-2016/index.html")
        assert DECISION.search(page.locator("main h1").inner_text())
        page.go_back()
        assert page.url == index

        page.locator("#by-month").get_by_role("link", name=DECISION).click()
        page.locator(".toolbar__languages").get_by_role("link", name="English").click()
        assert "/pages/en/" in page.url
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("main h1").inner_text().strip()
        page.locator(".archive-banner").get_by_role("link", name="Archive index").click()
        assert page.locator("h1").inner_text() == f"Archive of {YEAR}"
        page.locator(".toolbar__languages").get_by_role("link", name="Tiếng Việt").click()
        assert page.url == index

        box = page.locator("header").get_by_role("searchbox")
        box.fill("kien toan ban bien tap")
        with page.expect_navigation():
            box.press("Enter")
        assert "search.html?q=kien+toan+ban+bien+tap" in page.url
        results = page.locator("[data-archive-results] li h2")
        results.first.wait_for()
        assert any(DECISION.search(title) for title in results.all_inner_texts())
        assert page.locator("[data-archive-status]").inner_text().startswith("Tìm thấy")
        results.get_by_role("link", name=DECISION).first.click()
        assert DECISION.search(page.locator("main h1").inner_text())
    finally:
        context.close()
    assert not failed, f"requests that failed from disk: {failed}"
    assert not errors, f"script errors: {errors}"
