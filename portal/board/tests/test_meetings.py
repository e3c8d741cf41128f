"""Meetings of the board in the admin: created by the secretariat, read by the editor-in-chief, refused to others;
the agenda drawn from the plan dashboard."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from portal.board.models import Meeting
from portal.board.services import meeting_draw_agenda

from .conftest import TODAY

pytestmark = pytest.mark.django_db
INDEX = reverse("board_meetings:index")
ADD = reverse("board_meetings:add")


def _meeting_post(plan, staff, **changes) -> dict:
    data = {
        "plan": plan.pk,
        "title": "Họp Ban Biên tập quý III",
        "number": "",
        "date": "15/09/2017",
        "starts_at": "08:00",
        "ends_at": "",
        "place": "Phòng họp Sở",
        "chair": staff("chief").pk,
        "secretary": staff("secretariat").pk,
        "attendees": [staff("chief").pk, staff("editor").pk],
        "guests": "",
        "proceedings": "",
        "conclusions": "",
        "recipients": "",
        "agenda_items-TOTAL_FORMS": "1",
        "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-MIN_NUM_FORMS": "0",
        "agenda_items-MAX_NUM_FORMS": "1000",
        "agenda_items-0-title": "Kế hoạch tập huấn viết tin",
        "agenda_items-0-presenter": "",
        "agenda_items-0-details": "",
        "agenda_items-0-conclusion": "",
        "agenda_items-0-ORDER": "1",
        "agenda_items-0-DELETE": "",
        "agenda_items-0-id": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    return data | changes


def test_the_secretariat_creates_a_meeting_with_its_agenda(signed_in, plan_2017, staff):
    client = signed_in("secretariat")
    page = client.get(ADD).content.decode()
    assert "Hoàng Đức Anh" in page  # people are picked by their full names
    report = Document.objects.create(title="Báo cáo quý II", file=ContentFile(b"%PDF-1.4", name="bao-cao.pdf"))
    documents = {
        "documents-TOTAL_FORMS": "1",
        "documents-0-document": report.pk,
        "documents-0-ORDER": "1",
        "documents-0-DELETE": "",
        "documents-0-id": "",
    }
    response = client.post(ADD, _meeting_post(plan_2017, staff, **documents))
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(title="Họp Ban Biên tập quý III")
    assert meeting.date == dt.date(2017, 9, 15) and meeting.chair == staff("chief")
    assert set(meeting.attendees.all()) == {staff("chief"), staff("editor")}
    assert [item.title for item in meeting.agenda_items.all()] == ["Kế hoạch tập huấn viết tin"]
    assert [entry.document.title for entry in meeting.documents.all()] == ["Báo cáo quý II"]
    listing = client.get(INDEX, {"plan": plan_2017.pk}).content.decode()
    assert "Họp Ban Biên tập quý III" in listing and "15/09/2017" in listing and "Hoàng Đức Anh" in listing


def test_a_meeting_outside_the_year_of_its_plan_is_refused(signed_in, plan_2017, staff):
    client = signed_in("secretariat")
    response = client.post(ADD, _meeting_post(plan_2017, staff, date="15/01/2018", ends_at="07:00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cuộc họp phải diễn ra trong năm của kế hoạch (2017)." in html
    assert "Cuộc họp không thể kết thúc trước khi bắt đầu." in html
    assert not Meeting.objects.filter(title="Họp Ban Biên tập quý III").exists()


def test_the_meetings_are_filtered_by_the_year_of_the_plan(signed_in, meeting, plan_2017):
    from portal.planning.services import plan_copy_forward

    plan_2018 = plan_copy_forward(source=plan_2017, year=2018, user=None)
    Meeting.objects.create(
        plan=plan_2018,
        title="Họp đầu năm 2018",
        date=dt.date(2018, 1, 15),
        starts_at=dt.time(8),
        place="Phòng họp",
        chair=meeting.chair,
    )
    client = signed_in("chief")
    shown = client.get(INDEX, {"plan": plan_2018.pk}).content.decode()
    assert "Họp đầu năm 2018" in shown and "Họp Ban Biên tập quý II năm 2017" not in shown


def test_the_agenda_drawn_from_the_dashboard_names_what_is_behind_and_late(known_2017, meeting, staff):
    drawn = meeting_draw_agenda(meeting=meeting, user=staff("secretariat"), today=TODAY)
    titles = [item.title for item in drawn]
    assert titles[0] == "Tình hình Trang so với kế hoạch năm 2017, đến ngày 02/07/2017"
    details = {item.title: item.details for item in drawn}
    behind = details["Mục tin chậm so với chỉ tiêu"]
    # row 2 asks 200-220 a year: 11 published by 02/07, about 100 expected
    assert "2. Tin tức-sự kiện: đã đăng 11, cần 100,3 đến 02/07/2017 (200-220 tin bài)" in behind
    late = details["Tin bài trễ hạn"]
    assert "Đăng trễ hạn: 2 trên 3 tin bài được tính; quá hạn, chưa đăng: 1" in late
    assert "Danh sách thí sinh đăng muộn (13. Tuyển dụng Công chức, viên chức, Văn phòng Sở): đăng trễ 0,4 ngày" in late
    assert "Công bố thủ tục mới chưa đăng (5. Thủ Tục Hành chính, Văn phòng Sở): chưa đăng, quá hạn 7 ngày" in late
    assert "3.1. Văn bản chỉ đạo điều hành: đã đăng 0, cần 10 đến 02/07/2017" in behind
    assert "Kinh phí đã chi" in titles and "Kinh phí của kế hoạch: 26.300.000 đ" in details["Kinh phí đã chi"]
    agenda = list(meeting.agenda_items.order_by("sort_order"))
    assert [item.title for item in agenda][: len(drawn)] == titles
    assert agenda[-1].title == "Góp ý giao diện trang tiếng Anh" and not agenda[-1].drawn  # the written item stays

    again = meeting_draw_agenda(meeting=meeting, user=staff("secretariat"), today=TODAY)
    assert meeting.agenda_items.count() == len(again) + 1  # drawn again: replaced, never doubled


def test_the_secretariat_draws_the_agenda_with_a_click_after_seeing_it(known_2017, signed_in, meeting):
    client = signed_in("secretariat")
    url = reverse("board_draw_agenda", args=[meeting.pk])
    edit = client.get(reverse("board_meetings:edit", args=[meeting.pk])).content.decode()
    assert url in edit  # the button on the meeting's page
    preview = client.get(url).content.decode()
    assert "Danh sách thí sinh đăng muộn" in preview and "Mục tin chậm so với chỉ tiêu" in preview
    assert meeting.agenda_items.count() == 1  # looking changes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("board_meetings:edit", args=[meeting.pk])
    messages = [str(message) for message in response.context["messages"]]
    assert any("lấy từ bảng điều khiển" in message for message in messages), messages
    assert meeting.agenda_items.filter(drawn=True, title="Tin bài trễ hạn").exists()


@pytest.mark.parametrize("person", ["contributor", "editor", "accountant"])
def test_other_roles_are_refused_the_meetings(signed_in, meeting, person):
    client = signed_in(person)
    for url in (
        INDEX,
        ADD,
        reverse("board_meetings:edit", args=[meeting.pk]),
        reverse("board_draw_agenda", args=[meeting.pk]),
        reverse("board_minutes", args=[meeting.pk, "pdf"]),
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/", url
        messages = [str(message) for message in response.context["messages"]]
        assert any("không có quyền" in message.lower() for message in messages), (url, messages)
    assert client.post(reverse("board_draw_agenda", args=[meeting.pk])).status_code in (302, 403)
    assert not meeting.agenda_items.filter(drawn=True).exists()
    assert "Họp Ban Biên tập" not in client.get("/admin/").content.decode()


def test_the_editor_in_chief_reads_the_meetings_but_does_not_change_them(signed_in, meeting):
    client = signed_in("chief")
    assert "Họp Ban Biên tập quý II năm 2017" in client.get(INDEX).content.decode()
    inspect = client.get(reverse("board_meetings:inspect", args=[meeting.pk])).content.decode()
    assert "Phòng họp tầng 2" in inspect and reverse("board_minutes", args=[meeting.pk, "docx"]) in inspect
    assert "Nguyễn Thị Hồng" in inspect and "Góp ý giao diện trang tiếng Anh" in inspect  # attendees, agenda
    assert reverse("board_draw_agenda", args=[meeting.pk]) not in inspect
    edit = client.get(reverse("board_meetings:edit", args=[meeting.pk]), follow=True)
    assert edit.redirect_chain[-1][0] == "/admin/"
    refused = client.post(reverse("board_draw_agenda", args=[meeting.pk]), follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"
    assert not meeting.agenda_items.filter(drawn=True).exists()


def test_the_meetings_are_under_the_plans_menu(signed_in):
    client = signed_in("secretariat")
    home = client.get("/admin/").content.decode()
    assert INDEX in home and reverse("board_training:index") in home
