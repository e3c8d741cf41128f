"""axe-core finds no WCAG 2.0/2.1 A or AA violation on the pages a citizen visits most."""

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PAGES = ["home", "category", "article", "search", "not_found"]


@pytest.mark.parametrize("page_kind", PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_accessibility_violations(open_page, site, audit, language, viewport, page_kind):
    url = site[language][page_kind]
    page = open_page(viewport=viewport, language=language)
    response = page.goto(url)
    assert response.status == (404 if page_kind == "not_found" else 200), f"{url} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == language
    if page_kind == "search":
        assert page.locator("main ol li").count() > 0, f"{url} shows no results to audit"
    audit(page, label=f"{url} ({language}, {viewport['width']}x{viewport['height']})")
