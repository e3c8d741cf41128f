"""Work programmes and the leaders' weekly schedule: lists, week navigation, print, iCalendar, rules."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.models import Locale

from portal.news.tests.factories import section
from portal.schedules.models import (
    ScheduleEntry,
    WeeklySchedulePage,
    WorkProgrammeIndexPage,
    WorkProgrammePage,
    monday_of,
)

pytestmark = pytest.mark.django_db


def index(language="vi") -> WorkProgrammeIndexPage:
    return WorkProgrammeIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


def this_week() -> WeeklySchedulePage:
    return WeeklySchedulePage.objects.get(locale__language_code="vi", week_start=monday_of(timezone.localdate()))


MEETING = "Giao ban Lãnh đạo Sở và trưởng các phòng, đơn vị"
VISIT = "Tiếp Tổng Lãnh sự Hàn Quốc tại Đà Nẵng"
CHAIR = "Giám đốc Sở Lê Văn Thử"
ENGLISH = {
    MEETING: "Briefing of the Department's leaders and heads of units",
    VISIT: "Receiving the Korean Consul General",
}
PROGRAMME_YEAR = timezone.localdate().year - 3  # a year of its own (a demo database has this year's)


def _week(monday: dt.date, appointments) -> WeeklySchedulePage:
    for existing in WeeklySchedulePage.objects.filter(week_start=monday).order_by("-locale_id"):
        existing.delete()  # a database that has this week's schedule already (the demo's): ours replaces it
    page = index().add_child(
        instance=WeeklySchedulePage(
            title=f"Lịch làm việc của Lãnh đạo Sở tuần {monday:%d/%m/%Y}",
            slug=f"lich-tuan-thu-nghiem-{monday:%Y-%m-%d}",
            week_start=monday,
            entries=[
                ScheduleEntry(
                    day=monday + dt.timedelta(days=weekday),
                    start_time=start,
                    end_time=end,
                    content=content,
                    chair=CHAIR,
                    attendees="Các Phó Giám đốc Sở; trưởng các phòng, đơn vị",
                    place=place,
                )
                for weekday, start, end, content, place in appointments
            ],
        )
    )
    page.save_revision().publish()
    return page


def _programme(period: str, number: int | None, summary: str) -> WorkProgrammePage:
    page = index().add_child(
        instance=WorkProgrammePage(
            title=f"Chương trình công tác thử nghiệm {period} {number or ''} {PROGRAMME_YEAR}",
            slug=f"chuong-trinh-thu-nghiem-{period}-{number or 0}-{PROGRAMME_YEAR}",
            period=period,
            year=PROGRAMME_YEAR,
            number=number,
            summary=summary,
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def programmes() -> dict[str, WorkProgrammePage]:
    """A year's, a quarter's and a month's work programme; only the year's is about investment from Korea."""
    return {
        "year": _programme("year", None, "Trọng tâm: hợp tác quốc tế, xúc tiến đầu tư Hàn Quốc, công tác lãnh sự."),
        "quarter": _programme("quarter", 2, "Các nhiệm vụ trọng tâm của quý."),
        "month": _programme("month", 5, "Các nhiệm vụ trọng tâm của tháng."),
    }


@pytest.fixture
def week(programmes) -> WeeklySchedulePage:
    """The leaders' schedule of this week (a meeting each weekday, the Korean visit on Tuesday), last week's, and
    this week's English version."""
    monday = monday_of(timezone.localdate())
    _week(monday - dt.timedelta(days=7), [(0, dt.time(8), None, "Họp giao ban tuần trước", "Phòng họp tầng 2")])
    schedule = _week(
        monday,
        [
            (0, dt.time(7, 30), dt.time(9), MEETING, "Phòng họp tầng 2, trụ sở Sở"),
            (1, dt.time(14), dt.time(16), VISIT, "Phòng khách tầng 1, trụ sở Sở"),
            (2, dt.time(8), None, "Làm việc với Phòng Lãnh sự", "Phòng Lãnh sự"),
            (3, dt.time(8), None, "Dự hội nghị của Ủy ban nhân dân tỉnh", "Trung tâm Hội nghị tỉnh"),
            (4, dt.time(15), None, "Họp Ban Biên tập Trang thông tin điện tử", "Phòng họp tầng 2, trụ sở Sở"),
        ],
    )
    english = schedule.copy_for_translation(Locale.objects.get(language_code="en")).specific
    english.title = f"Leaders' schedule, week of {monday:%d/%m/%Y}"
    for entry in english.entries.all():
        entry.content = ENGLISH.get(entry.content, entry.content)
        entry.save()
    english.save_revision().publish()
    return this_week()


