"""What a citizen sees: the Q&A page, the form, the status by code, the private link, in both languages."""

import datetime as dt
import itertools
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from portal.home.models import HomePage
from portal.news.tests.factories import section
from portal.qa import services
from portal.qa.models import AnswerPage, Question

from .conftest import ask_data, submit_question

pytestmark = pytest.mark.django_db
MAX_QUERIES = 22  # measured: 21 for the list, the search and an answer, whatever the number of answers

MASTERS = "Bằng thạc sĩ cấp tại Hàn Quốc cần hợp pháp hóa lãnh sự như thế nào?"
BORDER = "Sang Lào thăm người thân qua cửa khẩu Hồng Vân cần giấy tờ gì?"
JAPAN = "Must our company documents from Japan be legalised for an investment in Huế?"
MASTERS_EN = "How do I legalise a master's degree from Korea?"
_addresses = itertools.count(100)


def answered(chief, *, title, body, topic, answer, days_ago, language="vi", consent=True, **edits) -> Question:
    """A question asked `days_ago` days ago and answered, approved by the editor-in-chief, the next day."""
    received = timezone.now() - dt.timedelta(days=days_ago)
    question, _secret = submit_question(
        title=title,
        body=body,
        topic=topic,
        language=language,
        consent_to_publish=consent,
        address=f"198.51.100.{next(_addresses) % 250}",
        now=received,
        **{key: edits.pop(key) for key in ("name", "email", "phone") if key in edits},
    )
    question.status, question.answer = Question.Status.IN_REVIEW, answer
    question.save()
    return services.answer_approve(
        question=question, user=chief, second_factor_passed=True, edits=edits, now=received + dt.timedelta(days=1)
    )


def translate(page: AnswerPage, title: str) -> AnswerPage:
    """The English translation of a published answer, as a translator publishes it."""
    english = Locale.objects.get(language_code="en")
    translation = page.copy_for_translation(english).specific
    translation.title, translation.slug = title, f"{slugify(title)}-{page.pk}"
    translation.question_text = "I got a master's degree in Korea. How do I legalise it?"
    translation.answer_text = "Have it legalised at the Vietnamese mission in Korea."
    translation.topic = page.topic.get_translation_or_none(english) if page.topic else None
    translation.save()
    translation.save_revision().publish()
    return translation


@pytest.fixture
def published_answers(chief) -> None:
    """Answers published on the Q&A pages: five Vietnamese, one English, one whose asker did not consent."""
    consular = section("lanh-su-nguoi-viet-nam-o-nuoc-ngoai")
    masters = answered(
        chief,
        title=MASTERS,
        body="Tôi là Nguyễn Thị Thu Trang, ở phường Vỹ Dạ. Bằng thạc sĩ của tôi cấp tại Hàn Quốc, cần làm gì?",
        name="Nguyễn Thị Thu Trang",
        email="thu.trang.nguyen@example.com",
        phone="0935 610 472",
        topic=consular,
        answer="Chào chị Thu Trang, bằng cần được hợp pháp hóa tại cơ quan đại diện Việt Nam tại Hàn Quốc.",
        public_asker="Một bạn đọc ở thành phố Huế",
        redactions="phường Vỹ Dạ\nThu Trang",
        days_ago=40,
    )
    translate(AnswerPage.objects.get(question=masters), MASTERS_EN)
    answered(
        chief,
        title=BORDER,
        body="Tôi ở A Lưới, có người thân bên tỉnh Salavan. Sang thăm qua cửa khẩu cần giấy tờ gì?",
        topic=section("quan-ly-bien-gioi-hop-tac-voi-lao"),
        answer="Công dân Việt Nam có thể sang Lào bằng hộ chiếu hoặc giấy thông hành biên giới.",
        days_ago=30,
    )
    answered(
        chief,
        title="Doanh nghiệp mời đối tác nước ngoài sang làm việc cần làm những thủ tục gì?",
        body="Công ty chúng tôi dự kiến mời 5 chuyên gia nước ngoài sang làm việc một tháng.",
        topic=section("hop-tac-quoc-te"),
        answer="Đối tác có thể tự đề nghị cấp thị thực điện tử; doanh nghiệp báo cáo Sở trước chuyến thăm.",
        days_ago=20,
    )
    answered(
        chief,
        title="Tổ chức hội thảo có chuyên gia nước ngoài tham dự có cần xin phép không?",
        body="Trường chúng tôi dự kiến tổ chức hội thảo về đào tạo nghề du lịch có chuyên gia nước ngoài.",
        topic=section("hop-tac-quoc-te"),
        answer="Hội thảo quốc tế cần được cấp có thẩm quyền cho phép trước khi tổ chức.",
        days_ago=10,
    )
    answered(
        chief,
        title="Trung tâm Dịch vụ Đối ngoại có nhận dịch hồ sơ du học không?",
        body="Con tôi chuẩn bị hồ sơ du học Nhật Bản, cần dịch học bạ và bằng tốt nghiệp.",
        topic=section("hop-tac-quoc-te"),
        answer="Trung tâm nhận biên dịch giấy tờ cá nhân sang nhiều thứ tiếng.",
        days_ago=5,
    )
    answered(
        chief,
        title="Con tôi đang lao động tại Hàn Quốc bị mất liên lạc, xin được giúp đỡ",
        body="Con trai tôi sang Hàn Quốc làm việc từ năm ngoái, ba tháng nay gia đình mất liên lạc.",
        topic=consular,
        answer="Sở đã chuyển thông tin của gia đình đến cơ quan đại diện Việt Nam tại Hàn Quốc.",
        consent=False,
        days_ago=3,
    )
    answered(
        chief,
        title=JAPAN,
        body="We plan to open a food processing plant in Huế. Must our documents from Japan be legalised?",
        topic=section("lanh-su-nguoi-viet-nam-o-nuoc-ngoai", "en"),
        answer="Yes. Viet Nam is not a party to the Apostille Convention: documents need consular legalisation.",
        language="en",
        days_ago=15,
    )


