"""An organisation applies online for the ABTC procedure, pays, supplements, is approved and downloads the result.

Everything through the real pages of the served portal: the home page's quick link to the catalogue,
the form with its uploads, the VNPay sandbox (which confirms the payment to the portal server to
server), the officer's work queue in the admin, the leader's approval after the second factor, the
e-mails the server wrote. A second applicant then tries every way in and sees none of it.
"""

import hashlib
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from portal.applications.samples import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes

from .conftest import PHONE
from .test_newsroom import Mailbox, only

pytestmark = pytest.mark.browser

README = Path(__file__).resolve().parents[2] / "README.md"
ORGANISATION = "Công ty TNHH Xuất nhập khẩu Thuận An"
APPLICANT_EMAIL = "abtc.thuanan@example.org"
STRANGER_EMAIL = "nguoila.khac@example.org"
SUPPLEMENT = "Bản chụp hộ chiếu bị mờ, đề nghị gửi lại bản chụp rõ trang nhân thân."
ABTC = "Cho phép doanh nhân sử dụng thẻ đi lại của doanh nhân APEC (ABTC)"
MIN_SECONDS = 3.2  # the form refuses what is sent faster than a person fills it in (APPLICATIONS_MIN_SECONDS_TO_SUBMIT)


@pytest.fixture(scope="module")
def credentials():
    text = README.read_text(encoding="utf-8")
    passwords = dict(re.findall(r"^- `(\w+) / (\S+)`", text, re.MULTILINE))
    secret = re.search(r"^ {4}([A-Z2-7]{16,})\s*$", text, re.MULTILINE).group(1)
    assert {"xulyhoso", "duyethoso"} <= passwords.keys(), f"README lists {sorted(passwords)}"
    return passwords, secret