def publish_schedule(monday: dt.date, entries: int = 3) -> WeeklySchedulePage:
    page = index().add_child(
        instance=WeeklySchedulePage(
            title=f"Lịch tuần thử nghiệm {monday:%d/%m/%Y}",
            slug=f"lich-thu-nghiem-{monday:%Y-%m-%d}",
            week_start=monday,
            entries=[
                ScheduleEntry(
                    day=monday + dt.timedelta(days=number % 5),
                    start_time=dt.time(8 + number % 8, 0),
                    content=f"Cuộc họp thử nghiệm số {number}",
                    chair="Giám đốc Sở",
                    place="Phòng họp tầng 2",
                )
                for number in range(entries)
            ],
        )
    )
    page.save_revision().publish()
    return page


def test_the_category_is_the_work_programmes_index(client, week):
    page = index()
    assert page.url == "/chi-dao-dieu-hanh/chuong-trinh-cong-tac/"
    assert section("chuong-trinh-cong-tac").pk == page.pk
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert this_week().title in html
    periods = {programme.period for programme in response.context["programmes"]}
    assert periods == {"year", "quarter", "month"}


def test_programmes_filter_by_period_year_and_words(client, programmes):
    url = index().url
    yearly = client.get(url, {"period": "year"}).context["programmes"]
    every_yearly = WorkProgrammePage.objects.live().filter(locale=index().locale, period="year")
    assert programmes["year"] in every_yearly
    assert sorted(p.pk for p in yearly) == sorted(every_yearly.values_list("pk", flat=True))
    of_the_year = client.get(url, {"year": PROGRAMME_YEAR}).context["programmes"]
    assert sorted(p.pk for p in of_the_year) == sorted(p.pk for p in programmes.values())
    found = client.get(url, {"q": "xuc tien dau tu han quoc"}).context["programmes"]
    assert programmes["year"].pk in [p.pk for p in found]
    assert programmes["quarter"].pk not in [p.pk for p in found] and programmes["month"].pk not in [p.pk for p in found]
    refused = client.get(url, {"period": "weekly"})
    assert refused.status_code == 200 and refused.context["form"].errors


def test_the_week_shows_each_day_with_time_content_chair_attendees_and_place(client, week):
    schedule = this_week()
    response = client.get(schedule.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "07:30 - 09:00",
        MEETING,
        CHAIR,
        "Các Phó Giám đốc Sở; trưởng các phòng, đơn vị",
        "Phòng họp tầng 2, trụ sở Sở",
        schedule.week_start.strftime("%d/%m/%Y"),
    ):
        assert text in html, text
    days = [day for day, _entries in response.context["days"]]
    assert days == sorted(days) and len(days) == 5


def test_week_navigation_goes_back_and_forward(client, week):
    schedule = this_week()
    response = client.get(schedule.url)
    previous_url = response.context["previous_week_url"]
    last_week = WeeklySchedulePage.objects.get(
        locale__language_code="vi", week_start=schedule.week_start - dt.timedelta(days=7)
    )
    assert client.get(previous_url).url == last_week.url  # a published week: its page
    assert client.get(index().url + "lich-tuan/").url == schedule.url  # this week
    empty = client.get(index().url + "lich-tuan/2019/14/")
    assert empty.status_code == 200
    html = empty.content.decode()
    assert "01/04/2019" in html
    assert "lich-tuan/2019/13/" in html and "lich-tuan/2019/15/" in html


@pytest.mark.parametrize("week", ["2024/60", "2024/0", "99999/1"])
def test_a_week_that_does_not_exist_is_not_found(client, week):
    assert client.get(index().url + f"lich-tuan/{week}/").status_code == 404


