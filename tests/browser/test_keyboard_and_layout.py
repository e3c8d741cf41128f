"""Keyboard users reach the content at once, on a desktop and through the phone menu."""

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser

FOCUSED = "() => { const e = document.activeElement; return e ? (e.id || e.getAttribute('href') || e.tagName) : null; }"


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(open_page, site):
    page = open_page()
    page.goto(site["vi"]["category"])
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    assert page.evaluate(FOCUSED) == "#main"
    assert skip_link.evaluate("link => link === document.activeElement")
    box = skip_link.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, f"the focused skip link is off screen: {box}"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


# No sideways scrolling at 360 px, on every kind of public page: test_public_pages.py.


def test_phone_menu_opens_with_the_keyboard(open_page, site, audit):
    page = open_page(viewport=PHONE)
    page.goto("/")
    page.locator("nav.main-nav .main-nav__wide a").first.wait_for(state="hidden")
    menu = page.locator("nav.main-nav details")
    summary = menu.locator("summary")
    assert summary.is_visible()
    assert not menu.locator("a").first.is_visible(), "the phone menu should start closed"

    for _ in range(40):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    page.keyboard.press("Enter")
    assert menu.evaluate("details => details.open")

    links = menu.locator("a")
    paths = links.evaluate_all("links => links.map(a => a.pathname)")
    assert site["vi"]["category"] in paths
    assert len(paths) > 10, f"the menu shows only {paths}"
    for index in range(links.count()):
        assert links.nth(index).is_visible(), f"menu link {paths[index]} is hidden"
    page.keyboard.press("Tab")
    assert links.first.evaluate("link => link === document.activeElement"), "Tab does not enter the open menu"
    audit(page, label="home page with the phone menu open")

    summary.focus()
    page.keyboard.press("Enter")
    assert not menu.evaluate("details => details.open")
