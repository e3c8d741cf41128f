"""No form loses what was typed (issue 19 item 5): on the application form a file over the limit is refused in
the browser before anything is sent, and a refusal by the server brings the form back with every field kept;
the same for a comment on a draft under consultation. (The Q&A form: test_qa.py.)"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

APPLY = "/ho-so/nop/the-abtc/"
DRAFT = "/chi-dao-dieu-hanh/lay-y-kien-du-thao/du-thao-quy-che-quan-ly-doan-ra-doan-vao/"
ORGANISATION = "Công ty TNHH Hợp tác A & B"
EMAIL = "lienhe@hoptac-ab.example"


def _posts(page) -> list[str]:
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    return posts


def test_the_application_form_refuses_a_file_too_large_before_sending_and_keeps_the_text_the_server_refuses(
    open_page,
):
    page = open_page()
    page.goto(APPLY)
    posts = _posts(page)
    page.get_by_label("Tên tổ chức hoặc họ tên công dân").fill(ORGANISATION)
    page.get_by_label("Thư điện tử").fill(EMAIL)
    page.get_by_label("Điện thoại").fill("0234 3811 222")
    page.get_by_label("Mã số doanh nghiệp").fill("3301112223")
    page.get_by_label("Họ và tên doanh nhân").fill("Lê Minh Quân")

    document = page.get_by_label("Văn bản đề nghị (theo mẫu)")
    limit = int(document.get_attribute("data-max-bytes"))
    document.set_input_files(
        {"name": "van-ban-lon.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n" + b"0" * limit}
    )
    warning = page.locator(f"#{document.get_attribute('id')}_check")
    expect(warning).to_be_visible()
    expect(warning).to_have_text("Tệp chọn ở đây lớn hơn 10 MB: vui lòng chọn tệp nhỏ hơn.")  # the server's words
    expect(document).to_have_attribute("aria-invalid", "true")
    assert document.evaluate("input => input.files.length") == 0
    assert posts == [] and urlsplit(page.url).path == APPLY

    # Sent without the required documents: the server refuses, and everything typed is still there.
    page.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    page.wait_for_load_state()
    assert posts, "the form was not sent"
    main = page.get_by_role("main")
    expect(main).to_contain_text("Vui lòng sửa các mục được đánh dấu dưới đây.")
    expect(main).to_contain_text("Văn bản đề nghị (theo mẫu) (01 bản chính): Tải lên tài liệu này.")
    expect(page.get_by_label("Tên tổ chức hoặc họ tên công dân")).to_have_value(ORGANISATION)
    expect(page.get_by_label("Thư điện tử")).to_have_value(EMAIL)
    expect(page.get_by_label("Điện thoại")).to_have_value("0234 3811 222")
    expect(page.get_by_label("Mã số doanh nghiệp")).to_have_value("3301112223")
    expect(page.get_by_label("Họ và tên doanh nhân")).to_have_value("Lê Minh Quân")


def test_a_comment_the_server_refuses_comes_back_with_everything_typed(open_page):
    page = open_page()
    page.goto(DRAFT)
    comment = "Đề nghị bổ sung quy định về đoàn vào của các tổ chức phi chính phủ nước ngoài (khoản 2, Điều 5)."
    page.get_by_label(re.compile("^Họ và tên")).fill("Nguyễn Văn An")
    page.get_by_label(re.compile("^Thư điện tử")).fill("khong-phai-dia-chi")
    page.get_by_label(re.compile("^Ý kiến|^Nội dung góp ý")).fill(comment)
    page.get_by_role("button", name=re.compile("^Gửi")).click()
    page.wait_for_load_state()

    expect(page.get_by_text("Vui lòng nhập địa chỉ thư điện tử hợp lệ, ví dụ ten@example.vn.")).to_be_visible()
    expect(page.get_by_label(re.compile("^Họ và tên"))).to_have_value("Nguyễn Văn An")
    expect(page.get_by_label(re.compile("^Thư điện tử"))).to_have_value("khong-phai-dia-chi")
    expect(page.get_by_label(re.compile("^Ý kiến|^Nội dung góp ý"))).to_have_value(comment)
