"""The high-contrast and larger-text switches change the page and are remembered."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("name", "css_check"),
    [
        ("high-contrast", "getComputedStyle(document.body).backgroundColor === 'rgb(0, 0, 0)'"),
        ("large-text", "parseFloat(getComputedStyle(document.documentElement).fontSize) > 16"),
    ],
    ids=["high-contrast", "large-text"],
)
def test_display_switch_toggles_and_persists(open_page, site, audit, name, css_check):
    page = open_page()
    page.goto("/")
    button = page.locator(f"button[data-toggle-class={name}]")
    html = page.locator("html")
    assert button.get_attribute("aria-pressed") == "false"
    assert name not in (html.get_attribute("class") or "").split()
    assert not page.evaluate(css_check)

    button.click()
    assert name in html.get_attribute("class").split()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate(css_check), f"{name} is on but the page looks the same"

    # Another page, reached by the menu: the choice is still applied and still announced.
    category = site["vi"]["category"]
    page.locator(f'nav.main-nav .main-nav__wide a[href="{category}"]').click()
    page.wait_for_url(f"**{category}")
    assert page.evaluate(css_check)
    assert name in (html.get_attribute("class") or "").split()
    assert button.get_attribute("aria-pressed") == "true"
    audit(page, label=f"{page.url} with {name} on")

    button.click()
    assert name not in (html.get_attribute("class") or "").split()
    assert button.get_attribute("aria-pressed") == "false"
    page.reload()
    assert name not in (html.get_attribute("class") or "").split()
    assert button.get_attribute("aria-pressed") == "false"
