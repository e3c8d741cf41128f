"""The staff side in the Wagtail admin: who sees which questions, and the actions on one question."""

import re

import pytest
from django.urls import reverse

from portal.accounts.testing import login_with_second_factor
from portal.qa import services
from portal.qa.models import Question
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

from .conftest import submit_question

pytestmark = pytest.mark.django_db

INDEX = "/admin/qa/questions/"


def detail(question) -> str:
    return f"/admin/qa/questions/inspect/{question.pk}/"


def test_the_secretariat_lists_every_question_with_its_deadline_light(
    client, secretariat, consular_question, spam_question
):
    login_with_second_factor(client, secretariat)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Câu hỏi của công dân - Wagtail</title>" in html
    assert consular_question.tracking_code in html and 'data-qa-light="red"' in html  # past its deadline
    assert spam_question.tracking_code not in html  # spam only when asked for
    assert spam_question.tracking_code in client.get(INDEX, {"status": "spam"}).content.decode()
    assert "Xóa thư rác" in html


def test_a_unit_member_sees_only_the_questions_routed_to_the_unit(
    client, unit_head, consular_member, cooperation_question, consular_question, waiting_question
):
    login_with_second_factor(client, unit_head)  # the plan makes unit heads approvers of news
    html = client.get(INDEX).content.decode()
    assert cooperation_question.tracking_code in html  # Phòng Hợp tác quốc tế
    # another unit's; not routed yet
    assert consular_question.tracking_code not in html and waiting_question.tracking_code not in html
    assert client.get(detail(consular_question)).status_code == 404
    client.force_login(consular_member)
    assert client.get(detail(consular_question)).status_code == 200


def test_staff_without_a_role_in_the_qa_cannot_open_it(client):
    accountant = StaffFactory(role=roles.ACCOUNTANT, unit=Unit.objects.get(code="van-phong"))
    client.force_login(accountant)
    assert client.get(INDEX).status_code in (302, 403)


def test_nobody_adds_edits_or_deletes_questions_through_generic_forms(client, secretariat, waiting_question):
    login_with_second_factor(client, secretariat)
    question = waiting_question
    for url in (f"{INDEX}new/", f"{INDEX}edit/{question.pk}/", f"{INDEX}delete/{question.pk}/"):
        assert client.get(url).status_code == 404


def test_routing_drafting_and_approval_through_the_admin(client, secretariat, unit_head, chief, cooperation_unit):
    question, _secret = submit_question(title="Hỏi qua giao diện quản trị")
    login_with_second_factor(client, secretariat)
    page = client.get(detail(question)).content.decode()
    assert "Chuyển đến đơn vị" in page and "Nguyễn Văn An" in page
    response = client.post(
        reverse("qa_questions:route", args=[question.pk]), {"unit": cooperation_unit.pk, "note": "Nhờ trả lời"}
    )
    assert response.status_code == 302
    assert "Đã chuyển câu hỏi đến Phòng Hợp tác quốc tế." in client.get(detail(question)).content.decode()

    login_with_second_factor(client, unit_head)  # the plan makes unit heads approvers of news
    page = client.get(detail(question)).content.decode()
    assert "Soạn câu trả lời" in page and "Trình phê duyệt" in page
    client.post(reverse("qa_questions:answer", args=[question.pk]), {"answer": "Câu trả lời thử.", "submit": "1"})
    question.refresh_from_db()
    assert question.status == Question.Status.IN_REVIEW

    client.force_login(chief)  # signed in, but without the second factor this session
    client.post(reverse("qa_questions:approve", args=[question.pk]), {"answer": "Câu trả lời thử."})
    question.refresh_from_db()
    assert question.status == Question.Status.IN_REVIEW

    login_with_second_factor(client, chief)
    page = client.get(detail(question)).content.decode()
    assert "Phê duyệt và gửi người hỏi" in page and "Trả về đơn vị" in page
    response = client.post(
        reverse("qa_questions:approve", args=[question.pk]), {"answer": "Câu trả lời đã duyệt."}, follow=True
    )
    assert "Đã phê duyệt và gửi câu trả lời đến người hỏi." in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED and question.answer == "Câu trả lời đã duyệt."
    history = client.get(reverse("qa_questions:history", args=[question.pk])).content.decode()
    for line in ("Nhận câu hỏi từ biểu mẫu công khai", "Đã chuyển đến Phòng Hợp tác quốc tế", "Đã phê duyệt"):
        assert line in history


