"""The board's tests use the demo (the 2017 plan, the demo accounts) and the plan's known 2017 dataset."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from portal.accounts.testing import login_with_second_factor
from portal.board.models import AgendaItem, Meeting
from portal.planning.models import Plan
from portal.planning.tests.conftest import TODAY, known_2017  # noqa: F401 (the fixture, used by name)

User = get_user_model()
__all__ = ["TODAY"]


@pytest.fixture
def staff():
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def signed_in(client, staff):
    def sign_in(username):
        client.logout()
        login_with_second_factor(client, staff(username))
        return client

    return sign_in


@pytest.fixture
def plan_2017(db):
    return Plan.objects.get(year=2017)


@pytest.fixture
def meeting(plan_2017, staff):
    meeting = Meeting.objects.create(
        plan=plan_2017,
        title="Họp Ban Biên tập quý II năm 2017",
        number="05/BB-BBT",
        date=dt.date(2017, 7, 10),
        starts_at=dt.time(8, 0),
        ends_at=dt.time(10, 30),
        place="Phòng họp tầng 2",
        chair=staff("truongban"),
        secretary=staff("thuongtruc"),
        guests="Đại diện Sở Thông tin và Truyền thông",
        proceedings="Thường trực báo cáo tình hình hoạt động của Trang.\nCác thành viên thảo luận.",
        conclusions="Giao các phòng bổ sung tin bài mục Tin tức-sự kiện trước 31/7/2017.",
        recipients="Thành viên Ban Biên tập",
    )
    meeting.attendees.set([staff("truongban"), staff("thuongtruc"), staff("bientap")])
    meeting.save()  # a parental many-to-many is written with its parent
    AgendaItem.objects.create(
        meeting=meeting,
        sort_order=0,
        title="Góp ý giao diện trang tiếng Anh",
        presenter="Phạm Minh Tuấn",
        conclusion="Thống nhất hoàn thiện trong quý III.",
    )
    return meeting
