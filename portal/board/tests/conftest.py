"""The board's tests use the installation's 2017 plan, the plan's known 2017 dataset and accounts of their own,
one per role (made by `staff`)."""

import datetime as dt

import pytest

from portal.accounts.testing import login_with_second_factor
from portal.board.models import AgendaItem, Meeting
from portal.planning.models import Plan
from portal.planning.tests.conftest import TODAY, known_2017  # noqa: F401 (the fixture, used by name)
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

__all__ = ["TODAY"]

# Who takes part in the board's work: (role or None for the site administrator, unit code, full name)
PEOPLE = {
    "chief": (roles.EDITOR_IN_CHIEF, "van-phong", "Hoàng Đức Anh"),
    "secretariat": (roles.SECRETARIAT, "van-phong", "Phạm Minh Tuấn"),
    "editor": (roles.CATEGORY_EDITOR, "hop-tac-quoc-te", "Nguyễn Thị Hồng"),
    "unit_head": (roles.UNIT_HEAD, "hop-tac-quoc-te", "Lê Văn Hùng"),
    "contributor": (roles.CONTRIBUTOR, "hop-tac-quoc-te", "Trần Thị Mai"),
    "accountant": (roles.ACCOUNTANT, "van-phong", "Võ Thị Lan"),
    "administrator": (None, "van-phong", "Đặng Quốc Bảo"),
}


@pytest.fixture
def staff(db):
    """staff("chief"): this test's account in that role. All are made first, as an installation has them:
    the forms list everyone who may be picked."""
    made = {}
    for key, (role, unit_code, full_name) in PEOPLE.items():
        first_name, last_name = full_name.rsplit(" ", 1)
        made[key] = StaffFactory(
            role=role,
            unit=Unit.objects.get(code=unit_code),
            first_name=first_name,
            last_name=last_name,
            superuser=role is None,
        )
    return made.__getitem__


@pytest.fixture
def signed_in(client, staff):
    def sign_in(key):
        client.logout()
        login_with_second_factor(client, staff(key))
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
        chair=staff("chief"),
        secretary=staff("secretariat"),
        guests="Đại diện Sở Thông tin và Truyền thông",
        proceedings="Thường trực báo cáo tình hình hoạt động của Trang.\nCác thành viên thảo luận.",
        conclusions="Giao các phòng bổ sung tin bài mục Tin tức-sự kiện trước 31/7/2017.",
        recipients="Thành viên Ban Biên tập",
    )
    meeting.attendees.set([staff("chief"), staff("secretariat"), staff("editor")])
    meeting.save()  # a parental many-to-many is written with its parent
    AgendaItem.objects.create(
        meeting=meeting,
        sort_order=0,
        title="Góp ý giao diện trang tiếng Anh",
        presenter="Phạm Minh Tuấn",
        conclusion="Thống nhất hoàn thiện trong quý III.",
    )
    return meeting
