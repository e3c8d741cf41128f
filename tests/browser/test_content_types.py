"""The structured content types in a real browser: axe-core on every public page, the registry's
search, the album lightbox by keyboard, and the schedule's week navigation."""

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

REGISTRY = "/chi-dao-dieu-hanh/van-ban-chi-dao-dieu-hanh/"
PROGRAMMES = "/chi-dao-dieu-hanh/chuong-trinh-cong-tac/"
ALBUMS = "/hinh-anh-hoat-dong/"
ALBUM = ALBUMS + "don-doan-cong-tac-thanh-pho-rennes/"
PAGES_VI = [
    REGISTRY,
    REGISTRY + "?q=quy+che+hoat+dong&year=2012",
    REGISTRY + "?kind=abc",  # a refused filter shows its message
    REGISTRY + "66-qd-sngv-2016/",
    REGISTRY + "26-qd-sngv-2012/",
    "/hop-tac-quoc-te/dieu-uoc-thoa-thuan-quoc-te/",
    "/hop-tac-quoc-te/dieu-uoc-thoa-thuan-quoc-te/thoa-thuan-hop-tac-hue-rennes/",
    PROGRAMMES,
    PROGRAMMES + "lich-tuan/",  # this week's schedule (redirect)
    PROGRAMMES + "lich-tuan/2019/14/",  # a week without a schedule
    ALBUMS,
    ALBUM,
    "/thong-tin-don-vi/",
    "/thong-tin-don-vi/co-cau-to-chuc/",
    "/thong-tin-don-vi/chuc-nang-nhiem-vu/",
    "/thong-tin-don-vi/cong-doan/",
    "/trung-tam-dich-vu-doi-ngoai/",
    "/tuyen-dung/",
    "/tuyen-dung/tuyen-dung-vien-chuc-bien-dich-tieng-han/",
    "/hop-tac-quoc-te/du-an-dau-tu-nuoc-ngoai/",
    "/hop-tac-quoc-te/du-an-dau-tu-nuoc-ngoai/khu-nghi-duong-lang-co/",
    "/so-tay-le-tan-ngoai-giao/",
    "/so-tay-le-tan-ngoai-giao/don-tiep-khach-quoc-te/xep-cho-ngoi-hoi-dam/",
    "/thong-tin-don-vi/cong-khai-thong-tin/",
    "/thong-tin-don-vi/cong-khai-thong-tin/danh-muc-thong-tin-cong-khai/",
    "/chi-dao-dieu-hanh/lay-y-kien-du-thao/",
    "/chi-dao-dieu-hanh/lay-y-kien-du-thao/du-thao-quy-che-quan-ly-doan-ra-doan-vao/",
    "/chi-dao-dieu-hanh/lay-y-kien-du-thao/du-thao-quy-dinh-nhuan-but-trang-ttdt/",
]


@pytest.mark.parametrize("url", PAGES_VI)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_accessibility_violations_on_content_pages(open_page, audit, url, viewport):
    page = open_page(viewport=viewport)
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    audit(page, label=f"{url} ({viewport['width']}x{viewport['height']})")


def test_printable_week_and_english_pages_pass_too(open_page, audit):
    page = open_page()
    page.goto(PROGRAMMES + "lich-tuan/")
    page.locator("a", has_text="Bản in").click()
    page.wait_for_load_state()
    assert page.locator("table.schedule-table tbody tr").count() > 0
    audit(page, label="printable week")
    english = open_page(language="en")
    english.goto(REGISTRY)  # the English registry, reached through the language switch
    english.locator(".toolbar__languages a[hreflang='en']").click()
    english.wait_for_load_state()
    assert english.locator("html").get_attribute("lang") == "en"
    assert english.locator("table.registry-table tbody tr").count() > 0
    audit(english, label=f"English registry {english.url}")


def test_registry_search_without_diacritics_finds_the_rules(open_page):
    page = open_page()
    page.goto(REGISTRY)
    page.get_by_label("Từ khóa").fill("quy che hoat dong")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    rows = page.locator("table.registry-table tbody tr")
    numbers = rows.locator("td:first-child").all_inner_texts()
    assert "26/QĐ-SNgV" in numbers and "45/QĐ-SNgV" in numbers


def test_album_lightbox_works_by_keyboard_and_returns_focus(open_page):
    page = open_page()
    page.goto(ALBUM)
    first = page.locator(".gallery a[data-lightbox-item]").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#album-lightbox")
    assert dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.hasAttribute('data-lightbox-close')")
    counter = dialog.locator("[data-lightbox-counter]")
    assert counter.inner_text() == "Ảnh 1/8"
    assert "Lễ đón đoàn tại trụ sở UBND tỉnh" in dialog.locator("[data-lightbox-caption]").inner_text()
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == "Ảnh 2/8"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == "Ảnh 8/8"  # wraps round
    image = dialog.locator("[data-lightbox-image]")
    assert image.get_attribute("alt")
    # The picture is fetched when it is shown: it must arrive (a broken or missing image never does).
    page.wait_for_function(
        "() => { const img = document.querySelector('#album-lightbox [data-lightbox-image]');"
        " return img.complete && img.naturalWidth > 0; }",
        timeout=10_000,
    )
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement === document.querySelector('.gallery a[data-lightbox-item]')")


def test_thumbnails_are_responsive_images(open_page):
    page = open_page(viewport=PHONE)
    page.goto(ALBUM)
    image = page.locator(".gallery img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    chosen = image.evaluate("img => img.currentSrc")
    assert "width-" in chosen and image.get_attribute("srcset").count("w,") >= 3


def test_week_navigation_moves_between_weeks(open_page):
    page = open_page()
    page.goto(PROGRAMMES + "lich-tuan/")
    this_week = page.url
    page.get_by_role("link", name="Tuần trước", exact=True).click()
    page.wait_for_load_state()
    assert page.url != this_week and page.locator("table.schedule-table").count() == 1
    page.get_by_role("link", name="Tuần này", exact=True).click()
    page.wait_for_load_state()
    assert page.url == this_week


def test_a_comment_with_errors_shows_accessible_messages(open_page, audit):
    page = open_page()
    page.goto("/chi-dao-dieu-hanh/lay-y-kien-du-thao/du-thao-quy-che-quan-ly-doan-ra-doan-vao/")
    page.get_by_label("Thư điện tử").fill("khong-phai-email")
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".field__error").count() >= 2
    audit(page, label="comment form with errors")


def test_financial_report_page(open_page, audit):
    page = open_page()
    page.goto("/thong-tin-don-vi/cong-khai-thong-tin/")
    page.locator("main a", has_text="Báo cáo tài chính năm").first.click()
    page.wait_for_load_state()
    assert "đ" in page.locator("table.registry-table tfoot").first.inner_text()
    audit(page, label="financial report")
