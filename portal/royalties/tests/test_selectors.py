"""What the accountant and the board read: what is due, the budget, payment sheets, the plan's figures."""

import datetime as dt
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from portal.core.figures import figure_sections
from portal.royalties import exports, selectors, services
from portal.royalties.models import RoyaltyAuthor, RoyaltyEntry, RoyaltyPeriod

from .conftest import TEST_YEAR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _march_sheet():
    period = services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=3)
    return selectors.payment_sheet(period=period)


@pytest.fixture
def march(publish, user, site_administrator):
    """March 2019: a co-written item, a collected item, a voided one, an adjustment and the monthly fee."""
    shared = publish(
        on=dt.date(TEST_YEAR, 3, 4),
        title="Đoàn công tác tỉnh Savannakhet thăm Sở",
        royalty_authors=[
            RoyaltyAuthor(user=user("contributor"), share_percent=60),
            RoyaltyAuthor(user=user("unit_head"), share_percent=40),
        ],
    )
    publish(
        on=dt.date(TEST_YEAR, 3, 9),
        title="Tin sưu tầm về du lịch Huế",
        source_kind="collected",
        source_name="Báo Thừa Thiên Huế",
        author_name="Minh Thư",
    )
    publish(on=dt.date(TEST_YEAR, 3, 20), title="Hội nghị triển khai công tác năm", owner=user("contributor"))
    services.admin_fee_accrue(month=dt.date(TEST_YEAR, 3, 1))
    entry = RoyaltyEntry.objects.get(work__page_key=shared.pk, payee_user=user("contributor"))
    services.entry_adjust(entry=entry, new_amount=40_000, reason="Ảnh tự chụp", user=user("editor_in_chief"))
    return shared


def test_the_payment_sheet_lists_each_person_with_items_and_exact_totals(march):
    sheet = _march_sheet()
    people = {person.name: person for person in sheet.people}
    assert set(people) == {"Lê Thị Thu", "Phan Văn Đức", "Minh Thư", "Trương Quốc Việt"}
    thu = people["Lê Thị Thu"]
    assert (thu.pen_name, thu.unit, thu.bank_account_number) == (
        "Thu Lê",
        "International Cooperation Division",
        "0711000123456",
    )
    with translation.override("vi"):
        assert thu.unit == "Phòng Hợp tác quốc tế"
        assert thu.lines[0].kind_label == "tin tức, sự kiện tiếng Việt (kể cả ảnh)"
    assert [(line.title, line.amount, line.note) for line in thu.lines] == [
        ("Đoàn công tác tỉnh Savannakhet thăm Sở", 40_000, "Ảnh tự chụp"),
        ("Hội nghị triển khai công tác năm", 50_000, ""),
    ]
    assert thu.total == 90_000
    assert people["Phan Văn Đức"].total == 20_000
    assert people["Minh Thư"].lines[0].kind_label == "collected item"
    assert people["Minh Thư"].bank_account_number == ""  # an outside collaborator: no profile
    assert people["Trương Quốc Việt"].lines[0].title == "Site administration, month 03/2019"
    assert sheet.total == 90_000 + 20_000 + 10_000 + 150_000
    assert sheet.total_in_words == "Hai trăm bảy mươi nghìn đồng"
    assert sheet.draft


def test_a_voided_item_is_left_off_the_sheet(publish, committed):
    page = publish(on=dt.date(TEST_YEAR, 3, 5), author_name="Hoài An")
    with committed():
        page.unpublish()
    assert all(person.name != "Hoài An" for person in _march_sheet().people)


def test_the_settled_sheet_keeps_its_entries_and_a_later_correction_goes_to_the_next(march, user):
    period = services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=3)
    period = services.period_settle(period=period, user=user("accountant"))
    entry = RoyaltyEntry.objects.get(work__page_key=march.pk, payee_user=user("unit_head"))
    services.entry_adjust(
        entry=entry,
        new_amount=0,
        reason="Không tham gia viết",
        user=user("editor_in_chief"),
        today=dt.date(TEST_YEAR, 4, 10),
    )
    sheet = selectors.payment_sheet(period=period)
    assert not sheet.draft and sheet.total == 270_000
    april = services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=4)
    [duc] = selectors.payment_sheet(period=april).people
    assert (duc.name, duc.total, duc.lines[0].note) == ("Phan Văn Đức", -20_000, "Không tham gia viết")


