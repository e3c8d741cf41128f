"""Two working days from arrival (Appendix I row 15), with the product's working-day calendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from portal.qa import selectors, services
from portal.qa.models import Question

from .conftest import submit_question

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, time: str = "10:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=HUE)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at("2026-12-01"), at("2026-12-03")),  # Tuesday: Thursday
        (at("2026-12-03", "16:30"), at("2026-12-07", "16:30")),  # Thursday: over the weekend to Monday
        (at("2026-12-04", "16:30"), at("2026-12-08", "16:30")),  # Friday: Tuesday
        (at("2026-12-05"), at("2026-12-08")),  # Saturday: the weekend does not count
        # The Friday before 30/4-1/5/2026: Sunday 26/4 is Giỗ Tổ Hùng Vương, taken on Monday 27/4.
        (at("2026-04-24", "16:30"), at("2026-04-29", "16:30")),
        # Wednesday 29/4/2026: Thursday 30/4 and Friday 1/5 are holidays, then the weekend.
        (at("2026-04-29"), at("2026-05-05")),
        # Tuesday 29/4/2025: 30/4, 1/5 and the day moved to Friday 2/5 are off.
        (at("2025-04-29", "09:15"), at("2025-05-06", "09:15")),
        # Friday before Tết 2026 (16/2 to 20/2 off).
        (at("2026-02-13"), at("2026-02-24")),
    ],
)
def test_the_answer_is_due_two_working_days_after_arrival(received, due):
    assert services.due_at_for(received) == due


def test_a_question_keeps_its_due_date_and_the_time_to_answer_is_recorded(chief):
    received = at("2026-04-24", "16:30")
    question, _secret = submit_question(now=received)
    assert question.due_at == at("2026-04-29", "16:30")
    question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời."
    question.save()
    services.answer_approve(question=question, user=chief, second_factor_passed=True, now=at("2026-04-28", "16:30"))
    question.refresh_from_db()
    # Friday 16:30 to Tuesday 16:30: the rest of Friday (7.5 h), Tuesday to 16:30 (16.5 h), one working day.
    assert question.working_days_to_answer == 1.0
    assert question.answered_on_time is True


def test_an_answer_after_the_holiday_deadline_is_late(chief):
    question, _secret = submit_question(now=at("2026-04-29"))
    question.status, question.answer = Question.Status.IN_REVIEW, "Trả lời."
    question.save()
    services.answer_approve(question=question, user=chief, second_factor_passed=True, now=at("2026-05-06"))
    question.refresh_from_db()
    assert question.answered_on_time is False
    assert question.working_days_to_answer == 3.0  # 29/4 10:00 to 6/5 10:00 over two holidays and a weekend


@pytest.mark.parametrize(
    ("now", "light"),
    [
        (at("2026-12-01", "18:00"), selectors.GREEN),  # a third of a working day
        (at("2026-12-02", "12:00"), selectors.AMBER),  # past half the time
        (at("2026-12-03", "10:00"), selectors.AMBER),  # due now
        (at("2026-12-03", "10:01"), selectors.RED),  # past due
    ],
)
def test_the_deadline_light(now, light):
    question, _secret = submit_question(now=at("2026-12-01"))
    assert selectors.deadline_of(question, now=now).light == light
