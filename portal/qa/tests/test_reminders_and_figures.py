"""The daily reminder (once per question and working day) and the figures for the plan dashboard."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from portal.core.figures import figure_sections
from portal.operations.scheduler import default_jobs
from portal.qa import services
from portal.qa.figures import qa_figures
from portal.qa.models import Question, QuestionReminder

from .conftest import submit_question

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, time: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=HUE)


@pytest.fixture
def only_our_questions():
    Question.objects.all().delete()


def test_whoever_holds_a_question_is_reminded_once_a_working_day(
    only_our_questions, secretariat, unit_head, cooperation_unit, django_capture_on_commit_callbacks
):
    waiting, _secret = submit_question(title="Chờ chuyển đơn vị", now=at("2027-03-01", "10:00"))  # a Monday
    routed, _secret = submit_question(
        title="Đơn vị đang trả lời", email="b@example.com", address="198.51.100.2", now=at("2027-03-01", "11:00")
    )
    services.question_route(question=routed, unit=cooperation_unit, user=secretariat)
    today, _secret = submit_question(
        title="Vừa đến sáng nay", email="c@example.com", address="198.51.100.3", now=at("2027-03-02", "07:00")
    )
    mail.outbox.clear()

    assert services.send_due_reminders(now=at("2027-03-02", "07:30")) == 0  # before office hours
    assert services.send_due_reminders(now=at("2027-03-02", "08:05")) == 2
    recipients = {address: message for message in mail.outbox for address in message.to}
    assert "Chờ chuyển đơn vị" in recipients[secretariat.email].body
    assert "Đơn vị đang trả lời" in recipients[unit_head.email].body
    assert "Vừa đến sáng nay" not in " ".join(message.body for message in mail.outbox)
    assert recipients[secretariat.email].subject == "Nhắc việc: 1 câu hỏi của công dân đang chờ anh/chị"

    mail.outbox.clear()
    assert services.send_due_reminders(now=at("2027-03-02", "15:00")) == 0  # once a day
    assert mail.outbox == []
    assert services.send_due_reminders(now=at("2027-03-03", "08:30")) == 3  # the next day, yesterday's one too
    assert "QUÁ HẠN" not in " ".join(message.body for message in mail.outbox)
    mail.outbox.clear()
    assert services.send_due_reminders(now=at("2027-03-04", "08:30")) == 3
    to_secretariat = next(m for m in mail.outbox if secretariat.email in m.to)
    assert "Chờ chuyển đơn vị" in to_secretariat.body and "(QUÁ HẠN)" in to_secretariat.body  # due 03/03 10:00
    mail.outbox.clear()
    assert services.send_due_reminders(now=at("2027-03-06", "09:00")) == 0  # Saturday
    assert mail.outbox == []
    assert QuestionReminder.objects.filter(question=waiting).count() == 3
    assert today.reminders.count() == 2


def test_the_scheduler_runs_the_reminders_every_hour():
    job = next(job for job in default_jobs() if job.name == "send_question_reminders")
    assert job.every_seconds == 3600
    call_command("send_question_reminders")  # idempotent whatever the time of day


def test_the_figures_count_received_answered_on_time_and_the_median(only_our_questions, chief):
    def answered(received: str, answered_at: str, address: str):
        question, _secret = submit_question(
            title=f"Câu hỏi {received}", email=f"{address}@example.com", address=address, now=at(received, "09:00")
        )
        question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời."
        question.save()
        services.answer_approve(question=question, user=chief, second_factor_passed=True, now=at(answered_at, "09:00"))

    answered("2027-03-01", "2027-03-02", "a")  # 1 working day
    answered("2027-03-02", "2027-03-04", "b")  # 2 working days, on time
    answered("2027-03-03", "2027-03-08", "c")  # Wed to Mon: 3 working days, late
    submit_question(title="Chưa trả lời", email="d@example.com", address="d", now=at("2027-03-05", "09:00"))
    submit_question(title="Tháng sau", email="e@example.com", address="e", now=at("2027-04-05", "09:00"))
    spam, _secret = submit_question(title="Rác", email="f@example.com", address="f", now=at("2027-03-05", "10:00"))
    spam.status = Question.Status.SPAM
    spam.save()

    section = qa_figures(start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 31))
    values = {str(figure.label): figure for figure in section.figures}
    assert values["Câu hỏi đã nhận"].value == 4  # spam never counts
    assert values["Câu hỏi đã trả lời"].value == 3
    assert values["Trả lời đúng hạn"].value == "2/3" and values["Trả lời đúng hạn"].ok is False
    assert values["Thời gian trả lời trung vị (ngày làm việc)"].value == "2,0"
    assert values["Thời gian trả lời trung vị (ngày làm việc)"].ok is True
    assert "qa" in [section.key for section in figure_sections(start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 31))]


def test_figures_of_an_empty_period_say_so(only_our_questions):
    section = qa_figures(start=dt.date(2030, 1, 1), end=dt.date(2030, 3, 31))
    values = {str(figure.label): figure.value for figure in section.figures}
    assert values["Câu hỏi đã nhận"] == 0 and values["Trả lời đúng hạn"] == "0/0"
    assert values["Thời gian trả lời trung vị (ngày làm việc)"] == "—"


def test_the_dashboard_chart_counts_each_week(only_our_questions, chief):
    from portal.qa.selectors import weekly_counts
    from portal.qa.wagtail_hooks import weekly_chart

    for day, answered_at, address in (("2027-03-01", "2027-03-02", "a"), ("2027-03-03", "2027-03-09", "b")):
        question, _secret = submit_question(
            title=f"Câu hỏi {day}", email=f"{address}@example.com", address=address, now=at(day, "09:00")
        )
        question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời."
        question.save()
        services.answer_approve(question=question, user=chief, second_factor_passed=True, now=at(answered_at, "09:00"))
    submit_question(title="Tuần sau", email="c@example.com", address="c", now=at("2027-03-10", "09:00"))
    weeks = weekly_counts(weeks=3, now=at("2027-03-12", "12:00"))
    assert [week.start.isoformat() for week in weeks] == ["2027-02-22", "2027-03-01", "2027-03-08"]
    assert [(week.received, week.on_time, week.late) for week in weeks] == [(0, 0, 0), (2, 1, 0), (1, 0, 1)]
    chart = weekly_chart(weeks, height=100)
    assert chart["peak"] == 2 and chart["columns"][1]["received_h"] == 100
