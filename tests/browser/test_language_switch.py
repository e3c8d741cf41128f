"""The language switch leads to the same article in English, or to the English home without one."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def _article_paths(page, category):
    page.goto(category)
    return page.locator("main article a[href]").evaluate_all("links => [...new Set(links.map(a => a.pathname))]")


class _Alternates(HTMLParser):
    def __init__(self):
        super().__init__()
        self.languages = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.languages.add(attrs["hreflang"])


def _has_english_alternate(page, path):
    """Whether the article's <head> names an English alternate, read without rendering the page."""
    parser = _Alternates()
    parser.feed(page.request.get(path).text())
    return "en" in parser.languages


def _find_article(page, site, translated):
    for path in _article_paths(page, site["vi"]["category"]):
        if _has_english_alternate(page, path) == translated:
            return path
    pytest.fail(f"no article {'with' if translated else 'without'} an English translation in {site['vi']['category']}")


def _switch_to_english(page):
    page.locator('header a[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/en/"))
    assert page.locator("html").get_attribute("lang") == "en"


def test_switch_on_a_translated_article_opens_the_english_article(open_page, site):
    page = open_page()
    path = _find_article(page, site, translated=True)
    page.goto(path)
    alternates = dict(
        page.locator('head link[rel="alternate"][hreflang]').evaluate_all(
            "links => links.map(l => [l.hreflang, new URL(l.href).pathname])"
        )
    )
    assert alternates.get("vi") == path, alternates
    english = alternates.get("en")
    assert english and english.startswith("/en/") and english != "/en/", alternates
    vietnamese_title = page.locator("h1").inner_text()

    _switch_to_english(page)
    assert urlsplit(page.url).path == english
    assert page.locator("h1").inner_text() != vietnamese_title
    assert page.locator("main article h1").count() == 1, "the English page is not an article"
    back = page.locator('head link[rel="alternate"][hreflang="vi"]')
    assert urlsplit(back.get_attribute("href")).path == path, "the English article does not point back"
    assert page.locator('header a[hreflang="en"]').get_attribute("aria-current") == "true"


def test_switch_on_an_untranslated_article_opens_the_english_home(open_page, site):
    page = open_page()
    path = _find_article(page, site, translated=False)
    page.goto(path)
    assert page.locator('head link[rel="alternate"][hreflang="en"]').count() == 0

    _switch_to_english(page)
    assert urlsplit(page.url).path == site["en"]["home"]
    assert page.locator("body.page-home").count() == 1


def test_english_not_found_page_leads_to_the_english_site(open_page, site):
    page = open_page(language="en")
    response = page.goto(site["en"]["not_found"])
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "en"
    paths = page.locator("main a[href]").evaluate_all("links => links.map(a => a.pathname)")
    assert site["en"]["home"] in paths, f"the English 404 page links to {paths}, not to the English home"
    assert urlsplit(site["en"]["search"]).path in paths
