"""The plan as data: the 2017 plan exactly as written, and this year's copied from it."""

import pytest
from django.utils import timezone

from portal.planning.models import DeadlineRule, KeyTask, Plan
from portal.planning.services import PlanError, carried_forward, plan_copy_forward

pytestmark = pytest.mark.django_db


def test_the_2017_plan_has_every_row_of_appendix_i_as_written():
    plan = Plan.objects.get(year=2017)
    rows = list(plan.rows.order_by("sort_order"))
    numbers = [row.number for row in rows]
    assert numbers == ["1", "2", "3", "3.1", "3.2", *map(str, range(4, 19))]
    by_number = {row.number: row for row in rows}
    assert by_number["2"].title == "Tin tức-sự kiện"
    assert by_number["2"].quantity_text == "200-220 tin bài"
    assert (by_number["2"].quantity_min, by_number["2"].quantity_max) == (200, 220)
    assert by_number["2"].deadline_text == "Hàng ngày" and by_number["2"].deadline_rule == DeadlineRule.DAILY
    assert by_number["3"].content == "" and by_number["3"].quantity_min is None  # a heading for 3.1 and 3.2
    assert by_number["3.1"].deadline_text == "Chậm nhất một ngày sau khi có văn bản"
    assert (by_number["3.1"].deadline_rule, by_number["3.1"].deadline_days) == (DeadlineRule.AFTER_DOCUMENT, 1)
    assert by_number["4"].deadline_days == 2 and by_number["4"].editor_text == "Nguyễn Thị Ly"
    assert by_number["8"].quantity_text == "Tùy thuộc vào số lượng thực tế các văn bản chính phủ ban hành"
    assert by_number["9"].title == "" and by_number["9"].continues == "8"
    assert by_number["9"].content == "Thông tin về công tác lãnh sự, việt kiều và biên giới"
    assert by_number["9"].category_id == by_number["8"].category_id
    assert by_number["14"].quantity_text == "10-20 tin  bài"  # the double space of the original
    assert by_number["15"].deadline_text == "Chậm nhất 2 ngày ngay sau khi có câu hỏi"
    assert (by_number["15"].deadline_rule, by_number["15"].deadline_days) == (DeadlineRule.AFTER_QUESTION, 2)
    assert by_number["16"].quantity_text == "Từ 30-50 hình ảnh"
    assert by_number["16"].deadline_rule == DeadlineRule.AFTER_EVENT
    assert by_number["18"].site == "en" and by_number["18"].category.locale.language_code == "en"
    assert by_number["18"].deadline_rule == DeadlineRule.AFTER_ORIGINAL
    assert by_number["1"].deadline_rule == DeadlineRule.ON_CHANGE
    assert {unit.code for unit in by_number["7"].source_units.all()} == {"hop-tac-quoc-te"}


def test_the_2017_key_tasks_keep_their_numbers_one_to_seven_then_nine():
    plan = Plan.objects.get(year=2017)
    tasks = list(plan.key_tasks.order_by("sort_order"))
    assert [task.number for task in tasks] == ["1", "2", "3", "4", "5", "6", "7", "9"]
    assert tasks[0].content == "Triển khai Trang thông tin điện tử phiên bản  tiếng Anh"
    assert (tasks[0].period_text, tasks[0].quarter_from, tasks[0].quarter_to) == ("Quý II", 2, 2)
    assert tasks[1].period_text == "Qúy I-IV" and (tasks[1].quarter_from, tasks[1].quarter_to) == (1, 4)
    assert tasks[6].content == "Duy trì tần suất cập nhật tin tức trên Trang thông tin điện tử 10-12 lần/ tuần."


def test_the_2017_targets_and_budget():
    plan = Plan.objects.get(year=2017)
    assert (plan.weekly_min, plan.weekly_max) == (10, 12)
    assert plan.budget == 26_300_000
    assert sum(line.amount for line in plan.budget_lines.all()) == 26_300_000
    assert plan.issued_on.isoformat() == "2017-02-23"
    minimums = {minimum.unit.code: minimum.monthly_minimum for minimum in plan.unit_minimums.all()}
    # Appendix I's least quantities shared among each row's source units, a twelfth a month.
    assert minimums == {
        "van-phong": 11,
        "hop-tac-quoc-te": 7,
        "lanh-su": 10,
        "bien-gioi": 4,
        "thanh-tra": 3,
        "ttdvdn": 4,
    }


def test_this_years_plan_is_copied_from_2017(this_years_plan):
    seed = Plan.objects.get(year=2017)
    current = this_years_plan
    assert current.title == seed.title.replace("2017", str(current.year))
    assert [(r.number, r.title, r.quantity_text, r.deadline_rule, r.category_id) for r in current.rows.all()] == [
        (r.number, r.title, r.quantity_text, r.deadline_rule, r.category_id) for r in seed.rows.all()
    ]
    assert [task.number for task in current.key_tasks.all()] == ["1", "2", "3", "4", "5", "6", "7", "9"]
    assert current.budget == seed.budget


def test_copy_forward_copies_everything_and_resets_the_key_tasks():
    seed = Plan.objects.get(year=2017)
    seed.key_tasks.filter(number="1").update(status=KeyTask.Status.DONE, note="Đã xong")
    plan = plan_copy_forward(source=seed, year=2018)
    assert plan.rows.count() == 20
    assert plan.key_tasks.filter(status=KeyTask.Status.PLANNED).count() == 8
    assert not plan.key_tasks.exclude(note="").exists()
    assert {u.code for u in plan.rows.get(number="2").source_units.all()} == {
        u.code for u in seed.rows.get(number="2").source_units.all()
    }
    assert plan.unit_minimums.count() == seed.unit_minimums.count()
    assert plan.budget_lines.count() == 4
    assert seed.rows.count() == 20  # the source is untouched


def test_copy_forward_carries_the_key_tasks_years_and_anniversary_counts():
    # Key task 9 of 2017 names "87 năm thành lập Đảng" (1930), "42 năm Ngày Giải phóng miền nam" (1975) and
    # "72 năm Ngày Cách mạng Tháng Tám" (1945), and "chỉ tiêu KTXH năm 2017": in 2026 they are 96, 51, 81, 2026.
    seed = Plan.objects.get(year=2017)
    plan = plan_copy_forward(source=seed, year=2026) if not Plan.objects.filter(year=2026).exists() else None
    plan = plan or Plan.objects.get(year=2026)
    task = plan.key_tasks.get(number="9").content
    assert "96 năm thành lập Đảng" in task and "87 năm" not in task
    assert "51 năm Ngày Giải phóng miền nam" in task and "81 năm Ngày Cách mạng Tháng Tám" in task
    assert "chỉ tiêu KTXH năm 2026" in task and "2017" not in task
    assert "87 năm thành lập Đảng" in seed.key_tasks.get(number="9").content  # the source is untouched


def test_a_count_that_is_no_anniversary_stays_as_written():
    text = "Duy trì 2 năm liên tục; 87 năm thành lập Đảng; kỷ niệm năm 2017"
    assert carried_forward(text, source_year=2017, year=2019, founded={1930}) == (
        "Duy trì 2 năm liên tục; 89 năm thành lập Đảng; kỷ niệm năm 2019"
    )


def test_copy_forward_refuses_a_year_that_has_a_plan(this_years_plan):
    seed = Plan.objects.get(year=2017)
    with pytest.raises(PlanError, match="đã có|already exists"):
        plan_copy_forward(source=seed, year=timezone.localdate().year)
    with pytest.raises(PlanError):
        plan_copy_forward(source=seed, year=1999)
