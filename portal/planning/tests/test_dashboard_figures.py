"""Every figure of the dashboard against the known 2017 dataset (conftest.py)."""

import datetime as dt

import pytest

from portal.planning.selectors import (
    AHEAD,
    BEHIND,
    BELOW,
    NO_QUOTA,
    ON_TRACK,
    PARTIAL,
    WITHIN,
    elapsed_share,
    plan_dashboard,
    upcoming_anniversaries,
)

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db
SHARE = 183 / 365


@pytest.fixture
def board(known_2017, plan_2017):
    return plan_dashboard(plan_2017, today=TODAY)


def by_number(board):
    return {entry.line.number: entry for entry in board.progress}


def test_share_of_the_year():
    assert elapsed_share(2017, TODAY) == pytest.approx(SHARE)
    assert elapsed_share(2017, dt.date(2016, 12, 31)) == 0
    assert elapsed_share(2017, dt.date(2018, 1, 1)) == 1


def test_published_against_the_pro_rated_quota(board):
    rows = by_number(board)
    inspection = rows["12"]  # 5-10 a year, 3 published
    assert inspection.count == 3
    assert inspection.expected_min == pytest.approx(5 * SHARE)
    assert inspection.expected_max == pytest.approx(10 * SHARE)
    assert inspection.status == ON_TRACK
    assert inspection.projection == 6
    recruitment = rows["13"]  # 5-10, 2 published: fewer than 2.51
    assert (recruitment.count, recruitment.status, recruitment.projection) == (2, BEHIND, 4)
    news = rows["2"]
    assert (news.count, news.status) == (11, BEHIND)
    policy = rows["6"]  # 2-5 a year, nothing
    assert (policy.count, policy.status, policy.empty) == (0, BEHIND, True)
    assert rows["15"].status == NO_QUOTA  # Q&A: no quantity in the plan
    consular = rows["8-9"]  # row 9 continues row 8: one category, 70-100 from row 9
    assert (consular.line.quantity_min, consular.line.quantity_max) == (70, 100)
    assert rows["18"].count == 1  # the English site
    assert rows["3"].count == 0 and rows["3"].status == NO_QUOTA


def test_ahead_when_more_than_the_pro_rated_maximum(known_2017, plan_2017):
    from .conftest import published

    for month in (4, 5, 6):
        published("thanh-tra-ngoai-giao", at(2017, month, 12, 9), unit_code="thanh-tra")
    rows = by_number(plan_dashboard(plan_2017, today=TODAY))
    assert rows["12"].count == 6 and rows["12"].status == AHEAD  # more than 5.01


def test_empty_and_stale_categories(board):
    rows = by_number(board)
    assert rows["7"].stale  # one item on 02/05, 13 working days allowed
    assert rows["7"].idle_working_days > 13
    assert rows["2"].stale and rows["2"].idle_working_days == 4.6  # daily, last news Monday 26/06 09:00
    assert not rows["12"].stale  # 10/03, 100 working days allowed
    assert rows["6"].empty and not rows["6"].stale
    stale_numbers = {entry.line.number for entry in board.stale}
    assert "7" in stale_numbers and "6" in stale_numbers and "12" not in stale_numbers


def test_news_is_stale_after_one_working_day(known_2017, plan_2017):
    rows = by_number(plan_dashboard(plan_2017, today=dt.date(2017, 6, 28)))
    # Last news item Monday 26/06 09:00; by the end of Wednesday 28/06: 2.6 working days.
    assert rows["2"].stale and rows["2"].idle_working_days == 2.6


