"""A form sent without a valid CSRF token (left open too long, cookies blocked): a clear page, nothing stored."""

import pytest
from django.test import Client

from portal.qa.models import Question

pytestmark = pytest.mark.django_db

ASK_VI = "/hoi-dap/gui-cau-hoi/"
ASK_EN = "/en/questions-and-answers/ask/"
QUESTION = {"name": "Nguyễn Văn An", "email": "an@example.com", "title": "Câu hỏi gửi muộn", "body": "Nội dung."}


@pytest.fixture
def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def test_a_question_sent_without_a_token_is_refused_in_vietnamese_and_not_stored(browser):
    before = Question.objects.count()
    response = browser.post(ASK_VI, QUESTION, headers={"Referer": f"http://testserver{ASK_VI}"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert "Chưa có thông tin nào được gửi đi" in html and "chặn cookie" in html
    assert f'<a href="http://testserver{ASK_VI}">Quay lại biểu mẫu</a>' in html
    assert '<html lang="vi">' in html and "site-footer" in html  # the public site's look
    assert Question.objects.count() == before


def test_on_the_english_site_the_page_is_in_english(browser):
    response = browser.post(ASK_EN, QUESTION, headers={"Referer": f"http://testserver{ASK_EN}"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form has expired" in html and "Nothing has been sent" in html and "blocking cookies" in html
    assert f'<a href="http://testserver{ASK_EN}">Back to the form</a>' in html
    assert '<html lang="en">' in html and "Biểu mẫu" not in html


@pytest.mark.parametrize("referer", [None, "https://evil.example/hoi-dap/gui-cau-hoi/", "javascript:alert(1)"])
def test_without_a_referer_of_this_site_the_link_goes_home(browser, referer):
    headers = {"Referer": referer} if referer else {}
    html = browser.post(ASK_VI, QUESTION, headers=headers).content.decode()
    assert "Quay lại biểu mẫu" not in html and "evil.example" not in html and "javascript:" not in html
    assert '<a href="/">Về trang chủ</a>' in html
    english = browser.post(ASK_EN, QUESTION, headers=headers).content.decode()
    assert '<a href="/en/">Go to the home page</a>' in english


def test_a_form_sent_with_its_token_still_goes_through(browser):
    page = browser.get(ASK_VI)
    assert page.status_code == 200
    token = browser.cookies["csrftoken"].value
    response = browser.post(ASK_VI, {**QUESTION, "csrfmiddlewaretoken": token})
    assert response.status_code != 403


# The check runs before any view: an online application and the staff sign-in get the same page.
@pytest.mark.parametrize("path", ["/ho-so/nop/ho-chieu-cong-vu/", "/admin/login/"])
def test_other_forms_get_the_same_page(browser, path):
    response = browser.post(path, {"username": "x", "password": "y"}, headers={"Referer": f"http://testserver{path}"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html and f'<a href="http://testserver{path}">Quay lại biểu mẫu</a>' in html
