"""A Vietnamese item becomes an English one through the translation queue and the approval workflow.

The administrator (`quantri`, the only one who publishes outside the workflow, with a reason) publishes a
Vietnamese item in "Hợp tác quốc tế", a category to translate
whose unit is the International Cooperation Division; the task appears in the queue, due two working days
later. The division's contributor (`congtacvien`) starts the translation from the queue, which opens the
English draft (copied from the original), writes the English text and submits it; the category's editor
(`bientap`) and the editor-in-chief approve it, which publishes it and closes the task. A citizen then reads
the item on both sites and switches between them; the English pages pass axe-core.
"""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from portal.core.workdays import add_working_days

from .conftest import pass_second_factor

pytestmark = pytest.mark.browser

README = Path(__file__).resolve().parents[2] / "README.md"
CATEGORY = "Hợp tác quốc tế"
CATEGORY_PATH = "/hop-tac-quoc-te/"
WORKFLOW = "Quy trình duyệt tin bài"
TITLE_VI = "Tỉnh Thừa Thiên Huế và tỉnh Kumamoto ký kết biên bản hợp tác văn hóa"
LEAD_VI = "Chiều nay, lãnh đạo hai tỉnh đã ký biên bản ghi nhớ về hợp tác văn hóa và du lịch."
TITLE_EN = "Thua Thien Hue and Kumamoto sign a cultural cooperation memorandum"
LEAD_EN = "This afternoon the leaders of the two provinces signed a memorandum on culture and tourism."
AGENCY_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="module")
def credentials():
    text = README.read_text(encoding="utf-8")
    passwords = dict(re.findall(r"^- `(\w+) / (\S+)`", text, re.MULTILINE))
    secret = re.search(r"^ {4}([A-Z2-7]{16,})\s*$", text, re.MULTILINE).group(1)
    return passwords, secret


def test_vietnamese_item_translated_through_the_queue_and_the_workflow(
    open_page, credentials, audit, second_factor_code
):
    passwords, secret = credentials

    def sign_in(username: str):
        page = open_page()
        page.goto("/admin/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.locator("input[name=password]").fill(passwords[username])
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url)
        if "/second-factor/" in page.url:
            pass_second_factor(page, second_factor_code(secret))
        return page

    def more_actions(page, action: str):
        page.get_by_role("button", name="Thao tác khác").click()
        page.get_by_role("button", name=action, exact=True).click()

    # 1. The administrator publishes a Vietnamese item in a category to translate (outside the workflow:
    #    the reason is required).
    page = sign_in("quantri")
    page.goto("/admin/pages/search/?q=" + CATEGORY)
    category_link = page.get_by_role("link", name=CATEGORY, exact=True).first
    category_id = re.search(r"/admin/pages/(\d+)/", category_link.get_attribute("href")).group(1)
    page.goto(f"/admin/pages/add/news/articlepage/{category_id}/")
    page.get_by_role("textbox", name="Tiêu đề").first.fill(TITLE_VI)
    page.get_by_role("textbox", name="Sapo (tóm tắt)").fill(LEAD_VI)
    page.get_by_role("tab", name="Cài đặt").click()
    page.get_by_role("textbox", name=re.compile("lý do xuất bản ngoài quy trình duyệt", re.IGNORECASE)).fill(
        "Thông cáo cần đăng ngay"
    )
    more_actions(page, "Xuất bản")
    expect(page.locator(".messages")).to_contain_text(TITLE_VI)
    published_at = dt.datetime.now(AGENCY_TIME)
    due = add_working_days(published_at, 2).strftime("%d/%m/%Y")

    # 2. The task is in the queue for the International Cooperation Division, due two working days later.
    page.goto("/admin/translations/?status=pending")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE_VI, exact=True))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(1)).to_have_text(CATEGORY)
    expect(row.get_by_role("cell").nth(2)).to_have_text("Phòng Hợp tác quốc tế")
    expect(row.locator("[data-due]")).to_contain_text(due)
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "pending")
    page.context.close()

    # 3. The division's contributor starts the translation: the English draft opens with the original's text.
    page = sign_in("congtacvien")
    page.get_by_role("navigation").get_by_role("button", name="Dịch tiếng Anh").click()
    page.get_by_role("navigation").get_by_role("link", name="Danh sách việc dịch").click()
    page.wait_for_url("**/admin/translations/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE_VI, exact=True))
    expect(row.locator("[data-due]")).to_contain_text(due)
    row.get_by_role("button", name="Bắt đầu dịch").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    english_id = int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))
    expect(page.locator(".messages")).to_contain_text("Bản nháp tiếng Anh")
    title = page.get_by_role("textbox", name="Tiêu đề").first
    expect(title).to_have_value(TITLE_VI)
    title.fill(TITLE_EN)
    page.get_by_role("textbox", name="Sapo (tóm tắt)").fill(LEAD_EN)
    more_actions(page, f"Gửi tới {WORKFLOW}")
    expect(page.locator(".messages")).to_contain_text("đã được gửi kiểm duyệt")
    page.goto("/admin/translations/?status=in_progress")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE_VI, exact=True))
    expect(row.get_by_role("link", name=TITLE_EN)).to_have_count(1)
    page.context.close()

    # 4. The category's editor approves, then the editor-in-chief approves and publishes.
    edit_path = f"/admin/pages/{english_id}/edit/"
    for username, action in (("bientap", "Phê duyệt"), ("truongban", "Phê duyệt và xuất bản")):
        page = sign_in(username)
        page.goto(edit_path)
        more_actions(page, action)
        page.wait_for_url(lambda url: edit_path not in url)
        expect(page.locator(".messages")).to_contain_text(TITLE_EN)
        if username == "truongban":
            page.goto("/admin/translations/?status=done")
            row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE_VI, exact=True))
            expect(row.locator("[data-status]")).to_have_attribute("data-status", "done")
            expect(row.locator("[data-status]")).to_contain_text("đúng hạn")
        page.context.close()

    # 5. A citizen reads the item in Vietnamese, switches to English and back.
    page = open_page()
    page.goto(CATEGORY_PATH)
    page.get_by_role("main").get_by_role("link", name=TITLE_VI, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_VI)
    vietnamese_path = urlsplit(page.url).path
    page.locator('header a[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/en/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(page.get_by_role("main")).to_contain_text(LEAD_EN)
    assert page.locator("html").get_attribute("lang") == "en"
    english_path = urlsplit(page.url).path
    # Its address is English, from its English title (issue 19 item 6), not the Vietnamese slug of the copy.
    assert (
        english_path
        == "/en/international-cooperation/thua-thien-hue-and-kumamoto-sign-a-cultural-cooperation-memorandum/"
    )
    alternate = page.locator('head link[rel="alternate"][hreflang="vi"]').get_attribute("href")
    assert urlsplit(alternate).path == vietnamese_path
    audit(page, label=f"{english_path} (the translated item)")
    page.locator('header a[hreflang="vi"]').click()
    page.wait_for_url(f"**{vietnamese_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_VI)

    # The English home and category list it; the Vietnamese title shows nowhere on the English site.
    page = open_page(language="en")
    page.goto("/en/")
    expect(page.get_by_role("main").get_by_role("link", name=TITLE_EN).first).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text(TITLE_VI)
    english_category = english_path.rsplit("/", 2)[0] + "/"
    page.goto(english_category)
    expect(page.get_by_role("main").get_by_role("link", name=TITLE_EN).first).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text(TITLE_VI)
    audit(page, label=f"{english_category} (English category)")
