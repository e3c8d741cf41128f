"""An article can be saved as a PDF."""

import pytest

pytestmark = pytest.mark.browser


def test_save_as_pdf_link_returns_a_pdf(open_page, site):
    page = open_page()
    page.goto(site["vi"]["article"])
    link = page.locator("main .article__tools a[href]")
    assert link.count() == 1, "the article has no 'Save as PDF' link"
    assert link.is_visible()
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].split(";")[0] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