def test_weekly_frequency_against_the_band(board):
    weeks = board.weeks
    assert weeks[0].start == dt.date(2016, 12, 26) and weeks[0].status == PARTIAL
    assert weeks[-1].start == dt.date(2017, 6, 26) and not weeks[-1].partial
    by_start = {week.start: week for week in weeks}
    assert by_start[dt.date(2017, 5, 15)].count == 10 and by_start[dt.date(2017, 5, 15)].status == WITHIN
    assert by_start[dt.date(2017, 3, 6)].count == 2 and by_start[dt.date(2017, 3, 6)].status == BELOW
    assert by_start[dt.date(2017, 6, 26)].count == 1  # the English translation does not count
    assert len(board.judged_weeks) == 26
    assert board.weeks_within == 1
    assert board.total_published == 3 + 2 + 1 + 10 + 1
    assert board.average_per_week == round(17 / 26, 1)


def test_items_that_missed_their_deadline(board, known_2017):
    deadlines = board.deadlines
    assert deadlines.measured == 3  # two recruitment notices with a document date, one translation
    assert (deadlines.on_time, deadlines.late_count, deadlines.overdue_count) == (1, 2, 1)
    late = {item.page_id: item for item in deadlines.late}
    notice = late[known_2017["late"].pk]
    assert notice.deadline == at(2017, 3, 7, 0)  # end of Monday 06/03, one working day after Friday 03/03
    assert notice.working_days_late == 0.4  # published Tuesday 10:00
    assert notice.unit.code == "van-phong" and notice.line.number == "13"
    translation = late[known_2017["translation"].pk]
    assert translation.deadline == at(2017, 6, 28, 9) and translation.working_days_late == 2.0
    draft = late[known_2017["draft"].pk]
    assert draft.overdue_unpublished and draft.working_days_late == 7.0  # 22/06 to the end of 30/06
    assert known_2017["on_time"].pk not in late
    assert deadlines.late[0].page_id == known_2017["draft"].pk  # the unpublished first


def test_contributions_per_unit_and_month(board):
    assert [month.month for month in board.months] == [1, 2, 3, 4, 5, 6, 7]
    rows = {row.unit.code: row for row in board.units}
    assert rows["thanh-tra"].counts == [1, 1, 1, 0, 0, 0, 0]
    assert rows["van-phong"].counts == [0, 0, 2, 0, 10, 0, 0]
    assert rows["hop-tac-quoc-te"].counts == [0, 0, 0, 0, 1, 0, 0]
    assert rows["lanh-su"].counts == [0, 0, 0, 0, 0, 1, 0]
    assert rows["van-phong"].monthly_minimum == 11
    assert rows["van-phong"].met() == [False, False, False, False, False, False, False]
    assert rows["thanh-tra"].met()[0] is False and rows["thanh-tra"].monthly_minimum == 3
    assert "bien-gioi" in rows and rows["bien-gioi"].total == 0  # a unit with a minimum shows even with nothing


def test_key_tasks_with_their_status(board):
    states = {state.task.number: state for state in board.key_tasks}
    assert states["1"].overdue and states["3"].overdue  # due in quarter II, not done by 02/07
    assert not states["2"].overdue and states["2"].current


def test_round_anniversaries_weeks_ahead():
    upcoming = upcoming_anniversaries(today=dt.date(2027, 8, 1), weeks=8)
    assert [(entry.on, entry.years, entry.anniversary.name_vi) for entry in upcoming] == [
        (dt.date(2027, 9, 5), 65, "Thiết lập quan hệ ngoại giao Việt Nam - Lào")
    ]
    assert upcoming[0].anniversary.unit.code == "bien-gioi" and upcoming[0].days_away == 35
    in_1973 = upcoming_anniversaries(today=dt.date(2028, 8, 1), weeks=8)
    assert [(entry.on, entry.years, entry.anniversary.name_en) for entry in in_1973] == [
        (dt.date(2028, 8, 1), 55, "Viet Nam - Singapore diplomatic relations"),
        (dt.date(2028, 8, 21), 55, "Viet Nam - Canada diplomatic relations"),
        (dt.date(2028, 9, 11), 55, "Viet Nam - United Kingdom diplomatic relations"),
        (dt.date(2028, 9, 21), 55, "Viet Nam - Japan diplomatic relations"),
    ]
    assert upcoming_anniversaries(today=dt.date(2027, 8, 1), weeks=2) == []
