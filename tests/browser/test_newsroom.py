"""A Word file becomes a published item through the real admin, in Vietnamese, with the e-mails of each step.

The contributor imports a .docx into "Tin tức - Sự kiện" and submits it; the category's editor (`bientap`)
passes the second factor, finds it in the review queue and approves it with a comment; the editor-in-chief
(`truongban`) approves it, which publishes it; a citizen then finds it on the category page. After every
step the e-mails the server wrote (Django's file backend, `<PORTAL_VAR_DIR>/mail/*.log`) are read back
and checked: who received what, in Vietnamese.

Defects that do not stop the walk (a label in English, a duplicated form, a broken image...) are
collected as they are met and reported together at the end, so that one run shows all of them.
"""

import email
import re
import time
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.wordimport.tests import samples

pytestmark = pytest.mark.browser

README = Path(__file__).resolve().parents[2] / "README.md"
CATEGORY = "Tin tức - Sự kiện"
CATEGORY_PATH = "/tin-tuc-su-kien/"
WORKFLOW = "Quy trình duyệt tin bài"
FIRST_STEP = "Phụ trách biên tập duyệt"
SECOND_STEP = "Trưởng Ban Biên tập phê duyệt"
TITLE = samples.TITLE
IMAGE_ALT = "Hai bên ký biên bản ghi nhớ"  # the first picture's Alt Text in samples.news_article()
COMMENT = "Đề nghị ghi rõ tên người chụp ảnh ở chú thích trước khi xuất bản."
# The demo accounts' names as Vietnamese write them, family name first (portal/demo/accounts.py).
FULL_NAMES = {"congtacvien": "Trần Thị Mai", "bientap": "Nguyễn Thị Hồng", "truongban": "Hoàng Đức Anh"}
NAME_ORDER = "Names are shown given name first (user.get_full_name()), not as Vietnamese write them"
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what Django's file-based backend writes after each message


@pytest.fixture(scope="module")
def readme_credentials():
    """({user name: password}, base32 TOTP secret of the demo approvers), as README.md gives them."""
    text = README.read_text(encoding="utf-8")
    passwords = dict(re.findall(r"^- `(\w+) / (\S+)`", text, re.MULTILINE))
    secret = re.search(r"^ {4}([A-Z2-7]{16,})\s*$", text, re.MULTILINE)
    assert {"congtacvien", "bientap", "truongban"} <= passwords.keys(), f"README lists {sorted(passwords)}"
    assert secret, "README.md no longer shows the demo approvers' authenticator secret"
    return passwords, secret.group(1)


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


