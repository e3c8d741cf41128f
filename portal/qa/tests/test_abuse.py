"""Abuse resistance: honeypot, time check, per-address limits, duplicates; a flood leaves others untouched."""

import time

import pytest

from portal.core import clients
from portal.qa import guards
from portal.qa.models import Question

from .conftest import ask_data

pytestmark = pytest.mark.django_db


def post(client, index, address: str, **overrides):
    return client.post(index.url + "gui-cau-hoi/", ask_data(**overrides), REMOTE_ADDR=address)


def test_a_filled_honeypot_is_refused_with_a_message(client, index_vi):
    before = Question.objects.count()
    response = post(client, index_vi, "198.51.100.20", website="http://spam.example")
    assert response.status_code == 400
    assert "Vui lòng để trống ô “Để trống ô này”." in response.content.decode()
    assert Question.objects.count() == before


def test_a_form_sent_faster_than_a_person_can_type_is_refused(client, index_vi):
    response = post(client, index_vi, "198.51.100.21", form_token=guards.form_token(now=time.time()))
    assert response.status_code == 400
    assert "Biểu mẫu được gửi nhanh hơn thời gian một người có thể điền." in response.content.decode()
    # What was typed comes back, with a fresh time stamp to send it again.
    form = response.context["form"]
    assert form["title"].value() == "Thủ tục mời chuyên gia Hàn Quốc sang giảng dạy"
    assert form.data["form_token"] != ""


@pytest.mark.parametrize(
    "token",
    ["", "forged", guards.form_token(now=time.time() - 3 * 86400)],
    ids=["missing", "forged", "stale"],  # not the token itself: each xdist worker signs its own, a second apart
)
def test_a_missing_forged_or_stale_time_stamp_is_refused(client, index_vi, token):
    before = Question.objects.count()
    response = post(client, index_vi, "198.51.100.22", form_token=token)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không kiểm tra được biểu mẫu." in html or "Biểu mẫu đã mở quá lâu." in html
    assert Question.objects.count() == before


def test_the_same_question_twice_is_recognised_whatever_the_accents_and_spacing(client, index_vi):
    first = post(client, index_vi, "198.51.100.23")
    assert first.status_code == 302
    again = post(
        client,
        index_vi,
        "198.51.100.99",  # another address, the same e-mail
        title="THU TUC MOI CHUYEN GIA HAN QUOC SANG GIANG DAY",
        body="Trường chúng tôi muốn mời hai giáo sư   Hàn Quốc sang giảng dạy một học kỳ! Xin hỏi cần thủ tục gì",
    )
    assert again.status_code == 409
    assert "Chúng tôi đã nhận câu hỏi này ngày" in again.content.decode()
    assert Question.objects.filter(email="nguyenvanan@example.com").count() == 1


def test_a_flood_from_one_address_is_refused_while_others_keep_working(client, index_vi, settings):
    settings.QA_QUESTIONS_PER_HOUR = 5
    stored = []
    for number in range(5):
        response = post(
            client,
            index_vi,
            "203.0.113.66",
            email=f"nguoi{number}@example.com",
            title=f"Câu hỏi số {number} về thị thực",
            body=f"Nội dung câu hỏi số {number} về thị thực cho chuyên gia nước ngoài.",
        )
        assert response.status_code == 302, number
        stored.append(Question.objects.get(email=f"nguoi{number}@example.com"))
    snapshot = {question.pk: (question.title, question.body, question.status) for question in stored}
    for number in range(5, 40):
        refused = post(
            client,
            index_vi,
            "203.0.113.66",
            email=f"nguoi{number}@example.com",
            title=f"Câu hỏi số {number} về thị thực",
            body=f"Nội dung câu hỏi số {number} về thị thực cho chuyên gia nước ngoài.",
        )
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "Có quá nhiều" in html and "từ kết nối của bạn" in html
    assert not Question.objects.filter(email="nguoi5@example.com").exists()
    # Someone else, at the same moment, is not affected.
    other = post(client, index_vi, "198.51.100.77", email="khac@example.com", title="Câu hỏi của người khác")
    assert other.status_code == 302
    assert Question.objects.filter(email="khac@example.com").count() == 1
    # The questions stored before the flood are intact.
    for question in Question.objects.filter(pk__in=snapshot):
        assert (question.title, question.body, question.status) == snapshot[question.pk]


def test_the_flood_limit_counts_every_post_even_invalid_ones(client, index_vi, settings):
    settings.QA_POSTS_PER_10_MINUTES = 3
    for _attempt in range(3):
        assert post(client, index_vi, "203.0.113.70", email="sai").status_code == 200
    response = post(client, index_vi, "203.0.113.70")
    assert response.status_code == 429
    assert "Vui lòng đợi mười phút rồi thử lại." in response.content.decode()


def test_tracking_codes_cannot_be_tried_by_the_thousand(client, index_vi, settings):
    settings.QA_LOOKUPS_PER_10_MINUTES = 5
    for number in range(5):
        client.get(index_vi.url + "theo-doi/", {"code": f"AAAA-AAA{number}"}, REMOTE_ADDR="203.0.113.80")
    response = client.get(index_vi.url + "theo-doi/", {"code": "AAAA-AAAZ"}, REMOTE_ADDR="203.0.113.80")
    assert response.status_code == 429
    assert client.get(index_vi.url + "theo-doi/", {"code": "AAAA-AAAZ"}, REMOTE_ADDR="203.0.113.81").status_code == 404


def test_the_address_is_kept_only_as_a_keyed_digest(client, index_vi):
    post(client, index_vi, "198.51.100.44", email="digest@example.com")
    question = Question.objects.get(email="digest@example.com")
    assert question.address_digest == guards.address_digest("198.51.100.44")
    assert "198.51.100.44" not in question.address_digest


def test_behind_a_proxy_the_configured_header_gives_the_address(rf, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.9, 10.0.0.1", REMOTE_ADDR="10.0.0.1")
    assert clients.client_address(request) == "203.0.113.9"
    settings.CLIENT_ADDRESS_HEADER = ""
    assert clients.client_address(request) == "10.0.0.1"


def test_a_form_with_mistakes_shows_the_mistakes_not_the_time_check(client, index_vi):
    response = post(client, index_vi, "198.51.100.24", name="", form_token=guards.form_token(now=time.time()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html
    assert "nhanh hơn thời gian một người có thể điền" not in html
