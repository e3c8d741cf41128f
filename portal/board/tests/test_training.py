"""News-writing training: courses, who is registered and who attended, on each person's profile and in the
quarterly report."""

import datetime as dt
from io import BytesIO

import docx
import pytest
from django.urls import reverse

from portal.board.models import TrainingCourse, TrainingParticipant
from portal.board.selectors import training_figures
from portal.planning.report import quarterly_report, report_docx

pytestmark = pytest.mark.django_db
ADD = reverse("board_training:add")


def _course_post(plan, people, **changes) -> dict:
    data = {
        "plan": plan.pk,
        "title": "Lớp tập huấn nghiệp vụ viết tin, bài 2017",
        "organiser": "Sở Thông tin và Truyền thông",
        "starts_on": "14/08/2017",
        "ends_on": "16/08/2017",
        "place": "Hội trường Sở Thông tin và Truyền thông",
        "note": "",
        "participants-TOTAL_FORMS": str(len(people)),
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
    }
    for index, (person, attended) in enumerate(people):
        data |= {
            f"participants-{index}-person": person.pk,
            f"participants-{index}-note": "",
            f"participants-{index}-ORDER": str(index + 1),
            f"participants-{index}-DELETE": "",
            f"participants-{index}-id": "",
        }
        if attended:
            data[f"participants-{index}-attended"] = "on"
    return data | changes


@pytest.fixture
def course(plan_2017, staff):
    course = TrainingCourse.objects.create(
        plan=plan_2017,
        title="Lớp tập huấn nghiệp vụ viết tin, bài 2017",
        organiser="Sở Thông tin và Truyền thông",
        starts_on=dt.date(2017, 8, 14),
        ends_on=dt.date(2017, 8, 16),
        place="Hội trường Sở Thông tin và Truyền thông",
    )
    TrainingParticipant.objects.create(course=course, person=staff("contributor"), attended=True, sort_order=0)
    TrainingParticipant.objects.create(course=course, person=staff("editor"), attended=False, sort_order=1)
    return course


def test_the_secretariat_registers_people_and_records_who_attended(signed_in, plan_2017, staff):
    client = signed_in("secretariat")
    assert "Trần Thị Mai" in client.get(ADD).content.decode()  # people by their full names
    people = [(staff("contributor"), True), (staff("editor"), False)]
    response = client.post(ADD, _course_post(plan_2017, people))
    assert response.status_code == 302, response.content.decode()[:2000]
    course = TrainingCourse.objects.get(title="Lớp tập huấn nghiệp vụ viết tin, bài 2017")
    assert {(row.person, row.attended) for row in course.participants.all()} == {
        (staff("contributor"), True),
        (staff("editor"), False),
    }


def test_bad_registrations_are_refused_with_their_reasons(signed_in, plan_2017, staff):
    client = signed_in("secretariat")
    twice = [(staff("contributor"), False), (staff("contributor"), False)]
    response = client.post(ADD, _course_post(plan_2017, twice))
    assert response.status_code == 200
    assert "Người này đã được đăng ký vào lớp." in response.content.decode()
    future = _course_post(plan_2017, [(staff("contributor"), True)], starts_on="14/08/2099", ends_on="13/08/2099")
    html = client.post(ADD, future).content.decode()
    assert "Không ai có thể đã dự một lớp chưa bắt đầu." in html
    assert "Lớp không thể kết thúc trước khi bắt đầu." in html
    assert "Lớp phải bắt đầu trong năm của kế hoạch (2017)." in html
    assert not TrainingCourse.objects.filter(plan=plan_2017).exists()


def test_the_training_is_on_each_persons_profile(client, signed_in, course):
    admin = signed_in("administrator")
    profile = admin.get(reverse("wagtailusers_users:edit", args=[course.participants.get(attended=True).person_id]))
    html = profile.content.decode()
    assert "Tập huấn viết tin, bài" in html and "Lớp tập huấn nghiệp vụ viết tin, bài 2017" in html
    assert "14/08/2017 - 16/08/2017" in html and "đã dự" in html
    own = signed_in("editor").get(reverse("wagtailadmin_account")).content.decode()
    assert "Lớp tập huấn nghiệp vụ viết tin, bài 2017" in own and "đã đăng ký, không dự" in own
    nothing = signed_in("accountant").get(reverse("wagtailadmin_account")).content.decode()
    assert "Chưa đăng ký lớp nào." in nothing


def test_the_training_is_counted_in_the_quarterly_report(course, plan_2017, staff):
    second = TrainingCourse.objects.create(
        plan=plan_2017,
        title="Viết tin đối ngoại",
        organiser="Bộ Ngoại giao",
        starts_on=dt.date(2017, 9, 20),
        ends_on=dt.date(2017, 9, 20),
        place="Hà Nội",
    )
    TrainingParticipant.objects.create(course=second, person=staff("contributor"), attended=True)
    TrainingParticipant.objects.create(course=second, person=staff("unit_head"), attended=True)
    figures = training_figures(plan_2017, 3)
    assert [(str(figure.label), figure.value) for figure in figures.figures] == [
        ("Số lớp đã tổ chức", 2),
        ("Số người đăng ký", 3),
        ("Số người đã dự", 2),
    ]
    assert [figure.value for figure in training_figures(plan_2017, 2).figures] == [0, 0, 0]
    # up to the report's day, when the quarter is not over
    assert training_figures(plan_2017, 3, today=dt.date(2017, 9, 1)).figures[0].value == 1

    report = quarterly_report(year=2017, quarter=3, today=dt.date(2017, 10, 5))
    section = next(section for section in report.sections if section.key == "training")
    assert [figure.value for figure in section.figures] == [2, 3, 2]
    document = docx.Document(BytesIO(report_docx(report)))  # the report as the secretariat files it
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert any(text.endswith("Tập huấn viết tin, bài") for text in paragraphs)
    assert "Số người đã dự" in cells and "Số lớp đã tổ chức" in cells