def test_the_printable_view_has_the_table_without_the_site_chrome(client, week):
    response = client.get(this_week().url + "in/")
    assert response.status_code == 200
    html = response.content.decode()
    assert MEETING in html
    assert "site-header" not in html and "data-print" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_icalendar_feed_has_every_appointment_with_its_time_and_place(client, week):
    schedule = this_week()
    response = client.get(index().url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [component for component in calendar.walk("VEVENT")]
    summaries = {str(event["SUMMARY"]) for event in events}
    assert VISIT in summaries
    meeting = next(event for event in events if str(event["SUMMARY"]).startswith("Giao ban Lãnh đạo Sở và"))
    start = meeting.decoded("DTSTART")
    assert start.date() == schedule.week_start and start.hour == 7 and start.minute == 30
    assert start.utcoffset() == dt.timedelta(hours=7)
    assert str(meeting["LOCATION"]) == "Phòng họp tầng 2, trụ sở Sở"
    assert len({str(event["UID"]) for event in events}) == len(events)
    week = Calendar.from_ical(client.get(schedule.url + "ical/").content)
    assert len(list(week.walk("VEVENT"))) == schedule.entries.count()


def test_english_week_is_translated(client, week):
    english = this_week().get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english.url).content.decode()
    assert "leaders and heads of units" in html
    assert "Chaired by" in html
    assert client.get(index("en").url).status_code == 200


def test_a_schedule_starts_on_monday_and_is_the_only_one_of_its_week(week):
    monday = this_week().week_start
    with translation.override("vi"):
        with pytest.raises(ValidationError) as not_monday:
            WeeklySchedulePage(title="x", week_start=monday + dt.timedelta(days=1), locale=index().locale).clean()
        assert "thứ Hai" in not_monday.value.message_dict["week_start"][0]
        with pytest.raises(ValidationError) as duplicate:
            WeeklySchedulePage(title="x", week_start=monday, locale=index().locale).clean()
        assert "đã là lịch của tuần này" in duplicate.value.message_dict["week_start"][0]


def test_an_appointment_falls_within_its_week_and_ends_after_it_starts():
    page = WeeklySchedulePage(title="x", week_start=dt.date(2024, 6, 3))
    entry = ScheduleEntry(
        page=page, day=dt.date(2024, 6, 11), start_time=dt.time(9), end_time=dt.time(8), content="c", chair="c"
    )
    with pytest.raises(ValidationError) as refusal:
        entry.clean()
    assert set(refusal.value.message_dict) == {"day", "end_time"}


def test_programme_periods_are_checked_and_unique(programmes):
    base = {"title": "x", "summary": "s", "year": PROGRAMME_YEAR, "locale": index().locale}
    with pytest.raises(ValidationError) as month:
        WorkProgrammePage(period="month", number=13, **base).clean()
    assert "number" in month.value.message_dict
    with pytest.raises(ValidationError) as yearly:
        WorkProgrammePage(period="year", number=2, **base).clean()
    assert "number" in yearly.value.message_dict
    with pytest.raises(ValidationError) as duplicate:
        WorkProgrammePage(period="year", **base).clean()
    assert "year" in duplicate.value.message_dict


def test_feed_and_sitemap_list_programmes_and_schedules(client, week, programmes):
    feed = client.get(index().url + "rss/").content.decode()
    assert this_week().title in feed and programmes["year"].title in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert this_week().url in sitemap and programmes["year"].url in sitemap


def test_site_search_finds_a_schedule_by_its_appointments(client, week):
    results = client.get("/tim-kiem/", {"q": "tong lanh su han quoc da nang"}).context["results"]
    assert week.pk in [page.pk for page in results]


@pytest.mark.parametrize("entries", [2, 30])
def test_queries_do_not_grow_with_the_schedule(client, django_assert_max_num_queries, entries):
    schedule = publish_schedule(dt.date(2023, 1, 2) + dt.timedelta(weeks=entries), entries=entries)
    with django_assert_max_num_queries(30):
        assert client.get(schedule.url).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(schedule.url + "in/").status_code == 200
    # 13: the site's agency settings, read with the site on every request (kept per publication outside
    # the tests, where nothing is kept), and the route walked down the tree; none grows with the entries.
    with django_assert_max_num_queries(13):
        assert client.get(schedule.url + "ical/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(index().url).status_code == 200
