"""A citizen's question through the whole loop in the real portal, with the e-mails of each step.

A citizen asks on /hoi-dap/ with a picture attached and gets a tracking code and a private link;
the board secretariat (`thuongtruc`, second factor) routes it to Phòng Hợp tác quốc tế and
downloads the attachment; the unit head (`truongphong`) drafts the answer and marks an address
to hide; the editor-in-chief (`truongban`, second factor) approves it. The asker's link then shows
the answer, and the published answer is on the Q&A page without personal data. After every step
the e-mails the server wrote are read back and checked. The public Q&A pages pass axe-core.
"""

import io
import re
import time
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from portal.demo.qa import demo_secret

from .conftest import DESKTOP, PHONE
from .test_newsroom import Mailbox, only, readme_credentials  # noqa: F401 - readme_credentials is a fixture

pytestmark = pytest.mark.browser

ASKER = "Trần Thị Bình"
ASKER_EMAIL = "tranthibinh@example.com"
ASKER_PHONE = "0905 246 813"
ADDRESS = "kiệt 24 Nguyễn Trãi"
TITLE = "Xin hướng dẫn thủ tục mời giáo sư Hàn Quốc sang giảng dạy"
BODY = (
    f"Tôi là {ASKER}, nhà ở {ADDRESS}, giáo viên một trường cao đẳng. Trường muốn mời hai giáo sư Hàn Quốc "
    "sang giảng dạy một học kỳ. Xin hỏi trường cần làm thủ tục gì và liên hệ phòng nào của Sở?"
)
ANSWER = (
    f"Kính gửi bà {ASKER},\n\nTrường gửi văn bản đề nghị đến Sở Ngoại vụ (Phòng Hợp tác quốc tế) kèm danh sách, "
    "lý lịch khoa học của hai giáo sư và chương trình giảng dạy. Sở sẽ hướng dẫn thủ tục thị thực và giấy phép "
    "lao động với các cơ quan liên quan. Mọi thắc mắc xin gọi 0234 3822 101."
)
UNIT = "Phòng Hợp tác quốc tế"
MIN_SECONDS = 3.2  # the form refuses what is sent faster than a person types (QA_MIN_SECONDS_TO_SUBMIT)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _link(body: str, marker: str) -> str:
    """The path of the first link in an e-mail body that contains `marker`."""
    match = re.search(rf"https?://\S*{re.escape(marker)}\S*", body)
    assert match, f"no link with {marker!r} in:\n{body}"
    return _path(match.group(0))