def test_an_empty_answer_is_explained(client, secretariat, unit_head, cooperation_unit):
    question, _secret = submit_question()
    services.question_route(question=question, unit=cooperation_unit, user=secretariat)
    login_with_second_factor(client, unit_head)  # the plan makes unit heads approvers of news
    response = client.post(
        reverse("qa_questions:answer", args=[question.pk]), {"answer": "  ", "submit": "1"}, follow=True
    )
    assert "Trả lời:" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.ASSIGNED


def test_an_unknown_unit_is_refused_with_a_message(client, secretariat):
    question, _secret = submit_question()
    login_with_second_factor(client, secretariat)
    response = client.post(reverse("qa_questions:route", args=[question.pk]), {"unit": "99999"}, follow=True)
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.status == Question.Status.NEW


def test_spam_is_purged_from_its_confirmation_page(client, secretariat, spam_question):
    login_with_second_factor(client, secretariat)
    page = client.get(reverse("qa_questions:purge_spam")).content.decode()
    assert "bị đánh dấu là thư rác" in page
    spam = Question.objects.filter(status=Question.Status.SPAM).count()  # this one, and any the database held
    response = client.post(reverse("qa_questions:purge_spam"), follow=True)
    assert f"Đã xóa {spam} câu hỏi rác." in response.content.decode()
    assert not Question.objects.filter(status=Question.Status.SPAM).exists()


def test_the_dashboard_shows_the_waiting_questions(client, secretariat, consular_question):
    login_with_second_factor(client, secretariat)
    html = client.get("/admin/").content.decode()
    assert "Câu hỏi của công dân đang chờ" in html and consular_question.tracking_code in html
    assert "data-qa-chart" in html and "Tuần từ " in html and 'role="img"' in html
    assert not re.search(r'(?:x|y|height)="\d+,\d+"', html)  # SVG numbers never localised (12,5)


def test_the_list_and_detail_pages_use_a_bounded_number_of_queries(
    client, secretariat, cooperation_question, django_assert_max_num_queries
):
    login_with_second_factor(client, secretariat)
    client.get(INDEX)
    with django_assert_max_num_queries(40) as before:
        client.get(INDEX)
    baseline = len(before)  # now: the next request empties the connection's query log it reads from
    for number in range(15):
        submit_question(title=f"Thêm câu hỏi {number}", address=f"203.0.113.{number}")
    # New questions expire the cached figures the admin's menus and panels read: warm them again, so
    # that only the list itself is compared (it failed by 5 when the caches were cold, whatever ran before).
    client.get(INDEX)
    with django_assert_max_num_queries(baseline):
        client.get(INDEX)
    with django_assert_max_num_queries(45):
        assert client.get(detail(cooperation_question)).status_code == 200


def test_the_list_exports_to_a_spreadsheet_with_what_the_user_may_see(
    client, secretariat, unit_head, consular_question, cooperation_question
):
    login_with_second_factor(client, secretariat)
    xlsx = client.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    csv = b"".join(client.get(INDEX, {"export": "csv"}).streaming_content).decode()
    assert consular_question.tracking_code in csv and cooperation_question.tracking_code in csv
    login_with_second_factor(client, unit_head)  # the plan makes unit heads approvers of news
    csv = b"".join(client.get(INDEX, {"export": "csv"}).streaming_content).decode()
    assert cooperation_question.tracking_code in csv and consular_question.tracking_code not in csv
