"""Every deadline runs the same whatever the day of the week the suite runs on: the clock is frozen to each
day of one week and a question, a translation task and an application with a supplement pause go through
the deadline clock, checked against a plain day-by-day count."""

import datetime as dt

import pytest
import time_machine

from portal.applications import selectors, services
from portal.core import deadlines
from portal.core.models import WorkingDayChange
from portal.core.tests.plain_calendar import HUE, PlainCalendar
from portal.news.tests.factories import publish_article, section
from portal.qa import conf as qa_conf
from portal.qa import selectors as qa_selectors
from portal.qa import services as qa_services
from portal.translations import services as translation_services

pytestmark = pytest.mark.django_db
WEEK = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@pytest.mark.parametrize("weekday", range(7), ids=WEEK)
def test_every_deadline_is_the_same_whatever_the_weekday(weekday, submitted, officer):
    plain = PlainCalendar(dict(WorkingDayChange.objects.values_list("date", "kind")))
    # 10:00 in Huế on each day of the week of Monday 30/11/2026 (no holiday that week).
    moment = dt.datetime.combine(dt.date(2026, 11, 30) + dt.timedelta(days=weekday), dt.time(10), tzinfo=HUE)
    with time_machine.travel(moment, tick=False) as traveller:
        question, _secret = qa_services.question_submit(
            submission=qa_services.Submission(
                name="Nguyễn Văn An",
                email=f"nguyenvanan{weekday}@example.com",
                title=f"Câu hỏi ngày {WEEK[weekday]}",
                body="Thủ tục hợp pháp hóa lãnh sự cần những giấy tờ gì?",
                language="vi",
            ),
            address=f"198.51.100.{40 + weekday}",
            link_for=lambda code, secret: f"http://testserver/hoi-dap/theo-doi/{code}/{secret}/",
        )
        assert question.due_at == plain.due_at(moment, qa_conf.answer_working_days())
        assert qa_selectors.deadline_of(question).light == deadlines.ON_TIME

        item = publish_article(section("hop-tac-quoc-te"), title=f"Tin cần dịch ngày {WEEK[weekday]}")
        task, _created = translation_services.task_create_for_publication(page=item)
        days = translation_services.translation_days(translation_services.rule_for(item))
        assert task.due_at == plain.due_at(item.first_published_at, days)

        application = services.application_receive(application=submitted, user=officer)
        processing = application.version.processing_days
        assert application.due_at == plain.due_at(moment, processing)
        assert selectors.deadline_light(application) == deadlines.ON_TIME
        application = services.application_request_supplement(
            application=application, user=officer, message="Bản chụp hộ chiếu bị mờ.", document_keys=[]
        )
        assert selectors.deadline_light(application) == deadlines.PAUSED
        # The applicant answers three working days later: the due date moves by exactly three working days.
        later = plain.due_at(moment, 3)
        traveller.move_to(later)
        application = services.application_supply(application=application, files={}, reply="Đã gửi bản rõ.")
        application.refresh_from_db()
        assert application.due_at == plain.due_at(moment, processing, [(moment, later)])
        assert application.due_at == plain.due_at(moment, processing + 3)
        assert selectors.deadline_light(application) == deadlines.ON_TIME