def path_of(url: str) -> str:
    """E-mails link to the configured base URL; the test server runs on another port."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link_in(body: str, fragment: str) -> str:
    return path_of(next(line.strip() for line in body.splitlines() if fragment in line and "://" in line))


def test_abtc_application_from_the_home_page_to_the_downloaded_result(
    open_page, portal_var_dir, credentials, audit, second_factor_code, tmp_path
):
    passwords, totp_secret = credentials
    mailbox = Mailbox(portal_var_dir / "mail")
    files = {
        "van-ban-de-nghi.docx": docx_bytes(),
        "dang-ky-doanh-nghiep.pdf": pdf_bytes("Giay chung nhan dang ky doanh nghiep"),
        "hop-dong.pdf": pdf_bytes("Hop dong voi doi tac Nhat Ban"),
        "hop-dong-lao-dong.jpg": jpeg_bytes((300, 200)),
        "ho-chieu.png": png_bytes((300, 200)),
        "ho-chieu-ro.pdf": pdf_bytes("Ho chieu - ban chup ro"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)

    # 1. From the home page: the quick link to the catalogue, then "Apply online" for the ABTC: two clicks.
    page = open_page()
    page.goto("/")
    page.get_by_role("link", name="Dịch vụ công trực tuyến").click()
    page.wait_for_url("**/thu-tuc-hanh-chinh/")
    audit(page, "catalogue (vi)")
    card = page.locator(".procedure-card").filter(has=page.get_by_role("link", name=ABTC, exact=True))
    expect(card).to_contain_text("22 ngày làm việc")
    expect(card).to_contain_text("toàn trình")
    card.get_by_role("link", name=re.compile("^Nộp hồ sơ trực tuyến")).click()
    page.wait_for_url("**/ho-so/nop/the-abtc/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nộp hồ sơ trực tuyến")
    shown_at = time.monotonic()
    audit(page, "application form")

    # 2. The organisation fills in the form, with its documents, and asks for the original by post (a charge).
    expect(page.get_by_label("tổ chức, doanh nghiệp")).to_be_checked()
    page.get_by_label("Tên tổ chức hoặc họ tên công dân").fill(ORGANISATION)
    page.get_by_label("Thư điện tử").fill(APPLICANT_EMAIL)
    page.get_by_label("Điện thoại").fill("0234 3811 222")
    page.get_by_label("Địa chỉ").fill("15 Trần Hưng Đạo, thành phố Huế")
    page.get_by_label("Mã số doanh nghiệp").fill("3301112223")
    page.get_by_label("Ngày thành lập doanh nghiệp").fill("02/03/2015")
    page.get_by_role("textbox", name="Đối tác tại các nền kinh tế APEC").fill(
        "Công ty Sakura (Nhật Bản), hợp đồng số 12/2024"
    )
    page.get_by_label("Họ và tên doanh nhân").fill("Lê Minh Quân")
    page.get_by_label("Ngày sinh của doanh nhân").fill("14/06/1980")
    page.get_by_label("Số hộ chiếu").fill("C1234567")
    page.get_by_label("Chức vụ tại doanh nghiệp").fill("Giám đốc")
    page.get_by_label("Số tháng làm việc tại doanh nghiệp").fill("48")
    page.get_by_label("Các nền kinh tế đề nghị đi lại").fill("Nhật Bản, Hàn Quốc")
    page.get_by_label("Nhận bản chính kết quả qua dịch vụ bưu chính công ích").check()
    page.get_by_label("Văn bản đề nghị (theo mẫu)").set_input_files(tmp_path / "van-ban-de-nghi.docx")
    page.get_by_label("Giấy chứng nhận đăng ký doanh nghiệp").set_input_files(tmp_path / "dang-ky-doanh-nghiep.pdf")
    page.get_by_label("Hợp đồng, thỏa thuận hoặc chứng từ giao dịch").set_input_files(tmp_path / "hop-dong.pdf")
    page.get_by_label("Quyết định bổ nhiệm hoặc hợp đồng lao động").set_input_files(tmp_path / "hop-dong-lao-dong.jpg")
    page.get_by_label("Hộ chiếu của doanh nhân").set_input_files(tmp_path / "ho-chieu.png")
    time.sleep(max(0.0, MIN_SECONDS - (time.monotonic() - shown_at)))  # the form refuses faster posts
    page.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    page.wait_for_url(re.compile(r"/ho-so/[0-9a-f-]{36}/[A-Z0-9]{16}/\?da-nop=1$"))
    expect(page.get_by_role("status").first).to_contain_text("Hồ sơ của bạn đã được nộp.")
    tracking_path = urlsplit(page.url).path
    receipt_number = page.locator("[data-receipt-number]").inner_text().strip()
    assert re.fullmatch(r"SNV-\d{6}-\d{4}", receipt_number), receipt_number
    expect(page.get_by_role("main")).to_contain_text("Phải nộp: 25.000 đ.")
    audit(page, "tracking page")

    mails = mailbox.take({"abtc.thuanan", "xulyhoso"})
    receipt = only(mails["abtc.thuanan"], "Biên nhận hồ sơ trực tuyến")
    assert receipt_number in receipt.subject and tracking_path in receipt.body
    assert only(mails["xulyhoso"], "Hồ sơ trực tuyến mới")

    # 3. It pays through the sandbox gateway, which confirms to the portal before sending the browser back.
    page.get_by_role("button", name="Thanh toán trực tuyến (VNPay)").click()
    page.wait_for_url("**/payments/sandbox/vnpay/?*")
    expect(page.locator("[data-amount]")).to_have_text("25.000 đ")
    page.get_by_role("button", name=re.compile("^Thanh toán")).click()
    page.wait_for_url("**/thanh-toan/vnpay/ket-qua/?*")
    expect(page.locator("[data-payment-status]")).to_have_text("Đã xác nhận thanh toán 25.000 đ.")
    page.get_by_role("link", name="Quay lại hồ sơ").click()
    page.wait_for_url(f"**{tracking_path}")
    expect(page.locator("[data-paid]")).to_contain_text("Đã thanh toán trực tuyến 25.000 đ")
    assert only(mailbox.take({"abtc.thuanan"})["abtc.thuanan"], "Đã nộp phí hồ sơ")

    # 4. The officer receives it from the unit's work queue and asks for a clearer passport copy.
    officer = open_page()
    officer.goto("/admin/login/")
    officer.get_by_label("Tên đăng nhập").fill("xulyhoso")
    officer.locator("input[name=password]").fill(passwords["xulyhoso"])
    officer.get_by_role("button", name="Đăng nhập").click()
    officer.wait_for_url("**/admin/")
    officer.get_by_role("navigation").get_by_role("link", name="Hồ sơ trực tuyến").click()
    officer.wait_for_url("**/admin/applications/")
    officer.get_by_role("link", name=receipt_number, exact=True).click()
    officer.wait_for_url(re.compile(r"/admin/applications/\d+/$"))
    detail_path = urlsplit(officer.url).path
    expect(officer.get_by_role("main")).to_contain_text("đã nộp, chờ tiếp nhận")
    expect(officer.get_by_role("main")).to_contain_text("25.000 đ — đã nộp lúc")
    officer.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(officer.locator(".messages")).to_contain_text("Đã tiếp nhận: thời hạn giải quyết đến ngày")
    step = officer.get_by_role("form", name="Yêu cầu bổ sung")
    step.get_by_label("Nội dung cần bổ sung").fill(SUPPLEMENT)
    step.get_by_label("Hộ chiếu của doanh nhân (trang nhân thân)").check()
    step.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(officer.locator(".messages")).to_contain_text("Đã gửi thư điện tử yêu cầu người nộp bổ sung hồ sơ.")
    expect(officer.locator("[data-deadline-light]")).to_have_text("Tạm dừng tính thời hạn")

    # 5. The organisation reads the request in its e-mail, opens the link and sends the clearer copy.
    mails = mailbox.take({"abtc.thuanan"})
    request = only(mails["abtc.thuanan"], f"Hồ sơ {receipt_number}: đề nghị bổ sung")
    assert SUPPLEMENT in request.body
    page.goto(link_in(request.body, "/ho-so/"))
    expect(page.get_by_role("main")).to_contain_text(SUPPLEMENT)
    page.get_by_label("Hộ chiếu của doanh nhân (trang nhân thân)").set_input_files(tmp_path / "ho-chieu-ro.pdf")
    page.get_by_label("Ý kiến của bạn").fill("Đã gửi bản chụp rõ.")
    page.get_by_role("button", name="Gửi bổ sung").click()
    expect(page.locator(".messages")).to_contain_text("nội dung bổ sung đã được gửi")
    expect(page.get_by_role("main")).to_contain_text("ho-chieu-ro.pdf")
    assert only(mailbox.take({"xulyhoso"})["xulyhoso"], "Đã nhận bổ sung")

    # 6. The officer puts it before the leader.
    officer.goto(detail_path)
    expect(officer.get_by_role("main")).to_contain_text("ho-chieu-ro.pdf")
    step = officer.get_by_role("form", name="Trình lãnh đạo")
    step.get_by_label("Ghi chú").fill("Hồ sơ đủ điều kiện; Công an tỉnh đã có ý kiến.")
    step.get_by_role("button", name="Trình lãnh đạo").click()
    expect(officer.locator(".messages")).to_contain_text("Đã trình lãnh đạo quyết định.")

    # 7. The leader passes the second factor and approves.
    mails = mailbox.take({"duyethoso"})
    assert detail_path in only(mails["duyethoso"], "Đề nghị phê duyệt hồ sơ").body
    leader = open_page()
    leader.goto("/admin/login/")
    leader.get_by_label("Tên đăng nhập").fill("duyethoso")
    leader.locator("input[name=password]").fill(passwords["duyethoso"])
    leader.get_by_role("button", name="Đăng nhập").click()
    leader.wait_for_url("**/admin/accounts/second-factor/**")
    leader.wait_for_function("() => document.querySelector('[data-sprite]')?.childElementCount > 0")
    code_form = leader.locator("body > .wrapper form").filter(has=leader.locator("input[name=code]"))
    code_form.locator("input[name=code]").fill(second_factor_code(totp_secret))
    code_form.get_by_role("button", name="Xác thực").click()
    leader.wait_for_url("**/admin/")
    leader.goto(detail_path)
    expect(leader.get_by_role("form", name="Tiếp nhận: hồ sơ đầy đủ, hợp lệ")).to_have_count(0)  # not a leader's step
    step = leader.get_by_role("form", name="Quyết định", exact=True)
    step.get_by_label("Phê duyệt").check()
    step.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(leader.locator(".messages")).to_contain_text("Đã phê duyệt.")
    assert only(mailbox.take({"abtc.thuanan"})["abtc.thuanan"], f"Hồ sơ {receipt_number} đã được phê duyệt")

    # 8. The officer issues the result letter the portal generates.
    officer.goto(detail_path)
    step = officer.get_by_role("form", name="Trả kết quả")
    expect(step.get_by_label("Tạo văn bản kết quả từ nội dung dưới đây")).to_be_checked()
    step.get_by_label("Số, ký hiệu văn bản").fill("125/SNgV-LS")
    step.get_by_role("button", name="Trả kết quả").click()
    expect(officer.locator(".messages")).to_contain_text("Đã trả kết quả cho người nộp.")

    # 9. The organisation downloads the result and checks its SHA-256 against the page.
    mails = mailbox.take({"abtc.thuanan"})
    result_mail = only(mails["abtc.thuanan"], f"Hồ sơ {receipt_number}: đã có kết quả")
    page.goto(link_in(result_mail.body, "/ho-so/"))
    shown = page.locator("[data-result-sha256]").inner_text().strip()
    assert shown in result_mail.body
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Tải kết quả")).click()
    downloaded = Path(download_info.value.path()).read_bytes()
    assert downloaded.startswith(b"%PDF-")
    assert hashlib.sha256(downloaded).hexdigest() == shown
    expect(page.get_by_role("main")).to_contain_text("đã trả kết quả")
    history = page.locator("ol.timeline")
    for step_name in (
        "Đã nộp phí trực tuyến",
        "Yêu cầu bổ sung; tạm dừng tính thời hạn",
        "Đã bổ sung hồ sơ",
        "Đã phê duyệt",
        "Đã trả kết quả",
    ):
        expect(history).to_contain_text(step_name)

    # 10. A second applicant, in another browser, gets at none of it.
    stranger = open_page(viewport=PHONE)
    public_id, secret = tracking_path.strip("/").split("/")[1:3]
    guessed = f"/ho-so/{public_id}/{'A' * 16}/"
    assert stranger.goto(guessed).status == 404
    assert stranger.goto(tracking_path.replace(public_id, "00000000-0000-4000-8000-000000000000")).status == 404
    for suffix in ("ket-qua/", "tep/1/", "sua/"):
        assert stranger.request.get(guessed + suffix).status == 404, suffix
    stranger.goto("/ho-so/tra-cuu/")
    stranger.get_by_label("Số biên nhận").fill(receipt_number)
    stranger.get_by_label("Mã tra cứu").fill("ABCD-EFGH-JKMN-PQRS")
    stranger.get_by_role("button", name="Tìm hồ sơ").click()
    expect(stranger.get_by_role("alert")).to_have_text("Không có hồ sơ nào khớp với số biên nhận và mã tra cứu này.")
    expect(stranger.get_by_role("main")).not_to_contain_text(ORGANISATION)
    audit(stranger, "look-up (phone)")
    stranger.goto("/ho-so/dang-nhap/")
    stranger.get_by_label("Thư điện tử").fill(STRANGER_EMAIL)
    stranger.get_by_role("button", name="Gửi đường dẫn đăng nhập").click()
    expect(stranger.get_by_role("status")).to_contain_text(STRANGER_EMAIL)
    sign_in = only(mailbox.take({"nguoila.khac"})["nguoila.khac"], "Đường dẫn đăng nhập")
    stranger.goto(link_in(sign_in.body, "/dang-nhap/"))
    stranger.wait_for_url("**/ho-so/cua-toi/")
    expect(stranger.get_by_role("main")).to_contain_text("Bạn chưa có hồ sơ nào.")
    expect(stranger.get_by_role("main")).not_to_contain_text(receipt_number)
    stranger.goto(detail_path)
    assert "/admin/login/" in stranger.url
    assert secret not in stranger.content()


def test_the_catalogue_and_a_procedure_in_english_pass_axe(open_page, audit):
    page = open_page(language="en")
    page.goto("/en/")
    page.get_by_role("link", name="Online public services").click()
    page.wait_for_url("**/en/administrative-procedures/")
    audit(page, "catalogue (en)")
    page.get_by_role(
        "link", name="Permission for business people to use the APEC Business Travel Card (ABTC)", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Permission for business people to use the APEC Business Travel Card (ABTC)"
    )
    expect(page.get_by_role("main")).to_contain_text("22 working days")
    audit(page, "procedure (en)")
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("note")).to_contain_text("It no longer applies.")
    audit(page, "retired version (en)")