def test_the_qa_page_replaces_the_plain_category_in_the_menu_and_the_home_quick_link(client, index_vi, index_en):
    assert index_vi.url == "/hoi-dap/"
    assert index_en.url == "/en/questions-and-answers/"
    home = client.get("/").content.decode()
    assert 'href="/hoi-dap/"' in home
    english_home = client.get("/en/").content.decode()
    assert 'href="/en/questions-and-answers/"' in english_home
    assert HomePage.objects.get(locale__language_code="vi").questions_page_id == index_vi.pk


def test_the_qa_page_lists_published_answers_newest_first_with_topics(client, index_vi, published_answers):
    response = client.get(index_vi.url)
    assert response.status_code == 200
    html = response.content.decode()
    answers = list(response.context["answers"])
    assert len(answers) >= 5
    dates = [answer.answered_at for answer in answers]
    assert dates == sorted(dates, reverse=True)
    assert MASTERS in html
    # The question whose asker did not consent is never listed.
    assert "mất liên lạc" not in html
    topic_names = [topic.title for topic, _count in response.context["topics"]]
    assert "Hợp tác quốc tế" in topic_names
    assert 'href="/hoi-dap/gui-cau-hoi/"' in html and 'href="/hoi-dap/theo-doi/"' in html


def test_browsing_by_topic_shows_that_topic_only(client, index_vi, published_answers):
    topic = section("quan-ly-bien-gioi-hop-tac-voi-lao")
    response = client.get(index_vi.url, {"topic": topic.pk})
    answers = list(response.context["answers"])
    assert answers and all(answer.topic_id == topic.pk for answer in answers)
    assert BORDER in response.content.decode()
    assert "Bằng thạc sĩ cấp tại Hàn Quốc" not in response.content.decode()


@pytest.mark.parametrize("topic", ["abc", "-1", "999999", "' OR 1=1 --"])
def test_an_unknown_topic_shows_every_answer(client, index_vi, published_answers, topic):
    response = client.get(index_vi.url, {"topic": topic})
    assert response.status_code == 200
    assert response.context["topic"] is None
    assert len(response.context["answers"].object_list) >= 5


@pytest.mark.parametrize("query", ["hop phap hoa", "HỢP PHÁP HÓA", "hợp pháp hoá", "Hop Phap Hoa lanh su"])
def test_searching_the_answers_ignores_diacritics_and_case(client, index_vi, published_answers, query):
    response = client.get(index_vi.url, {"q": query})
    titles = [answer.title for answer in response.context["answers"]]
    assert MASTERS in titles
    assert BORDER not in titles


def test_a_search_with_no_match_says_so(client, index_vi, published_answers):
    response = client.get(index_vi.url, {"q": "zzzxq"})
    assert "Không có câu trả lời nào phù hợp." in response.content.decode()


def test_the_site_search_finds_published_answers_without_diacritics(client, published_answers):
    response = client.get(reverse("search"), {"q": "cua khau hong van"})
    assert response.status_code == 200
    titles = [result.title for result in response.context["results"]]
    assert BORDER in titles


