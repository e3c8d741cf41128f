"""What the API tests share: reading every record of a list, and checking bodies against the description."""

import datetime as dt

import jsonschema_rs

from portal.home.models import HomePage
from portal.opendata.api import description
from portal.qa.models import AnswerPage, QuestionIndexPage
from portal.schedules.models import (
    ProgrammeTask,
    ScheduleEntry,
    WeeklySchedulePage,
    WorkProgrammeIndexPage,
    WorkProgrammePage,
)
from portal.testing.factories import ArticleFactory, DocumentPageFactory, ProcedureVersionFactory, SectionFactory


def all_records(client, name: str, **params) -> list[dict]:
    """Every record of a list, page after page (at most 100 a page)."""
    records, offset = [], 0
    while True:
        response = client.get(f"/api/v1/{name}/", {**params, "limit": 100, "offset": offset})
        assert response.status_code == 200, response.content
        body = response.json()
        records += body["results"]
        offset += 100
        if body["next"] is None:
            return records


def validator(component: str):
    """A validator of one component schema of the served description (with its references)."""
    spec = description()
    return jsonschema_rs.validator_for({"$ref": f"#/components/schemas/{component}", "components": spec["components"]})


def assert_conforms(body: dict, component: str) -> None:
    errors = [error.message for error in validator(component).iter_errors(body)]
    assert not errors, errors


def publish_sample() -> dict:
    """One record of every resource (items in both languages, procedures of two online levels), published
    as editors publish them: what the API serves on any installation, without the demo's content."""
    section_vi = SectionFactory(title="Tin tức mẫu")
    section_en = SectionFactory(parent=HomePage.objects.get(locale__language_code="en"), title="Sample news")
    items = [ArticleFactory(parent=section_vi), ArticleFactory(parent=section_en, title="A sample news item")]
    document = DocumentPageFactory(number="31/QĐ-MAU", with_file=True)
    texts = {
        f"{name}_{lang}": f"<p>{label} ({lang}).</p>"
        for name, label in (("steps", "Các bước"), ("method", "Cách thực hiện"), ("submission", "Nơi nộp"))
        for lang in ("vi", "en")
    }
    procedures = [
        ProcedureVersionFactory(name_en="A sample procedure done fully online", legacy_level=4, **texts),
        ProcedureVersionFactory(name_en="A sample procedure", legacy_level=3, **texts),
    ]
    programmes = WorkProgrammeIndexPage.objects.get(locale__language_code="vi")
    monday = dt.date(2029, 1, 1)  # a week (and a year) of its own: the demo has this week's schedule
    schedule = programmes.add_child(
        instance=WeeklySchedulePage(
            title=f"Lịch công tác tuần mẫu {monday:%d/%m/%Y}",
            slug=f"lich-tuan-mau-{monday:%Y-%m-%d}",
            week_start=monday,
            entries=[
                ScheduleEntry(
                    day=monday, start_time=dt.time(8), content="Giao ban", chair="Giám đốc Sở", place="Phòng họp"
                )
            ],
        )
    )
    schedule.save_revision().publish()
    programme = programmes.add_child(
        instance=WorkProgrammePage(
            title="Chương trình công tác mẫu",
            slug="chuong-trinh-cong-tac-mau",
            period="year",
            year=monday.year,
            summary="Chương trình công tác năm của Sở.",
            tasks=[ProgrammeTask(when="Quý I", content="Tổng kết công tác đối ngoại.")],
        )
    )
    programme.save_revision().publish()
    answer = QuestionIndexPage.objects.get(locale__language_code="vi").add_child(
        instance=AnswerPage(
            title="Câu hỏi mẫu về hộ chiếu công vụ",
            slug="cau-hoi-mau-ho-chieu-cong-vu",
            topic=section_vi,
            question_text="Hỏi về thủ tục cấp hộ chiếu công vụ?",
            answer_text="Sở trả lời như sau.",
        )
    )
    answer.save_revision().publish()
    return {
        "items": items,
        "documents": [document],
        "procedures": procedures,
        "schedules": [schedule],
        "programmes": [programme],
        "questions": [answer],
    }
