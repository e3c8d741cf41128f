"""The staff loop in services: routing, drafting, approval, publication, spam; e-mails and audit log."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from portal.qa import services
from portal.qa.models import AnswerPage, Question
from portal.testing.factories import StaffFactory, UnitFactory
from portal.units import roles
from portal.units.models import Unit

from .conftest import submit_question

pytestmark = pytest.mark.django_db


def actions(question) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(question).order_by("timestamp", "pk").values_list("action", flat=True)
    )


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_the_whole_loop_with_its_e_mails_and_audit_trail(secretariat, chief, django_capture_on_commit_callbacks):
    unit = UnitFactory(name_vi="Phòng Hợp tác Thử nghiệm")
    contributor = StaffFactory(role=roles.CONTRIBUTOR, unit=unit)
    unit_head = StaffFactory(role=roles.UNIT_HEAD, unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        question, _secret = submit_question(
            title="Mời giáo sư Hàn Quốc sang giảng dạy",
            body="Tôi là Nguyễn Văn An, nhà ở số 5 Lê Lợi. Trường muốn mời hai giáo sư, xin hỏi thủ tục?",
        )
    assert mails_to("nguyenvanan@example.com")[0].subject.startswith("Đã nhận câu hỏi, mã theo dõi")
    assert [m.subject for m in mails_to(secretariat.email)] == [
        f"Câu hỏi mới {question.tracking_code}: Mời giáo sư Hàn Quốc sang giảng dạy"
    ]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.question_route(question=question, unit=unit, user=secretariat, note="Trả lời giúp.")
    # The unit's members who answer (its contributor and its unit head).
    assert {address for m in mail.outbox for address in m.to} == {contributor.email, unit_head.email}
    routed = mails_to(unit_head.email)[0]
    assert "Phòng Hợp tác Thử nghiệm" in routed.body and "Trả lời giúp." in routed.body
    assert f"/admin/qa/questions/inspect/{question.pk}/" in routed.body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(
            question=question,
            user=unit_head,
            answer="Kính gửi ông Nguyễn Văn An, trường gửi văn bản đến Sở Ngoại vụ. Liên hệ 0234 3822 101.",
            redactions="số 5 Lê Lợi",
            submit=True,
        )
    # Those who approve answers: the editors-in-chief (this test's, and any the database already had).
    editors_in_chief = get_user_model().objects.filter(groups__name=roles.EDITOR_IN_CHIEF.group_name, is_active=True)
    assert chief.email in [address for m in mail.outbox for address in m.to]
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(user.email for user in editors_in_chief)
    assert mail.outbox[0].subject == f"Trả lời chờ phê duyệt: câu hỏi {question.tracking_code}"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.answer_approve(question=question, user=chief, second_factor_passed=True)
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert question.answered_at and question.working_days_to_answer is not None and question.answered_on_time
    answer_mail = mails_to("nguyenvanan@example.com")[0]
    assert answer_mail.subject == f"Trả lời câu hỏi {question.tracking_code} của bạn"
    assert "trường gửi văn bản đến Sở Ngoại vụ" in answer_mail.body
    page = AnswerPage.objects.get(question=question)
    assert page.live and page.url in answer_mail.body
    assert mails_to(unit_head.email)[0].subject.startswith("Đã phê duyệt và gửi trả lời")

    # Published without personal data: name, e-mail, phone and the marked address.
    public = " ".join([page.title, page.question_text, page.answer_text, page.asker_label])
    for private in ("Nguyễn Văn An", "0234 3822 101", "số 5 Lê Lợi", "nguyenvanan@example.com"):
        assert private not in public
    assert "[…]" in page.question_text and "trường gửi văn bản đến Sở Ngoại vụ" in page.answer_text

    assert actions(question) == ["qa.submit", "qa.route", "qa.answer_submit", "qa.approve"]
    approve = ModelLogEntry.objects.for_instance(question).get(action="qa.approve")
    assert approve.user == chief and approve.data["on_time"] is True


def test_an_asker_who_did_not_consent_gets_the_answer_by_e_mail_only(chief, django_capture_on_commit_callbacks):
    question, _secret = submit_question(title="Câu hỏi riêng về con tôi", consent_to_publish=False)
    question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời riêng."
    question.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_approve(question=question, user=chief, second_factor_passed=True)
    assert not AnswerPage.objects.filter(question=question).exists()
    assert "Trả lời riêng." in mails_to("nguyenvanan@example.com")[0].body
    assert "công khai" not in mails_to("nguyenvanan@example.com")[0].body


def test_english_askers_get_english_mails_and_an_english_page(chief, django_capture_on_commit_callbacks):
    question, _secret = submit_question(language="en", title="Work permit for a teacher", body="Which permit?")
    question.status, question.answer = Question.Status.IN_REVIEW, "Ask the Department of Home Affairs."
    question.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_approve(question=question, user=chief, second_factor_passed=True)
    assert mails_to("nguyenvanan@example.com")[0].subject == f"Answer to your question {question.tracking_code}"
    page = AnswerPage.objects.get(question=question)
    assert page.locale.language_code == "en" and page.url.startswith("/en/questions-and-answers/")


def test_approval_needs_the_second_factor_and_the_permission(chief, unit_head):
    question, _secret = submit_question()
    question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời."
    question.save()
    with pytest.raises(services.ActionRefused) as refusal:
        services.answer_approve(question=question, user=chief, second_factor_passed=False)
    assert "xác thực hai bước" in str(refusal.value.message)
    with pytest.raises(PermissionDenied):
        services.answer_approve(question=question, user=unit_head, second_factor_passed=True)
    question.refresh_from_db()
    assert question.status == Question.Status.IN_REVIEW


def test_a_delegate_of_the_editor_in_chief_may_approve(django_user_model):
    delegate = django_user_model.objects.create_user("photruongban", email="ptb@demo.invalid", password="x-2026-Mk")
    delegate.user_permissions.add(Permission.objects.get(codename="approve_answer"))
    question, _secret = submit_question()
    question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời."
    question.save()
    services.answer_approve(question=question, user=delegate, second_factor_passed=True)
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED and question.approved_by == delegate


def test_only_members_of_the_routed_unit_draft_the_answer(secretariat, unit_head, consular_member, cooperation_unit):
    question, _secret = submit_question()
    services.question_route(question=question, unit=cooperation_unit, user=secretariat)
    with pytest.raises(PermissionDenied):
        services.answer_save(question=question, user=consular_member, answer="Không phải đơn vị tôi.", submit=True)
    with pytest.raises(PermissionDenied):
        services.question_route(question=question, unit=cooperation_unit, user=unit_head)
    services.answer_save(question=question, user=unit_head, answer="Bản nháp.", submit=False)
    question.refresh_from_db()
    assert question.status == Question.Status.ASSIGNED and question.answer == "Bản nháp."


def test_the_approver_sends_the_answer_back_with_a_comment(
    secretariat, unit_head, chief, cooperation_unit, django_capture_on_commit_callbacks
):
    question, _secret = submit_question()
    services.question_route(question=question, unit=cooperation_unit, user=secretariat)
    services.answer_save(question=question, user=unit_head, answer="Bản đầu.", submit=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_return(
            question=question, user=chief, comment="Nêu rõ căn cứ pháp lý.", second_factor_passed=True
        )
    question.refresh_from_db()
    assert question.status == Question.Status.ASSIGNED and question.review_comment == "Nêu rõ căn cứ pháp lý."
    assert [address for m in mail.outbox for address in m.to] == [unit_head.email]
    assert "Nêu rõ căn cứ pháp lý." in mail.outbox[0].body
    assert actions(question)[-1] == "qa.answer_return"


def test_an_action_on_a_question_someone_else_already_moved_is_refused_cleanly(secretariat, chief, cooperation_unit):
    question, _secret = submit_question()
    stale = Question.objects.get(pk=question.pk)
    services.question_route(question=question, unit=cooperation_unit, user=secretariat)
    question.refresh_from_db()
    question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời."
    question.save()
    services.answer_approve(question=question, user=chief, second_factor_passed=True)
    with pytest.raises(services.ActionRefused):
        services.question_route(question=stale, unit=Unit.objects.get(code="lanh-su"), user=secretariat)
    with pytest.raises(services.ActionRefused):
        services.answer_approve(question=stale, user=chief, second_factor_passed=True)
    question.refresh_from_db()
    assert question.unit == cooperation_unit and question.status == Question.Status.ANSWERED


def test_spam_is_marked_restored_and_purged_with_a_trace(secretariat, unit_head):
    spam, _secret = submit_question(title="Quảng cáo visa giá rẻ")
    kept, _secret = submit_question(title="Câu hỏi thật", email="that@example.com", address="198.51.100.3")
    with pytest.raises(PermissionDenied):
        services.question_mark_spam(question=spam, user=unit_head)
    services.question_mark_spam(question=spam, user=secretariat)
    services.question_restore(question=spam, user=secretariat)
    spam.refresh_from_db()
    assert spam.status == Question.Status.NEW
    services.question_mark_spam(question=spam, user=secretariat)
    pk = spam.pk
    assert services.spam_purge(user=secretariat) >= 1
    assert not Question.objects.filter(pk=pk).exists()
    assert Question.objects.filter(pk=kept.pk, status=Question.Status.NEW).exists()
    assert ModelLogEntry.objects.filter(object_id=str(pk), action="wagtail.delete", user=secretariat).exists()
