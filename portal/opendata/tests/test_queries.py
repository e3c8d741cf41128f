"""Queries per request stay bounded whatever the amount of content: measured with one record of every
kind (and with the demo), then again with many more records of every kind."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.qa.models import AnswerPage, QuestionIndexPage
from portal.schedules.models import ScheduleEntry, WeeklySchedulePage, WorkProgrammeIndexPage
from portal.testing.factories import ArticleFactory, DocumentPageFactory, SectionFactory

from .helpers import publish_sample

pytestmark = pytest.mark.django_db
# Measured: at most 9 for a list (count, page, prefetches, site root paths, restrictions) and a detail.
MAX_QUERIES = 12
URLS = [
    "/api/v1/items/?limit=100",
    "/api/v1/documents/?limit=100",
    "/api/v1/procedures/?limit=100",
    "/api/v1/schedules/?limit=100",
    "/api/v1/programmes/?limit=100",
    "/api/v1/questions/?limit=100",
    "/api/v1/openapi.json",
]


def add_content(count: int) -> None:
    index = WorkProgrammeIndexPage.objects.get(locale__language_code="vi")
    answers = QuestionIndexPage.objects.get(locale__language_code="vi")
    monday = dt.date(2030, 1, 7)
    section = SectionFactory()
    for number in range(count):
        ArticleFactory(parent=section, title=f"Tin số {number}")
        DocumentPageFactory(number=f"{number + 500}/QĐ-SNgV", with_file=number % 2 == 0)
        week = index.add_child(
            instance=WeeklySchedulePage(
                title=f"Lịch tuần {number}",
                slug=f"lich-tuan-thu-{number}",
                week_start=monday + dt.timedelta(weeks=number),
                entries=[
                    ScheduleEntry(
                        day=monday + dt.timedelta(weeks=number),
                        start_time=dt.time(8),
                        content="Giao ban",
                        chair="Giám đốc Sở",
                        place="Phòng họp",
                    )
                ],
            )
        )
        week.save_revision().publish()
        answer = answers.add_child(
            instance=AnswerPage(
                title=f"Câu hỏi số {number}",
                slug=f"cau-hoi-so-{number}",
                question_text="Hỏi?",
                answer_text="Đáp.",
                answered_at=timezone.now(),
            )
        )
        answer.save_revision().publish()


def details(client) -> list[str]:
    urls = []
    for name in ("items", "documents", "procedures", "schedules", "programmes", "questions"):
        first = client.get(f"/api/v1/{name}/", {"limit": 1}).json()["results"][0]
        urls.append(f"/api/v1/{name}/{first.get('id') or first['code']}/")
    return urls


def assert_bounded(client, django_assert_max_num_queries, urls):
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url


def test_with_one_record_of_every_kind(client, django_assert_max_num_queries):
    publish_sample()
    assert_bounded(client, django_assert_max_num_queries, URLS + details(client))


@pytest.mark.demo  # the demo's content, as it was first measured
def test_with_the_demo_content(client, django_assert_max_num_queries):
    assert_bounded(client, django_assert_max_num_queries, URLS + details(client))


# Enough to tell: a query per record would add at least 15 to the 9 a list takes, past MAX_QUERIES.
MORE = 15


def test_with_fifteen_more_records_of_every_kind(client, django_assert_max_num_queries):
    publish_sample()  # the procedures: add_content makes none
    add_content(MORE)
    assert client.get("/api/v1/schedules/").json()["count"] >= MORE
    assert_bounded(client, django_assert_max_num_queries, URLS + details(client))
