"""A dataset whose right answers are known: items of 2017 (the demo's are all in the current year).

Dashboard "today" is Sunday 02/07/2017: 183 of 365 days, share 0.50137.

| category (row)             | items (Vietnamese site)                                    | unit            |
|----------------------------|------------------------------------------------------------|-----------------|
| 12 Thanh tra (5-10)        | 10/01, 10/02, 10/03                                        | thanh-tra       |
| 13 Tuyển dụng (5-10, 1 day)| 03/03 10:00 (doc 02/03: on time), 07/03 10:00 (doc 03/03: late) | van-phong |
| 7 Hợp tác quốc tế (40-100) | 02/05                                                      | hop-tac-quoc-te |
| 2 Tin tức (200-220)        | 10 in the week of 15/05 (2 a day), 26/06 09:00 | van-phong; lanh-su on 26/06 |
| 18 English site            | the 26/06 item translated 30/06 09:00 (2 working days allowed: late 2.0) | |
| 5 Thủ tục hành chính       | a draft about a document of 20/06, never published (overdue 7.0 on 02/07) | van-phong |
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.packs.install import plan_next_year
from portal.planning.models import Plan
from portal.planning.selectors import plan_for_year
from portal.testing.factories import StaffFactory
from portal.units.models import Unit

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2017, 7, 2)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HANOI)


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def published(slug: str, when: dt.datetime, *, unit_code: str | None = None, title: str = "", **fields) -> ArticlePage:
    parent = section(slug)
    page = parent.add_child(
        instance=ArticlePage(
            title=title or f"Tin {slug} {when:%d/%m/%Y %H:%M}",
            slug=f"{slug}-{when:%Y%m%d%H%M}-{ArticlePage.objects.count()}",
            lead="Tóm tắt.",
            unit=unit(unit_code) if unit_code else None,
            first_published_at=when,
            last_published_at=when,
            live=True,
            **fields,
        )
    )
    return page


@pytest.fixture
def known_2017(db):
    # The known dataset is the whole of 2017: the demo's own pages of that year (the registry holds
    # the 2017 plan itself, in both languages) are deleted for these tests.
    for page in Page.objects.filter(first_published_at__year=2017).specific():
        page.delete()
    items = {}
    for month in (1, 2, 3):
        published("thanh-tra-ngoai-giao", at(2017, month, 10, 9), unit_code="thanh-tra")
    items["on_time"] = published(
        "tuyen-dung",
        at(2017, 3, 3, 10),
        unit_code="van-phong",
        source_date=dt.date(2017, 3, 2),
        title="Thông báo tuyển dụng đúng hạn",
    )
    items["late"] = published(
        "tuyen-dung",
        at(2017, 3, 7, 10),
        unit_code="van-phong",
        source_date=dt.date(2017, 3, 3),
        title="Danh sách thí sinh đăng muộn",
    )
    published("hop-tac-quoc-te", at(2017, 5, 2, 9), unit_code="hop-tac-quoc-te")
    for day in range(15, 20):
        for hour in (8, 14):
            published("tin-tuc-su-kien", at(2017, 5, day, hour), unit_code="van-phong")
    original = published("tin-tuc-su-kien", at(2017, 6, 26, 9), unit_code="lanh-su", title="Đoàn Lào thăm Huế")
    translation = original.copy_for_translation(Locale.objects.get(language_code="en")).specific
    translation.title = "Lao delegation visits Hue"
    translation.first_published_at = translation.last_published_at = at(2017, 6, 30, 9)
    translation.live = True
    translation.save()
    items["translation"] = translation
    items["draft"] = section("thu-tuc-hanh-chinh").add_child(
        instance=ArticlePage(
            title="Công bố thủ tục mới chưa đăng",
            slug="thu-tuc-chua-dang",
            lead="Tóm tắt.",
            unit=unit("van-phong"),
            source_date=dt.date(2017, 6, 20),
            live=False,
        )
    )
    return items


@pytest.fixture
def plan_2017(db):
    return plan_for_year(2017)


@pytest.fixture
def this_years_plan(db) -> Plan:
    """This year's plan, copied from the latest as `setup_portal --plan YEAR` copies it (the demo has it already)."""
    return plan_next_year(year=timezone.localdate().year)


@pytest.fixture
def staff(db):
    """staff(roles.X, "unit-code") -> a new account of that role, a member of the installed unit of that code."""
    return lambda role, unit_code="van-phong": StaffFactory(role=role, unit=unit(unit_code))
