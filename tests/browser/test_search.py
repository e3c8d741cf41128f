"""Search works without diacritics, as most people type on a phone."""

import re
import unicodedata

import pytest

pytestmark = pytest.mark.browser


def test_search_without_diacritics_finds_accented_titles(open_page):
    page = open_page()
    page.goto("/")
    box = page.locator("header").get_by_role("search").get_by_role("searchbox")
    box.fill("ngoai vu")
    with page.expect_navigation():
        box.press("Enter")
    assert re.search(r"[?&]q=ngoai(\+|%20)vu", page.url), page.url
    assert box.input_value() == "ngoai vu", "the header box no longer shows what was searched"

    titles = page.locator("main ol li h3").all_inner_texts()
    assert titles, "no results for 'ngoai vu'"
    accented = [title for title in titles if "ngoại vụ" in unicodedata.normalize("NFC", title).lower()]
    assert accented, f"no result title contains 'Ngoại vụ': {titles}"