def _picture(path) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (11, 58, 117)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def test_a_question_asked_routed_answered_approved_and_published(
    open_page,
    portal_var_dir,
    readme_credentials,  # noqa: F811 - the fixture imported from test_newsroom
    second_factor_code,
    tmp_path,
):
    passwords, secret = readme_credentials
    mailbox = Mailbox(portal_var_dir / "mail")

    def sign_in(username: str, *, second_factor: bool):
        page = open_page()
        page.goto("/admin/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.locator("input[name=password]").fill(passwords[username])
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url)
        if second_factor:
            page.wait_for_url("**/admin/accounts/second-factor/**")
            page.wait_for_function("() => document.querySelector('[data-sprite]')?.childElementCount > 0")
            form = page.locator("body > .wrapper form").filter(has=page.locator("input[name=code]"))
            form.locator("input[name=code]").fill(second_factor_code(secret))
            form.get_by_role("button", name="Xác thực").click()
            page.wait_for_url("**/admin/")
        return page

    # 1. A citizen finds the Q&A from the home page and asks, with a picture attached.
    picture = tmp_path / "giay-moi.png"
    picture_bytes = _picture(picture)
    page = open_page()
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Hỏi đáp", exact=True).click()
    page.wait_for_url("**/hoi-dap/")
    page.get_by_role("main").get_by_role("link", name="Gửi câu hỏi").first.click()
    page.wait_for_url("**/hoi-dap/gui-cau-hoi/")
    shown_at = time.monotonic()
    page.get_by_label("Họ và tên (bắt buộc)", exact=True).fill(ASKER)
    page.get_by_label("Thư điện tử (bắt buộc)", exact=True).fill(ASKER_EMAIL)
    page.get_by_label("Điện thoại (không bắt buộc)").fill(ASKER_PHONE)
    page.get_by_label("Lĩnh vực (bắt buộc)", exact=True).select_option(label="Hợp tác quốc tế")
    page.get_by_label("Tiêu đề câu hỏi (bắt buộc)", exact=True).fill(TITLE)
    page.get_by_label("Câu hỏi của bạn (bắt buộc)", exact=True).fill(BODY)
    page.get_by_label("Tệp đính kèm (không bắt buộc)").set_input_files(picture)
    page.get_by_role("checkbox", name="Tôi đồng ý để Sở lưu và sử dụng các thông tin trên").check()
    page.get_by_role("checkbox", name="Đồng ý công khai câu trả lời trên Trang thông tin").check()
    time.sleep(max(0.0, MIN_SECONDS - (time.monotonic() - shown_at)))
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_url(re.compile(r"/hoi-dap/theo-doi/[0-9A-Z]{4}-[0-9A-Z]{4}/[\w-]+/\?sent=1$"))
    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn: câu hỏi đã được tiếp nhận.")
    code = page.locator(".qa-code").inner_text().strip()
    private_path = urlsplit(page.url).path
    assert private_path.startswith(f"/hoi-dap/theo-doi/{code}/")
    expect(page.get_by_role("main")).to_contain_text(TITLE)
    expect(page.get_by_role("main")).to_contain_text("đã tiếp nhận")
    page.context.close()

    mails = mailbox.take({"tranthibinh", "thuongtruc"})
    assert mails.keys() == {"tranthibinh", "thuongtruc"}, f"after asking: mails to {sorted(mails)}"
    receipt = only(mails["tranthibinh"], "Đã nhận câu hỏi")
    assert receipt.subject == f"Đã nhận câu hỏi, mã theo dõi {code}"
    assert receipt.body.startswith(f"Kính gửi {ASKER},")
    assert _link(receipt.body, "/theo-doi/") == private_path
    new_question = only(mails["thuongtruc"], f"Câu hỏi mới {code}")
    assert TITLE in new_question.body and "Hạn trả lời:" in new_question.body

    # The tracking code alone shows where it stands, not what was asked.
    page = open_page()
    page.goto("/hoi-dap/theo-doi/")
    page.get_by_label("Mã theo dõi (bắt buộc)", exact=True).fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".qa-code")).to_have_text(code)
    expect(page.get_by_role("main")).not_to_contain_text(TITLE)
    expect(page.get_by_role("main")).not_to_contain_text(ASKER)
    page.context.close()

    # 2. The secretariat routes the question to the unit and looks at the attachment.
    page = sign_in("thuongtruc", second_factor=True)
    page.get_by_role("navigation").get_by_role("link", name="Hỏi đáp của công dân").click()
    page.wait_for_url("**/admin/qa/questions/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=code, exact=True))
    expect(row).to_have_count(1)
    expect(row.locator("[data-qa-light]")).to_have_attribute("data-qa-light", "green")
    row.get_by_role("link", name=code, exact=True).click()
    page.wait_for_url("**/admin/qa/questions/inspect/*/")
    expect(page.locator("[data-qa-body]")).to_contain_text(ADDRESS)
    with page.expect_download() as download:
        page.get_by_role("link", name="giay-moi.png").click()
    assert download.value.path().read_bytes() == picture_bytes
    page.get_by_role("combobox", name="Đơn vị trả lời").select_option(label=UNIT)
    page.get_by_role("textbox", name="Ghi chú cho đơn vị (không bắt buộc)").fill("Đề nghị Phòng trả lời trong ngày.")
    page.get_by_role("button", name="Chuyển đến đơn vị").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã chuyển câu hỏi đến {UNIT}.")
    page.context.close()

    mails = mailbox.take({"truongphong", "congtacvien"})
    assert mails.keys() == {"truongphong", "congtacvien"}, f"after routing: mails to {sorted(mails)}"
    routed = only(mails["truongphong"], f"Câu hỏi {code} chuyển đơn vị")
    assert "Đề nghị Phòng trả lời trong ngày." in routed.body
    question_path = _link(routed.body, "/admin/qa/questions/inspect/")

    # 3. The unit head drafts the answer from the link in his e-mail and submits it.
    page = sign_in("truongphong", second_factor=True)  # the plan makes unit heads approvers
    page.goto(question_path)
    page.get_by_role("textbox", name=re.compile(r"^Trả lời\*?$")).fill(ANSWER)
    page.get_by_role("textbox", name="Người hỏi (khi công khai)").fill("Một giáo viên ở thành phố Huế")
    page.get_by_role("textbox", name="Thông tin cá nhân cần ẩn").fill(ADDRESS)
    page.get_by_role("button", name="Trình phê duyệt").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi câu trả lời để phê duyệt.")
    expect(page.locator("[data-qa-admin-status]")).to_have_text("chờ phê duyệt")
    page.context.close()

    mails = mailbox.take({"truongban"})
    assert mails.keys() == {"truongban"}, f"after drafting: mails to {sorted(mails)}"
    to_approve = only(mails["truongban"], f"Trả lời chờ phê duyệt: câu hỏi {code}")
    assert UNIT in to_approve.body

    # 4. The editor-in-chief, past the second factor, approves: the asker gets the answer.
    page = sign_in("truongban", second_factor=True)
    page.goto(_link(to_approve.body, "/admin/qa/questions/inspect/"))
    expect(page.locator("[data-qa-preview]")).not_to_contain_text(ADDRESS)
    page.get_by_role("button", name="Phê duyệt và gửi người hỏi").click()
    expect(page.locator(".messages")).to_contain_text("Đã phê duyệt và gửi câu trả lời đến người hỏi.")
    expect(page.locator("[data-qa-time-to-answer]")).to_contain_text("đúng hạn")
    page.context.close()

    mails = mailbox.take({"tranthibinh", "truongphong", "thuongtruc"})
    assert mails.keys() == {"tranthibinh", "truongphong", "thuongtruc"}, f"after approval: {sorted(mails)}"
    answer_mail = only(mails["tranthibinh"], f"Trả lời câu hỏi {code}")
    assert "Trường gửi văn bản đề nghị đến Sở Ngoại vụ" in answer_mail.body
    public_path = _link(answer_mail.body, "/hoi-dap/")
    only(mails["truongphong"], f"Đã phê duyệt và gửi trả lời: câu hỏi {code}")

    # 5. The asker's link shows the answer; the public page shows it without personal data.
    page = open_page()
    page.goto(private_path)
    expect(page.get_by_role("main")).to_contain_text("Câu trả lời của Sở")
    expect(page.get_by_role("main")).to_contain_text("Trường gửi văn bản đề nghị đến Sở Ngoại vụ")
    page.get_by_role("link", name="Câu trả lời đã công khai trên Trang thông tin").click()
    assert urlsplit(page.url).path == public_path
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text("Một giáo viên ở thành phố Huế")
    for private in (ASKER, ASKER_EMAIL, ASKER_PHONE, ADDRESS, "0234 3822 101"):
        expect(main).not_to_contain_text(private)
    page.goto("/hoi-dap/?q=giao su han quoc giang day")
    expect(page.get_by_role("main").get_by_role("link", name=TITLE)).to_have_count(1)

    # Another asker's link, or a guessed one, shows nothing.
    forged = re.sub(r"/[\w-]+/$", "/khong-phai-cua-ban/", private_path)
    response = page.goto(forged)
    assert response.status == 404
    expect(page.get_by_role("main")).to_contain_text("Đường dẫn này không dẫn đến câu hỏi nào.")
    expect(page.get_by_role("main")).not_to_contain_text(TITLE)


def test_a_file_too_large_is_refused_in_the_browser_before_anything_is_sent(open_page):
    # Issue 19 item 5: a 20 MB attachment cost the citizen everything typed; the browser now says so first.
    page = open_page()
    page.goto("/hoi-dap/gui-cau-hoi/")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.get_by_label("Họ và tên (bắt buộc)", exact=True).fill(ASKER)
    page.get_by_label("Tiêu đề câu hỏi (bắt buộc)", exact=True).fill(TITLE)
    page.get_by_label("Câu hỏi của bạn (bắt buộc)", exact=True).fill(BODY)
    attachment = page.get_by_label("Tệp đính kèm (không bắt buộc)")
    # The portal's own button and words, not the browser's "Choose File" / "No file chosen".
    field = page.locator(".field").filter(has=page.locator("#id_attachment"))
    expect(field.locator("label.file-picker__choose")).to_have_text("Chọn tệp")
    expect(field.locator(".file-picker__chosen")).to_have_text("Chưa chọn tệp nào")
    too_big = b"%PDF-1.7\n" + b"0" * (6 * 1024 * 1024)  # the demo's limit is 5 MB
    attachment.set_input_files({"name": "ho-so-lon.pdf", "mimeType": "application/pdf", "buffer": too_big})
    warning = page.locator("#id_attachment_check")
    expect(warning).to_be_visible()
    expect(warning).to_have_text(re.compile(r"^Tệp đính kèm quá lớn: tối đa 5,0\s+MB\.$"))
    expect(attachment).to_have_attribute("aria-invalid", "true")
    assert attachment.evaluate("input => input.files.length") == 0  # taken out: the rest can still be sent
    # A file of a kind the form does not take is refused the same way; a good one clears the warning.
    attachment.set_input_files({"name": "trang.html", "mimeType": "text/html", "buffer": b"<p>x</p>"})
    expect(warning).to_have_text(re.compile(r"^Vui lòng đính kèm tệp PDF hoặc ảnh"))
    attachment.set_input_files({"name": "giay-moi.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"})
    expect(warning).to_be_hidden()
    expect(field.locator(".file-picker__chosen")).to_have_text("giay-moi.pdf")
    assert posts == [] and urlsplit(page.url).path == "/hoi-dap/gui-cau-hoi/"
    expect(page.get_by_label("Tiêu đề câu hỏi (bắt buộc)", exact=True)).to_have_value(TITLE)


QA_PAGES = {
    "vi": {"list": "/hoi-dap/", "ask": "/hoi-dap/gui-cau-hoi/", "track": "/hoi-dap/theo-doi/?code=AAAA-AAAA"},
    "en": {
        "list": "/en/questions-and-answers/",
        "ask": "/en/questions-and-answers/ask/",
        "track": "/en/questions-and-answers/track/",
    },
}


@pytest.mark.parametrize("kind", ["list", "ask", "track", "answer", "ask_with_errors", "private", "not_found"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_public_qa_pages_pass_axe(open_page, audit, language, viewport, kind):
    page = open_page(viewport=viewport, language=language)
    pages = QA_PAGES[language]
    if kind == "answer":
        page.goto(pages["list"])
        page.get_by_role("main").locator(".qa-list a").first.click()
        page.wait_for_load_state()
    elif kind == "ask_with_errors":
        page.goto(pages["ask"])
        page.locator("form.qa-form button[type=submit]").click()
        page.wait_for_load_state()
        expect(page.locator(".field__error").first).to_be_visible()
    elif kind == "private":
        page.goto(pages["list"])
        code = "C8PK-3DZR" if language == "vi" else "P7VA-2XGD"  # demo questions, answered and open
        track = "theo-doi" if language == "vi" else "track"
        assert page.goto(f"{pages['list']}{track}/{code}/{demo_secret(code)}/").status == 200
    elif kind == "not_found":
        assert page.goto(pages["list"] + ("theo-doi" if language == "vi" else "track") + "/ZZZZ-ZZZZ/x/").status == 404
    else:
        response = page.goto(pages[kind])
        assert response.status in (200, 404)
    assert page.locator("html").get_attribute("lang") == language
    audit(page, label=f"{page.url} ({kind}, {language}, {viewport['width']}x{viewport['height']})")
