"""Demo work programmes and the leaders' schedule for last week, this week and next week (dated from today)."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale

from portal.schedules.models import (
    ProgrammeTask,
    ScheduleEntry,
    WeeklySchedulePage,
    WorkProgrammeIndexPage,
    WorkProgrammePage,
    monday_of,
)
from portal.units.models import Unit

# (weekday 0-4, start, end, content, chair, attendees, place, preparation)
WEEK_APPOINTMENTS = [
    [
        (
            0,
            "07:30",
            "09:00",
            "Giao ban Lãnh đạo Sở và trưởng các phòng, đơn vị",
            "Giám đốc Sở Trần Công Phú",
            "Các Phó Giám đốc Sở; trưởng các phòng, đơn vị",
            "Phòng họp tầng 2, trụ sở Sở",
            "Văn phòng Sở",
        ),
        (
            0,
            "14:00",
            "16:30",
            "Làm việc với đoàn công tác thành phố Rennes (Pháp) về dự án bảo tồn di sản",
            "Phó Giám đốc Sở Lê Thị Minh Hà",
            "Phòng Hợp tác quốc tế",
            "Phòng khách tầng 1, trụ sở Sở",
            "Phòng Hợp tác quốc tế",
        ),
        (
            1,
            "08:00",
            "11:30",
            "Dự Hội nghị triển khai công tác đối ngoại của tỉnh",
            "Giám đốc Sở Trần Công Phú",
            "Chánh Văn phòng Sở",
            "Hội trường UBND tỉnh, 16 Lê Lợi",
            "",
        ),
        (
            2,
            "08:30",
            "10:00",
            "Tiếp Tổng Lãnh sự Hàn Quốc tại Đà Nẵng",
            "Giám đốc Sở Trần Công Phú",
            "Phòng Lãnh sự - Việt kiều - Biên giới",
            "Phòng khách tầng 1, trụ sở Sở",
            "Phòng Lãnh sự - Việt kiều - Biên giới",
        ),
        (
            3,
            "08:00",
            "",
            "Tiếp công dân định kỳ",
            "Giám đốc Sở Trần Công Phú",
            "Chánh Thanh tra",
            "Phòng tiếp công dân, trụ sở Sở",
            "Văn phòng Sở",
        ),
        (
            3,
            "14:00",
            "17:00",
            "Kiểm tra công tác quản lý biên giới tại huyện A Lưới",
            "Phó Giám đốc Sở Nguyễn Văn Bình",
            "Phòng Quản lý biên giới",
            "UBND huyện A Lưới",
            "Phòng Quản lý biên giới",
        ),
        (
            4,
            "09:00",
            "11:00",
            "Họp Ban Biên tập Trang thông tin điện tử",
            "Giám đốc Sở Trần Công Phú",
            "Thành viên Ban Biên tập",
            "Phòng họp tầng 2, trụ sở Sở",
            "Văn phòng Sở",
        ),
    ],
    [
        (
            0,
            "07:30",
            "09:00",
            "Giao ban Lãnh đạo Sở",
            "Giám đốc Sở Trần Công Phú",
            "Các Phó Giám đốc Sở",
            "Phòng họp tầng 2, trụ sở Sở",
            "Văn phòng Sở",
        ),
        (
            1,
            "14:00",
            "16:00",
            "Làm việc với Tổ chức Plan International về dự án nước sạch tại Phong Điền",
            "Phó Giám đốc Sở Lê Thị Minh Hà",
            "Phòng Hợp tác quốc tế",
            "Phòng họp tầng 2, trụ sở Sở",
            "Phòng Hợp tác quốc tế",
        ),
        (
            2,
            "08:00",
            "17:00",
            "Đón đoàn doanh nghiệp Nhật Bản khảo sát đầu tư",
            "Giám đốc Sở Trần Công Phú",
            "Trung tâm Dịch vụ Đối ngoại",
            "Khu kinh tế Chân Mây - Lăng Cô",
            "Trung tâm Dịch vụ Đối ngoại",
        ),
        (
            4,
            "15:00",
            "16:30",
            "Sơ kết công tác tháng của Sở",
            "Giám đốc Sở Trần Công Phú",
            "Lãnh đạo các phòng, đơn vị",
            "Phòng họp tầng 2, trụ sở Sở",
            "Văn phòng Sở",
        ),
    ],
]

EN_WEEK = {
    "Giao ban Lãnh đạo Sở và trưởng các phòng, đơn vị": "Weekly meeting of the Department's leaders and heads of units",
    "Làm việc với đoàn công tác thành phố Rennes (Pháp) về dự án bảo tồn di sản": (
        "Working session with the delegation of Rennes (France) on the heritage conservation project"
    ),
    "Dự Hội nghị triển khai công tác đối ngoại của tỉnh": "Provincial conference on external relations",
    "Tiếp Tổng Lãnh sự Hàn Quốc tại Đà Nẵng": "Receiving the Consul General of the Republic of Korea in Da Nang",
    "Tiếp công dân định kỳ": "Regular reception of citizens",
    "Kiểm tra công tác quản lý biên giới tại huyện A Lưới": "Inspection of border management in A Luoi District",
    "Họp Ban Biên tập Trang thông tin điện tử": "Meeting of the website's Editorial Board",
}

PROGRAMMES = [
    (
        "year",
        None,
        "Chương trình công tác năm {year} của Sở Ngoại vụ",
        "Các nhiệm vụ trọng tâm của năm: hợp tác quốc tế, xúc tiến đầu tư, công tác lãnh sự, biên giới và cải cách "
        "hành chính, kèm thời hạn và đơn vị chủ trì.",
        [
            ("Quý I", "Tổng kết công tác đối ngoại năm trước, triển khai nhiệm vụ năm", "van-phong"),
            ("Quý II", "Tổ chức đoàn xúc tiến đầu tư, du lịch tại Hàn Quốc và Nhật Bản", "hop-tac-quoc-te"),
            ("Quý III", "Hội nghị vận động viện trợ phi chính phủ nước ngoài", "hop-tac-quoc-te"),
            ("Quý I-IV", "Rà soát, cập nhật thủ tục hành chính trên Trang thông tin điện tử", "van-phong"),
        ],
    ),
    (
        "quarter",
        "q",
        "Chương trình công tác quý {number}/{year} của Sở Ngoại vụ",
        "Chương trình công tác của Lãnh đạo Sở và các phòng, đơn vị trong quý.",
        [
            ("Tháng đầu quý", "Làm việc với các địa phương kết nghĩa về kế hoạch hợp tác", "hop-tac-quoc-te"),
            ("Tháng giữa quý", "Kiểm tra công tác lãnh sự, bảo hộ công dân", "lanh-su"),
            ("Tháng cuối quý", "Báo cáo quý tình hình hoạt động của Trang thông tin điện tử", "van-phong"),
        ],
    ),
    (
        "month",
        "m",
        "Chương trình công tác tháng {number}/{year} của Sở Ngoại vụ",
        "Các cuộc họp, làm việc, đón tiếp đoàn và kiểm tra trong tháng.",
        [
            ("Tuần 1", "Giao ban đầu tháng, phân công nhiệm vụ", "van-phong"),
            ("Tuần 2", "Đón đoàn công tác nước ngoài theo kế hoạch", "hop-tac-quoc-te"),
            ("Tuần 3", "Kiểm tra công tác quản lý biên giới", "bien-gioi"),
            ("Tuần 4", "Sơ kết công tác tháng", "van-phong"),
        ],
    ),
    (
        "month",
        "m-1",
        "Chương trình công tác tháng {number}/{year} của Sở Ngoại vụ",
        "Các cuộc họp, làm việc, đón tiếp đoàn và kiểm tra trong tháng.",
        [("Tuần 1", "Giao ban đầu tháng", "van-phong"), ("Tuần 3", "Hội nghị báo chí quốc tế", "lanh-su")],
    ),
]


def _time(text: str) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _week_title(monday: dt.date) -> str:
    friday = monday + dt.timedelta(days=4)
    return f"Lịch làm việc của Lãnh đạo Sở tuần {monday.isocalendar()[1]} ({monday:%d/%m} - {friday:%d/%m/%Y})"


def ensure_demo_schedules() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    index = WorkProgrammeIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    this_monday = monday_of(timezone.localdate())
    for offset, appointments in ((-7, WEEK_APPOINTMENTS[1]), (0, WEEK_APPOINTMENTS[0]), (7, WEEK_APPOINTMENTS[1])):
        monday = this_monday + dt.timedelta(days=offset)
        schedule = _schedule(index, monday, appointments)
        if offset == 0 and not schedule.get_translations().filter(locale=en).exists():
            translation = schedule.copy_for_translation(en).specific
            translation.title = f"Leaders' schedule, week {monday.isocalendar()[1]} ({monday:%d/%m/%Y})"
            for entry in translation.entries.all():
                entry.content = EN_WEEK.get(entry.content, entry.content)
                entry.save()
            translation.save_revision().publish()
    units = {unit.code: unit for unit in Unit.objects.all()}
    today = timezone.localdate()
    for period, number_kind, title, summary, tasks in PROGRAMMES:
        number = None
        year = today.year
        if number_kind == "q":
            number = (today.month - 1) // 3 + 1
        elif number_kind == "m":
            number = today.month
        elif number_kind == "m-1":
            number, year = (today.month - 1, year) if today.month > 1 else (12, year - 1)
        page = _programme(index, period, year, number, title.format(year=year, number=number), summary, tasks, units)
        if period == "year" and not page.get_translations().filter(locale=en).exists():
            translation = page.copy_for_translation(en).specific
            translation.title = f"Work programme of the Department of Foreign Affairs for {year}"
            translation.summary = (
                "The year's key tasks: international cooperation, investment promotion, consular and border "
                "work and administrative reform, with deadlines and the units in charge."
            )
            translation.save_revision().publish()


def _schedule(index, monday: dt.date, appointments) -> WeeklySchedulePage:
    slug = f"lich-tuan-{monday:%Y}-{monday.isocalendar()[1]:02d}"
    existing = WeeklySchedulePage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    entries = [
        ScheduleEntry(
            day=monday + dt.timedelta(days=weekday),
            start_time=_time(start),
            end_time=_time(end),
            content=content,
            chair=chair,
            attendees=attendees,
            place=place,
            preparation=preparation,
        )
        for weekday, start, end, content, chair, attendees, place, preparation in appointments
    ]
    published = timezone.make_aware(dt.datetime.combine(monday - dt.timedelta(days=3), dt.time(16, 0)))
    page = index.add_child(
        instance=WeeklySchedulePage(
            title=_week_title(monday),
            slug=slug,
            week_start=monday,
            entries=entries,
            first_published_at=published,
        )
    )
    page.save_revision().publish()
    return page


def _programme(index, period, year, number, title, summary, tasks, units) -> WorkProgrammePage:
    # The address in Vietnamese words, like every other: chuong-trinh-thang-12-2026, chuong-trinh-quy-2-2026.
    words = {"year": "nam", "quarter": "quy", "month": "thang"}[period]
    slug = f"chuong-trinh-{words}-{number}-{year}" if number else f"chuong-trinh-{words}-{year}"
    existing = WorkProgrammePage.objects.child_of(index).filter(period=period, year=year, number=number).first()
    if existing is not None:
        return existing
    start_month = {"year": 1, "quarter": 3 * ((number or 1) - 1) + 1, "month": number or 1}[period]
    published = timezone.make_aware(dt.datetime(year, start_month, 1, 9, 0)) - dt.timedelta(days=2)
    page = index.add_child(
        instance=WorkProgrammePage(
            title=title,
            slug=slug,
            period=period,
            year=year,
            number=number,
            summary=summary,
            tasks=[ProgrammeTask(when=when, content=content, unit=units.get(code)) for when, content, code in tasks],
            first_published_at=min(published, timezone.now()),
        )
    )
    page.save_revision().publish()
    return page