def test_an_answer_page_shows_the_question_and_answer_without_personal_data(client, index_vi, published_answers):
    page = AnswerPage.objects.live().get(title=MASTERS, question__email="thu.trang.nguyen@example.com")
    html = client.get(page.url).content.decode()
    assert "Một bạn đọc ở thành phố Huế" in html
    assert "hợp pháp hóa tại cơ quan đại diện Việt Nam tại Hàn Quốc" in html
    for private in ("Nguyễn Thị Thu Trang", "thu.trang.nguyen@example.com", "0935 610 472", "Vỹ Dạ", "Thu Trang"):
        assert private not in html


def test_the_english_site_shows_questions_asked_in_english_and_translated_answers(client, index_en, published_answers):
    response = client.get(index_en.url)
    html = response.content.decode()
    assert JAPAN in html
    assert MASTERS_EN.replace("'", "&#x27;") in html
    assert all(answer.locale.language_code == "en" for answer in response.context["answers"])


def test_the_list_and_answer_pages_use_a_bounded_number_of_queries(
    client, settings, index_vi, chief, published_answers, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page itself, not the anonymous page cache
    client.get(index_vi.url)  # warm Wagtail's site and locale caches, as on a running server
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(index_vi.url, {"q": "ho so"})
    with django_assert_max_num_queries(MAX_QUERIES):
        first = client.get(index_vi.url)
    baseline = len(first.context["answers"].object_list)
    for number in range(15):  # more content must not mean more queries
        question, _secret = submit_question(title=f"Hỏi thêm số {number} về thị thực", address=f"203.0.113.{number}")
        question.status = Question.Status.IN_REVIEW
        question.answer = "Trả lời thử."
        question.save()
        services.answer_approve(question=question, user=chief, second_factor_passed=True)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(index_vi.url)
    assert len(response.context["answers"].object_list) > baseline
    page = AnswerPage.objects.live().filter(locale__language_code="vi").first()
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(page.url).status_code == 200


def test_the_form_is_in_vietnamese_and_english(client, index_vi, index_en):
    vi = client.get(index_vi.url + "gui-cau-hoi/")
    assert vi.status_code == 200
    assert "<h1>Gửi câu hỏi</h1>" in vi.content.decode()
    assert "Tôi đồng ý để Sở lưu và sử dụng các thông tin trên" in vi.content.decode()
    assert vi["Cache-Control"].startswith("max-age=0") and "no-store" in vi["Cache-Control"]
    # Browsers post a form from a no-referrer page with "Origin: null", which the CSRF check refuses.
    assert vi["Referrer-Policy"] == "strict-origin-when-cross-origin"
    en = client.get(index_en.url + "ask/")
    assert en.status_code == 200
    assert "Ask a question" in en.content.decode()
    assert 'name="website"' in en.content.decode()  # the honeypot, hidden from people


def test_asking_stores_the_question_and_gives_a_tracking_code_and_a_private_link(
    client, index_vi, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(index_vi.url + "gui-cau-hoi/", ask_data())
    assert response.status_code == 302
    match = re.match(r"^/hoi-dap/theo-doi/([0-9A-Z]{4}-[0-9A-Z]{4})/([\w-]+)/\?sent=1$", response["Location"])
    assert match, response["Location"]
    code, secret = match.groups()
    question = Question.objects.get(tracking_code=code)
    assert question.status == Question.Status.NEW and question.language == "vi"
    assert question.topic == section("hop-tac-quoc-te")
    assert secret not in question.secret_digest
    private = client.get(response["Location"])
    html = private.content.decode()
    assert "Thủ tục mời chuyên gia Hàn Quốc sang giảng dạy" in html and code in html
    assert "Cảm ơn bạn: câu hỏi đã được tiếp nhận." in html
    assert private["X-Robots-Tag"] == "noindex, nofollow"
    assert private["Referrer-Policy"] == "no-referrer"  # the secret in the address never leaves in a Referer
    # The asker's receipt, in Vietnamese, with code and link; the secretariat is told.
    receipt = next(message for message in mail.outbox if message.to == ["nguyenvanan@example.com"])
    assert receipt.subject == f"Đã nhận câu hỏi, mã theo dõi {code}"
    assert receipt.body.startswith("Kính gửi Nguyễn Văn An,")
    assert f"http://testserver/hoi-dap/theo-doi/{code}/{secret}/" in receipt.body
    told = next(message for message in mail.outbox if secretariat.email in message.to)
    # With the link to the question in the admin: a visitor's form is resolved against the whole URL
    # configuration (portal.core.urlconfs), not the public part alone.
    assert f"/admin/qa/questions/inspect/{question.pk}/" in told.body


def test_an_english_question_gets_its_receipt_in_english(client, index_en, django_capture_on_commit_callbacks):
    data = ask_data(title="Visa for visiting professors", body="Which visa do visiting professors need for a term?")
    data["topic"] = str(section("hop-tac-quoc-te", "en").pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(index_en.url + "ask/", data)
    assert response.status_code == 302 and "/en/questions-and-answers/track/" in response["Location"]
    question = Question.objects.get(title="Visa for visiting professors")
    assert question.language == "en"
    receipt = next(message for message in mail.outbox if message.to == ["nguyenvanan@example.com"])
    assert receipt.subject.startswith("Question received, tracking code")
    assert "We will answer by" in receipt.body


def test_missing_fields_are_explained_and_nothing_is_stored(client, index_vi):
    before = Question.objects.count()
    response = client.post(index_vi.url + "gui-cau-hoi/", ask_data(name="", email="khong-phai-email", title=""))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "email", "title"} <= errors.keys()
    assert Question.objects.count() == before


def test_the_tracking_code_alone_shows_the_status_and_nothing_private(client, index_vi):
    question, _secret = submit_question(title="Câu hỏi riêng tư về hộ chiếu", body="Nội dung riêng tư của người hỏi.")
    response = client.get(index_vi.url + "theo-doi/", {"code": question.tracking_code.lower().replace("-", "")})
    assert response.status_code == 200
    html = response.content.decode()
    assert question.tracking_code in html
    for private in ("Câu hỏi riêng tư", "Nội dung riêng tư", "Nguyễn Văn An", "nguyenvanan@example.com", "0905"):
        assert private not in html


@pytest.mark.parametrize("code", ["AAAA-AAAA", "ZZZZ-9999"])
def test_an_unknown_tracking_code_is_a_clear_404(client, index_vi, code):
    response = client.get(index_vi.url + "theo-doi/", {"code": code})
    assert response.status_code == 404
    assert "Không có câu hỏi nào có mã theo dõi này." in response.content.decode()


@pytest.mark.parametrize("code", ["abc", "' OR 1=1 --", "A" * 30, "\u202e1234-5678"])
def test_a_malformed_tracking_code_is_explained(client, index_vi, code):
    response = client.get(index_vi.url + "theo-doi/", {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_private_link_shows_the_answer_once_approved(client, index_vi, chief):
    question, secret = submit_question(title="Hỏi về lệ phí hợp pháp hóa", body="Lệ phí mỗi con dấu là bao nhiêu?")
    link = f"{index_vi.url}theo-doi/{question.tracking_code}/{secret}/"
    assert "Chúng tôi đang chuẩn bị câu trả lời." in client.get(link).content.decode()
    question.status, question.answer = Question.Status.IN_REVIEW, "Lệ phí là 30.000 đ mỗi con dấu."
    question.save()
    services.answer_approve(question=question, user=chief, second_factor_passed=True)
    html = client.get(link).content.decode()
    assert "Lệ phí là 30.000 đ mỗi con dấu." in html


def test_another_askers_link_shows_nothing(client, index_vi):
    mine, my_secret = submit_question(title="Câu hỏi của tôi về thẻ ABTC", address="198.51.100.1")
    theirs, _their_secret = submit_question(
        title="Câu hỏi của người khác về visa", email="khac@example.com", address="198.51.100.2"
    )
    for link in (
        f"{index_vi.url}theo-doi/{theirs.tracking_code}/{my_secret}/",  # my secret, their code
        f"{index_vi.url}theo-doi/{theirs.tracking_code}/x/",
        f"{index_vi.url}theo-doi/ZZZZ-ZZZZ/{my_secret}/",
    ):
        response = client.get(link)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Câu hỏi của người khác" not in html and "Câu hỏi của tôi" not in html
        assert "Đường dẫn này không dẫn đến câu hỏi nào." in html
    assert client.get(f"{index_vi.url}theo-doi/{mine.tracking_code}/{my_secret}/").status_code == 200


def test_a_spam_question_has_no_status_and_no_link(client, index_vi, secretariat):
    question, secret = submit_question(title="Quảng cáo dịch vụ", address="198.51.100.9")
    services.question_mark_spam(question=question, user=secretariat)
    assert client.get(f"{index_vi.url}theo-doi/{question.tracking_code}/{secret}/").status_code == 404
    assert client.get(index_vi.url + "theo-doi/", {"code": question.tracking_code}).status_code == 404
