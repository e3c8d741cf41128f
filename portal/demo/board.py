"""Demo content of the board's own work: a meeting held with its minutes, the next one with its agenda, a
news-writing course, and the secretariat's words around the figures of the last quarter's report.
Idempotent (found by title), and never overwrites what someone has edited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.board.models import AgendaItem, Meeting, TrainingCourse, TrainingParticipant
from portal.planning.models import Plan, ReportNarrative

PLACE = "Phòng họp tầng 2, trụ sở Sở"


def ensure_demo_board() -> None:
    today = timezone.localdate()
    plan = Plan.objects.filter(year=today.year).first()
    if plan is None:
        return
    people = {user.username: user for user in get_user_model().objects.filter(username__in=_PEOPLE)}
    if len(people) < len(_PEOPLE):
        return  # the demo accounts come first
    _held_meeting(plan, people, today)
    _next_meeting(plan, people, today)
    _course(plan, people, today)
    _narrative(plan, people, today)


_PEOPLE = ("truongban", "thuongtruc", "bientap", "truongphong", "congtacvien")


def _in_year(day: dt.date, year: int) -> dt.date:
    return min(max(day, dt.date(year, 1, 2)), dt.date(year, 12, 30))


def _held_meeting(plan: Plan, people: dict, today: dt.date) -> None:
    title = "Họp Ban Biên tập đánh giá kết quả quý trước"
    if Meeting.objects.filter(plan=plan, title=title).exists():
        return
    meeting = Meeting(
        plan=plan,
        title=title,
        number="01/BB-BBT",
        date=_in_year(today - dt.timedelta(days=45), plan.year),
        starts_at=dt.time(8, 0),
        ends_at=dt.time(10, 30),
        place=PLACE,
        chair=people["truongban"],
        secretary=people["thuongtruc"],
        guests="Đại diện Văn phòng UBND tỉnh",
        proceedings=(
            "Thường trực Ban Biên tập báo cáo kết quả đăng tin bài và tiến độ các nhiệm vụ trọng tâm.\n"
            "Các thành viên thảo luận về các chuyên mục còn chậm so với định mức của kế hoạch."
        ),
        conclusions=(
            "Các phòng cung cấp đủ tin bài theo định mức trong quý tới.\n"
            "Thường trực đôn đốc việc dịch tin bài sang tiếng Anh trong hai ngày làm việc."
        ),
        recipients="Giám đốc Sở (để b/c)\nThành viên Ban Biên tập\nLưu: VT, BBT",
    )
    meeting.attendees.set([people[name] for name in ("bientap", "truongphong", "thuongtruc")])
    meeting.save()  # a parental many-to-many is written with its parent
    for order, (item, presenter) in enumerate(
        [
            ("Kết quả thực hiện kế hoạch quý trước", "Thường trực Ban Biên tập"),
            ("Các chuyên mục chưa đạt định mức", "Phụ trách biên tập"),
        ]
    ):
        AgendaItem.objects.create(meeting=meeting, sort_order=order, title=item, presenter=presenter)


def _next_meeting(plan: Plan, people: dict, today: dt.date) -> None:
    title = "Họp Ban Biên tập định kỳ"
    if Meeting.objects.filter(plan=plan, title=title).exists():
        return
    meeting = Meeting(
        plan=plan,
        title=title,
        date=_in_year(today + dt.timedelta(days=14), plan.year),
        starts_at=dt.time(14, 0),
        place=PLACE,
        chair=people["truongban"],
        secretary=people["thuongtruc"],
    )
    meeting.attendees.set([people[name] for name in ("bientap", "truongphong", "thuongtruc")])
    meeting.save()
    AgendaItem.objects.create(
        meeting=meeting,
        sort_order=0,
        title="Tiến độ kế hoạch và các việc trễ hạn",
        presenter="Thường trực Ban Biên tập",
    )


def _course(plan: Plan, people: dict, today: dt.date) -> None:
    title = "Bồi dưỡng kỹ năng viết tin, bài đối ngoại"
    if TrainingCourse.objects.filter(plan=plan, title=title).exists():
        return
    starts = _in_year(today - dt.timedelta(days=30), plan.year)
    course = TrainingCourse.objects.create(
        plan=plan,
        title=title,
        organiser="Sở Thông tin và Truyền thông",
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=1),
        place="Hội trường Sở Thông tin và Truyền thông",
    )
    for order, (name, attended) in enumerate([("congtacvien", True), ("truongphong", True), ("bientap", False)]):
        TrainingParticipant.objects.create(course=course, sort_order=order, person=people[name], attended=attended)


def _narrative(plan: Plan, people: dict, today: dt.date) -> None:
    quarter = (today.month - 1) // 3  # the last quarter that has ended; 0 in the first quarter: the plan itself
    chief = people["truongban"]
    ReportNarrative.objects.get_or_create(
        plan=plan,
        quarter=quarter,
        defaults={
            "opening": (
                "Thực hiện Kế hoạch hoạt động của Trang thông tin điện tử năm "
                f"{plan.year}, Ban Biên tập báo cáo kết quả như sau:\n"
                "I. KẾT QUẢ THỰC HIỆN"
            ),
            "closing": (
                "II. ĐÁNH GIÁ CHUNG\n"
                "Tin bài được đăng đều đặn; một số chuyên mục chưa đạt định mức do các phòng cung cấp chậm.\n"
                "III. ĐỀ XUẤT, KIẾN NGHỊ\n"
                "Đề nghị các phòng cử cán bộ tham gia lớp bồi dưỡng viết tin, bài và cung cấp tin đúng hạn."
            ),
            "recipients": "Giám đốc Sở (để b/c)\nThành viên Ban Biên tập",
            "signer_authority": "TM. BAN BIÊN TẬP",
            "signer_title": "TRƯỞNG BAN",
            "signer_name": chief.get_full_name(),
            "updated_by": people["thuongtruc"],
        },
    )