class Mailbox:
    """The messages the server wrote to its mail folder; `take()` returns those that came since the last call."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.seen = set(self._files())

    def _files(self) -> list[Path]:
        return sorted(self.folder.glob("*.log")) if self.folder.is_dir() else []

    def take(self, expected: set[str], timeout: float = 5.0) -> dict[str, list[Mail]]:
        """{user name: [Mail]} of the new messages, once every user in `expected` has one.

        The server sends them before it answers the request, so they are normally there at once.
        """
        received: dict[str, list[Mail]] = {}
        deadline = time.monotonic() + timeout
        while True:
            for path in self._files():
                if path in self.seen:
                    continue
                self.seen.add(path)
                for chunk in path.read_bytes().split(MAIL_SEPARATOR):
                    if chunk.strip():
                        message = email.message_from_bytes(chunk, policy=policy.default)
                        mail = Mail(" ".join(str(message["Subject"]).split()), message.get_content())
                        for address in message["To"].addresses:
                            received.setdefault(address.username, []).append(mail)
            if expected <= received.keys() or time.monotonic() > deadline:
                return received
            time.sleep(0.05)


def only(mails: list[Mail], subject_start: str) -> Mail:
    matching = [mail for mail in mails if mail.subject.startswith(subject_start)]
    assert len(matching) == 1, f"expected one mail whose subject starts with {subject_start!r}: {mails}"
    return matching[0]


def test_word_file_to_published_item_with_two_approvals(
    open_page, portal_var_dir, readme_credentials, second_factor_code, tmp_path
):
    passwords, secret = readme_credentials
    problems: dict[str, list[str]] = {}  # product defect -> where it was met, in the order met

    def report(defect: str, where: str) -> None:
        if where not in problems.setdefault(defect, []):
            problems[defect].append(where)

    mailbox = Mailbox(portal_var_dir / "mail")

    def sign_in(username: str):
        page = open_page()
        page.goto("/admin/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        if page.get_by_label("Mật khẩu").count() != 1:
            label = page.locator("label[for=id_password]").inner_text().strip()
            report("A sign-in label is in English", f"/admin/login/: the password field reads {label!r}")
        page.locator("input[name=password]").fill(passwords[username])
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url)
        return page

    def pass_second_factor(page):
        page.wait_for_url("**/admin/accounts/second-factor/**")
        # Wagtail's icons.js fetches the icon sprite into <div data-sprite> and keeps what it got.
        page.wait_for_function("() => document.querySelector('[data-sprite]')?.childElementCount > 0")
        copies = page.locator("input[name=code]").count()
        if copies != 1:
            nexts = page.locator("input[name=next]").evaluate_all("inputs => inputs.map(input => input.value)")
            report(
                "The second-factor page is shown twice",
                f"/admin/accounts/second-factor/ ('Xác thực hai bước') shows {copies} code forms: Wagtail's "
                "icons.js fetches /admin/sprite/, SecondFactorMiddleware redirects that fetch to this page, "
                "and icons.js puts the page into <div data-sprite> (and caches it in localStorage "
                f"'wagtail:spriteData'). The first form on screen posts next={nexts[0]!r}, so a user who "
                "types the code there lands on the sprite (an XML parse error page); the ids repeat, so "
                "the label 'Mã xác thực' points at the copy, not at the real field",
            )
        # The page's own form: the one in Wagtail's layout, not the copy inside the sprite container.
        form = page.locator("body > .wrapper form").filter(has=page.locator("input[name=code]"))
        expect(form).to_have_count(1)
        form.locator("input[name=code]").fill(second_factor_code(secret))
        form.get_by_role("button", name="Xác thực").click()
        page.wait_for_url("**/admin/")

    def open_from_review_queue(page, step: str, holder: str, page_id: int):
        page.get_by_role("navigation").get_by_role("link", name="Tin bài chờ duyệt").click()
        page.wait_for_url("**/admin/review-queue/")
        row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE, exact=True))
        expect(row).to_have_count(1)
        cells = row.get_by_role("cell")
        expect(cells.nth(1)).to_have_text(CATEGORY)
        expect(cells.nth(2)).to_have_text(step)
        family_name, _, given_name = FULL_NAMES[holder].rpartition(" ")
        expect(cells.nth(3)).to_contain_text(family_name)
        expect(cells.nth(3)).to_contain_text(given_name)
        shown = cells.nth(3).inner_text().strip()
        if FULL_NAMES[holder] not in shown:
            report(NAME_ORDER, f"/admin/review-queue/, column 'Người xử lý': {shown!r}")
        light = row.locator("[data-review-light]")
        expect(light).to_have_attribute("data-review-light", "green")
        expect(light).to_contain_text("Đúng hạn")
        row.get_by_role("link", name=TITLE, exact=True).click()
        page.wait_for_url(f"**/admin/pages/{page_id}/edit/")

    def check_salutation(mail: Mail, username: str, what: str):
        if f"Kính gửi {FULL_NAMES[username]}," not in mail.body:
            first_line = mail.body.strip().splitlines()[0]
            report(NAME_ORDER, f"{what} e-mail to {username}: {first_line!r}")

    # 1. The contributor imports the Word file into the category and submits the draft.
    docx = tmp_path / "doan-cong-tac-han-quoc.docx"
    docx.write_bytes(samples.news_article())
    page = sign_in("congtacvien")
    page.get_by_role("navigation").get_by_role("link", name="Nhập từ Word").click()
    page.wait_for_url("**/admin/word-import/")
    page.get_by_label("Mục tin nhận bài").select_option(label=f"{CATEGORY} (vi)")
    field = page.locator("input[type=file][name=file]")
    # the portal's own button and words, not the browser's "Choose File" (portal/js/filecheck.js)
    expect(page.locator("label.file-picker__choose")).to_have_text("Chọn tệp Word")
    expect(page.locator(".file-picker__chosen")).to_have_text("Chưa chọn tệp nào")
    expect(page.locator("[data-alt-text-warning]")).to_contain_text("văn bản thay thế cho mọi ảnh")
    page.get_by_label("Tệp Word (.docx)").set_input_files(docx)
    expect(page.locator(".file-picker__chosen")).to_have_text(docx.name)
    expect(field).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Tạo bản nháp").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page_id = int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))
    expect(page.locator(".messages")).to_contain_text(f"Đã tạo bản nháp “{TITLE}” từ tệp Word")
    expect(page.get_by_role("textbox", name="Sapo (tóm tắt)")).to_have_value(samples.LEAD)

    # submitting is the footer's main button, not one under its arrow
    page.get_by_role("button", name=f"Gửi tới {WORKFLOW}", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"Trang '{TITLE}' đã được gửi kiểm duyệt")
    page.context.close()

    edit_path = f"/admin/pages/{page_id}/edit/"
    # The plan's row 2 makes the head of the item's unit (truongphong, International Cooperation) its editor
    # beside the demo's category editor: both are asked.
    mails = mailbox.take({"bientap", "congtacvien", "truongphong"})
    assert mails.keys() == {"bientap", "congtacvien", "truongphong"}, f"after submission: mails to {sorted(mails)}"
    request = only(mails["bientap"], "Đề nghị duyệt:")
    assert TITLE in request.subject
    assert f'đang chờ bạn duyệt ở bước "{FIRST_STEP}"' in request.body and edit_path in request.body
    check_salutation(request, "bientap", "review request")
    confirmation = only(mails["congtacvien"], f'"{TITLE}" đã chuyển sang bước')
    assert f'đã chuyển sang bước "{FIRST_STEP}"' in confirmation.body and edit_path in confirmation.body
    check_salutation(confirmation, "congtacvien", "submission confirmation")

    # 2. The category's editor passes the second factor, opens the item from the queue, approves with a comment.
    page = sign_in("bientap")
    pass_second_factor(page)
    open_from_review_queue(page, FIRST_STEP, "bientap", page_id)
    page.get_by_role("button", name="Thao tác khác").click()
    page.get_by_role("button", name="Phê duyệt kèm ý kiến", exact=True).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Bình luận").fill(COMMENT)
    dialog.get_by_role("button", name="Phê duyệt kèm ý kiến").click()
    page.wait_for_url(lambda url: edit_path not in url)
    expect(page.locator(".messages")).to_contain_text(
        f"Đã duyệt bước “{FIRST_STEP}” của “{TITLE}”. Bước tiếp theo: {SECOND_STEP}."
    )
    page.context.close()

    mails = mailbox.take({"congtacvien", "truongban"})
    assert mails.keys() == {"congtacvien", "truongban"}, f"after the editor's approval: mails to {sorted(mails)}"
    with_comment = only(mails["congtacvien"], "Đã phê duyệt kèm ý kiến:")
    assert TITLE in with_comment.subject and COMMENT in with_comment.body
    assert f'ở bước "{FIRST_STEP}" kèm ý kiến sau' in with_comment.body
    moved = only(mails["congtacvien"], f'"{TITLE}" đã chuyển sang bước')
    assert f'"{SECOND_STEP}"' in moved.body
    request = only(mails["truongban"], "Đề nghị duyệt:")
    assert f'đang chờ bạn duyệt ở bước "{SECOND_STEP}"' in request.body and edit_path in request.body
    check_salutation(request, "truongban", "review request")

    # 3. The editor-in-chief approves: the item is published.
    page = sign_in("truongban")
    pass_second_factor(page)
    awaiting = page.locator("#awaiting-review-section tr").filter(has=page.get_by_role("link", name=TITLE))
    expect(awaiting.locator("td.tasks")).to_have_text(SECOND_STEP)  # the step that waits for the reader
    open_from_review_queue(page, SECOND_STEP, "truongban", page_id)
    page.get_by_role("button", name="Thao tác khác").click()
    page.get_by_role("button", name="Phê duyệt và xuất bản", exact=True).click()
    page.wait_for_url(lambda url: edit_path not in url)
    expect(page.locator(".messages")).to_contain_text(f"Đã duyệt và xuất bản “{TITLE}”.")
    page.context.close()

    mails = mailbox.take({"congtacvien"})
    assert mails.keys() == {"congtacvien"}, f"after the final approval: mails to {sorted(mails)}"
    published = only(mails["congtacvien"], "Đã phê duyệt xuất bản:")
    assert TITLE in published.subject and "Tin bài đã được xuất bản." in published.body

    # 4. A citizen finds the item on the category page and reads it.
    page = open_page()
    page.goto(CATEGORY_PATH)
    page.get_by_role("main").get_by_role("link", name=TITLE, exact=True).first.click()
    page.wait_for_url(f"**{CATEGORY_PATH}*/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main")).to_contain_text(samples.LEAD)
    image = page.get_by_role("main").get_by_role("img", name=IMAGE_ALT, exact=True)
    expect(image).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text(samples.CAPTIONS[0])
    image.scroll_into_view_if_needed()
    page.wait_for_function("image => image.complete", arg=image.element_handle())
    if not image.evaluate("image => image.naturalWidth > 0"):
        src = image.get_attribute("src")
        status = page.request.get(src).status
        report(
            "Uploaded images are not served",
            f"{page.url}: the Word file's image {src} answers HTTP {status}. The server runs with DEBUG off "
            "and SERVE_MEDIA on, but portal/urls.py adds media with django.conf.urls.static.static(), "
            "which returns no URL pattern when DEBUG is off",
        )

    if problems:
        lines = ["The item went from the Word file to the public site, but these product problems were met:"]
        for defect, seen in problems.items():
            lines += [f"- {defect}:", *(f"    {where}" for where in seen)]
        pytest.fail("\n".join(lines), pytrace=False)