def test_the_xlsx_sheet_has_people_totals_words_and_signatures(march):
    workbook = load_workbook(BytesIO(exports.sheet_xlsx(_march_sheet())))
    cells = [str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "BẢNG THANH TOÁN NHUẬN BÚT, THÙ LAO" in cells
    assert "Lê Thị Thu" in cells and "Thu Lê" in cells and "0711000123456" in cells
    assert "Đoàn công tác tỉnh Savannakhet thăm Sở (Ảnh tự chụp)" in cells
    assert "270000" in cells
    assert "Bằng chữ: Hai trăm bảy mươi nghìn đồng." in cells
    assert {"Người lập biểu", "Kế toán trưởng", "Thủ trưởng đơn vị"} <= set(cells)
    assert "BẢN NHÁP: kỳ chưa được quyết toán" in cells


def test_the_pdf_sheet_is_a_pdf_in_vietnamese(march, settings):
    pdf = exports.sheet_pdf(_march_sheet())
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("vi"):
        html = render_to_string("royalties/exports/payment_sheet.html", exports._context(_march_sheet()))
    for text in ("Người lập biểu", "Kế toán trưởng", "Thủ trưởng đơn vị", "Hai trăm bảy mươi nghìn đồng", "40.000 đ"):
        assert text in html


def test_due_lines_show_what_approaches_or_passed_sixty_days(publish):
    today = dt.date(TEST_YEAR, 5, 10)
    publish(on=dt.date(TEST_YEAR, 3, 1), title="Tin quá hạn trả nhuận bút", author_name="Hoài An")  # due 30/04
    publish(on=dt.date(TEST_YEAR, 3, 20), title="Tin sắp đến hạn", author_name="Hoài An")  # due 19/05
    publish(on=dt.date(TEST_YEAR, 4, 20), title="Tin còn xa hạn", author_name="Hoài An")  # due 19/06
    lines = {line.title: line for line in selectors.due_lines(today=today, limit=500)}
    assert lines["Tin quá hạn trả nhuận bút"].overdue and lines["Tin quá hạn trả nhuận bút"].days_overdue == 10
    assert lines["Tin sắp đến hạn"].days_left == 9 and not lines["Tin sắp đến hạn"].overdue
    assert "Tin còn xa hạn" not in lines


def test_settled_entries_are_no_longer_due(publish, user):
    publish(on=dt.date(TEST_YEAR, 3, 1), title="Tin đã trả", author_name="Hoài An")
    services.period_settle(
        period=services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=3), user=user("accountant")
    )
    titles = [line.title for line in selectors.due_lines(today=dt.date(TEST_YEAR, 5, 10), limit=500)]
    assert "Tin đã trả" not in titles


def test_budget_spent_committed_and_forecast_from_the_pace(coefficient_schedule, publish, user):
    for day in (3, 10):
        publish(on=dt.date(TEST_YEAR, 1, day), author_name="Hoài An")  # 2 × 149.000
    services.period_settle(
        period=services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=1), user=user("accountant")
    )
    publish(on=dt.date(TEST_YEAR, 2, 5), author_name="Hoài An")
    budget = selectors.budget_for_year(year=TEST_YEAR, today=dt.date(TEST_YEAR, 3, 1))  # 60 days of 365
    line = next(line for line in budget.lines if line.kind == "vi_item")
    assert (line.planned, line.spent, line.committed) == (14_900_000, 298_000, 149_000)
    assert line.forecast == round(447_000 * 365 / 60) == 2_719_250
    assert budget.planned == 14_900_000 + 3_725_000 + 150_000 + 2_400_000
    chart = budget.chart()
    assert len(chart["bars"]) == len(budget.lines)


def test_the_plan_dashboard_gets_royalties_against_the_budget(publish, user):
    publish(on=dt.date(TEST_YEAR, 3, 1), author_name="Hoài An")
    publish(on=dt.date(TEST_YEAR, 3, 2), author_name="Hoài An")
    services.period_settle(
        period=services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=3), user=user("accountant")
    )
    publish(on=dt.date(TEST_YEAR, 5, 2), author_name="Hoài An")
    [section] = [
        s
        for s in figure_sections(start=dt.date(TEST_YEAR, 1, 1), end=dt.date(TEST_YEAR, 6, 30))
        if s.key == "royalties"
    ]
    figures = {
        figure.label: figure for figure in section.figures
    }  # read in English (the module's fixture): amounts as English readers write them
    assert figures["Works paid for"].value == 3
    assert figures["Paid (settled)"].value == "100,000 VND"
    assert figures["Committed, not yet settled"].value == "50,000 VND"
    assert figures["Paid and committed"].value == "150,000 VND"
    assert figures["Paid and committed"].ok is None  # 2019 has no budget of its own


def test_the_administration_fee_is_forecast_from_the_months_left(coefficient_schedule):
    services.admin_fees_accrue_through(first=dt.date(TEST_YEAR, 1, 1), last=dt.date(TEST_YEAR, 3, 1))
    budget = selectors.budget_for_year(year=TEST_YEAR, today=dt.date(TEST_YEAR, 3, 1))
    fee = next(line for line in budget.lines if line.kind == "administration")
    assert (fee.committed, fee.forecast, fee.planned) == (600_000, 2_400_000, 2_400_000)
    assert not fee.over
