"""The royalties admin as staff use it, in Vietnamese: who sees what, who is refused, bounded queries."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.news.models import ArticlePage
from portal.royalties import services
from portal.royalties.models import RoyaltyEntry, RoyaltyPeriod, RoyaltySchedule

from .conftest import TEST_YEAR

pytestmark = pytest.mark.django_db

LEDGER_ROLES = {"accountant", "editor_in_chief", "administrator"}
REFUSED = ["contributor", "unit_head", "category_editor"]
HOME = reverse("wagtailadmin_home")


@pytest.fixture
def march_period(publish):
    publish(on=dt.date(TEST_YEAR, 3, 4), title="Tin tháng ba", author_name="Hoài An")
    return services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=3)


def _urls(period, entry, page):
    return {
        "ledger": reverse("royalties_ledger"),
        "ledger_results": reverse("royalties_ledger_results"),
        "ledger_export": reverse("royalties_ledger") + "?export=xlsx",
        "adjust": reverse("royalties_adjust", args=[entry.pk]),
        "periods": reverse("royalties_periods"),
        "period": reverse("royalties_period", args=[period.pk]),
        "settle": reverse("royalties_period_settle", args=[period.pk]),
        "sheet_xlsx": reverse("royalties_period_sheet", args=[period.pk, "xlsx"]),
        "sheet_pdf": reverse("royalties_period_sheet", args=[period.pk, "pdf"]),
        "budget": reverse("royalties_budget"),
        "assess": reverse("royalties_assess", args=[page.pk]),
        "schedules": reverse("wagtailsnippets_royalties_royaltyschedule:list"),
        "schedule_add": reverse("wagtailsnippets_royalties_royaltyschedule:add"),
    }


@pytest.mark.parametrize("who", REFUSED)
def test_contributors_unit_heads_and_category_editors_are_refused_every_ledger_url(signed_in, march_period, who):
    entry = RoyaltyEntry.objects.filter(work__title="Tin tháng ba").get()
    page = ArticlePage.objects.get(pk=entry.work.page_key)
    client = signed_in(who)
    for name, url in _urls(march_period, entry, page).items():
        if name == "assess" and who == "category_editor":
            continue  # category editors set coefficients (tested below)
        response = client.post(url) if name == "settle" else client.get(url)
        assert response.status_code in (302, 403), f"{who} reached {name}"
        if response.status_code == 302:
            assert response.url == HOME, f"{who} at {name} sent to {response.url}"
        assert "Hoài An" not in response.content.decode()
    assert RoyaltyPeriod.objects.get(pk=march_period.pk).status == RoyaltyPeriod.STATUS_OPEN


def test_the_secretariat_edits_the_schedule_but_never_sees_the_ledger(signed_in, march_period):
    client = signed_in("secretariat")
    entry = RoyaltyEntry.objects.filter(work__title="Tin tháng ba").get()
    for url in (
        reverse("royalties_ledger"),
        reverse("royalties_adjust", args=[entry.pk]),
        reverse("royalties_periods"),
    ):
        assert client.get(url).url == HOME
    assert client.post(reverse("royalties_period_settle", args=[march_period.pk])).url == HOME
    assert client.get(reverse("royalties_period_sheet", args=[march_period.pk, "pdf"])).url == HOME
    schedules = client.get(reverse("wagtailsnippets_royalties_royaltyschedule:list"))
    assert (
        schedules.status_code == 200 and "Định mức nhuận bút, thù lao Trang TTĐT năm 2017" in schedules.content.decode()
    )
    assert client.get(reverse("royalties_budget")).status_code == 200


@pytest.mark.parametrize("who", sorted(LEDGER_ROLES))
def test_the_accountant_the_editor_in_chief_and_administrators_see_the_ledger(signed_in, march_period, who):
    client = signed_in(who)
    response = client.get(reverse("royalties_ledger"), {"payee_name": "Hoài An"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sổ nhuận bút" in html and "Tin tháng ba" in html and "50.000 đ" in html
    period = client.get(reverse("royalties_period", args=[march_period.pk])).content.decode()
    assert "Hoài An" in period and "Năm mươi nghìn đồng" in period


def test_the_ledger_exports_to_xlsx(signed_in, march_period):
    response = signed_in("accountant").get(reverse("royalties_ledger"), {"export": "xlsx", "payee_name": "Hoài An"})
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Ngày hạch toán", "Tin bài, tác phẩm", "Người nhận")
    assert rows[1][1:3] == ("Tin tháng ba", "Hoài An") and 50000 in rows[1]


def test_the_accountant_settles_an_ended_period_once(signed_in, march_period):
    client = signed_in("accountant")
    url = reverse("royalties_period_settle", args=[march_period.pk])
    response = client.post(url, follow=True)
    assert "Tháng 03/2019 đã được quyết toán và khóa sổ." in response.content.decode()
    again = client.post(url, follow=True)
    assert "Tháng 03/2019 đã được quyết toán." in again.content.decode()
    assert RoyaltyEntry.objects.get(work__title="Tin tháng ba").period_id == march_period.pk


def test_settling_a_period_not_ended_is_refused_with_a_message(signed_in):
    today = services.timezone.localdate()
    period = services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=today.year + 1, number=1)
    response = signed_in("accountant").post(reverse("royalties_period_settle", args=[period.pk]), follow=True)
    assert "chỉ được quyết toán khi đã kết thúc" in response.content.decode()
    assert not RoyaltyPeriod.objects.get(pk=period.pk).is_settled


def test_the_editor_in_chief_cannot_settle(signed_in, march_period):
    response = signed_in("editor_in_chief").post(reverse("royalties_period_settle", args=[march_period.pk]))
    assert response.url == HOME
    assert not RoyaltyPeriod.objects.get(pk=march_period.pk).is_settled


def test_opening_a_period_checks_the_input(signed_in):
    client = signed_in("accountant")
    response = client.post(reverse("royalties_periods"), {"kind": "quarter", "year": TEST_YEAR, "number": 7})
    assert "Quý được đánh số từ 1 đến 4." in response.content.decode()
    response = client.post(reverse("royalties_periods"), {"kind": "month", "year": "abc", "number": 1})
    assert response.status_code == 200 and "Nhập một số nguyên." in response.content.decode()
    response = client.post(reverse("royalties_periods"), {"kind": "quarter", "year": TEST_YEAR, "number": 2})
    period = RoyaltyPeriod.objects.get(kind="quarter", year=TEST_YEAR, number=2)
    assert response.url == reverse("royalties_period", args=[period.pk])


def test_the_editor_in_chief_adjusts_with_a_reason(signed_in, march_period):
    entry = RoyaltyEntry.objects.get(work__title="Tin tháng ba")
    client = signed_in("editor_in_chief")
    url = reverse("royalties_adjust", args=[entry.pk])
    assert "Số tiền sau điều chỉnh" in client.get(url).content.decode()
    refused = client.post(url, {"new_amount": "70,5", "reason": "Ảnh"})
    assert "Nhập số tiền là số đồng nguyên, ví dụ 70.000." in refused.content.decode()
    refused = client.post(url, {"new_amount": "70000", "reason": ""})
    assert "Trường này là bắt buộc." in refused.content.decode()
    assert services.entry_net(entry) == 50_000
    response = client.post(url, {"new_amount": "70.000 đ", "reason": "Tin kèm ảnh tự chụp"}, follow=True)
    assert "nay là 70.000 đ" in response.content.decode()
    assert services.entry_net(entry) == 70_000


def test_the_accountant_cannot_adjust(signed_in, march_period):
    entry = RoyaltyEntry.objects.get(work__title="Tin tháng ba")
    response = signed_in("accountant").post(
        reverse("royalties_adjust", args=[entry.pk]), {"new_amount": "1", "reason": "Sửa"}
    )
    assert response.url == HOME
    assert services.entry_net(entry) == 50_000


def test_payment_sheets_download_as_xlsx_and_pdf(signed_in, march_period):
    client = signed_in("accountant")
    xlsx = client.get(reverse("royalties_period_sheet", args=[march_period.pk, "xlsx"]))
    assert xlsx["Content-Disposition"] == 'attachment; filename="bang-thanh-toan-nhuan-but-sngv-2019-t03-ban-nhap.xlsx"'
    cells = {c for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True) for c in row}
    assert "Hoài An" in cells and "Bằng chữ: Năm mươi nghìn đồng." in cells
    pdf = client.get(reverse("royalties_period_sheet", args=[march_period.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_dashboard_panels_for_those_allowed(signed_in):
    accountant = signed_in("accountant").get(HOME).content.decode()
    assert "Nhuận bút cần chi trả" in accountant and "Dự toán nhuận bút" in accountant
    assert "<svg" in accountant
    contributor = signed_in("contributor").get(HOME).content.decode()
    assert "Nhuận bút cần chi trả" not in contributor and "Dự toán nhuận bút" not in contributor


def test_the_budget_page_draws_the_year_and_refuses_nonsense_years(signed_in, this_years_schedule, publish):
    publish(author_name="Hoài An")  # this year's first item: a committed amount to draw beside the plan
    client = signed_in("editor_in_chief")
    html = client.get(reverse("royalties_budget"), {"year": 2017}).content.decode()
    assert "26.300.000 đ" in html and "15.000.000 đ" in html and 'role="img"' in html
    current = client.get(reverse("royalties_budget")).content.decode()
    widths = re.findall(r'<rect x="[^"]*" y="[^"]*" width="([^"]*)"', current)
    assert widths and all(re.fullmatch(r"\d+(\.\d+)?", width) for width in widths)  # not "14,3": SVG needs dots
    response = client.get(reverse("royalties_budget"), {"year": "hai nghìn"})
    assert response.status_code == 200
    response = client.get(reverse("royalties_budget"), {"year": 1800}, follow=True)
    assert "Chọn năm từ 2000 đến 2100." in response.content.decode()


def test_a_category_editor_sets_the_coefficient_from_the_item(signed_in, this_years_schedule):
    schedule = this_years_schedule
    schedule.rates.filter(kind="vi_item").update(
        method="coefficient", amount=None, coefficient_min="1.0", coefficient_max="1.5", coefficient_default="1.0"
    )
    from portal.news.tests.factories import section

    draft = section().add_child(instance=ArticlePage(title="Tin chờ hệ số", slug="tin-cho-he-so", lead="T", live=False))
    draft.save_revision()
    client = signed_in("category_editor")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert reverse("royalties_assess", args=[draft.pk]) in edit
    url = reverse("royalties_assess", args=[draft.pk])
    response = client.post(url, {"coefficient": "3", "note": ""})
    assert "Chọn hệ số từ 1.00 đến 1.50." in response.content.decode()
    response = client.post(url, {"coefficient": "1.25", "note": "Tin có ảnh"})
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert services.RoyaltyAssessment.objects.get(page_key=draft.pk).coefficient == services.Decimal("1.25")
    assert signed_in("contributor").get(url).url == HOME


def test_the_ledger_and_a_sheet_take_a_bounded_number_of_queries(signed_in, publish, django_assert_max_num_queries):
    client = signed_in("accountant")
    for day in range(1, 26):
        publish(on=dt.date(TEST_YEAR, 3, day), author_name=f"Tác giả {day % 5}")
    period = services.period_open(kind=RoyaltyPeriod.KIND_MONTH, year=TEST_YEAR, number=3)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("royalties_ledger")).status_code == 200
    with django_assert_max_num_queries(16):  # 15, and the reader's agency, whose period alone it may open
        assert client.get(reverse("royalties_period", args=[period.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("royalties_periods")).status_code == 200


def test_the_secretariat_adds_a_schedule_with_its_rates(signed_in):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client = signed_in("secretariat")
    url = reverse("wagtailsnippets_royalties_royaltyschedule:add")
    data = {
        "year": 2030,
        "title": "Định mức nhuận bút năm 2030",
        "decision": "Quyết định số 12/QĐ-SNgV",
        "base_salary": 2_340_000,
        "unit_percent": 10,
        "payment_days": 60,
        "note": "",
    }
    rate = {
        "kind": "vi_item",
        "method": "coefficient",
        "coefficient_min": "0.2",
        "coefficient_max": "0.4",
        "coefficient_default": "0.3",
        "planned_quantity": 100,
        "planned_amount": 0,
    }
    refused = client.post(
        url, nested_form_data({**data, "rates": inline_formset([{**rate, "coefficient_max": "0.1"}])})
    )
    assert refused.status_code == 200
    assert "Hệ số cao nhất phải lớn hơn 0 và không nhỏ hơn hệ số thấp nhất." in refused.content.decode()
    response = client.post(url, nested_form_data({**data, "rates": inline_formset([rate])}))
    assert response.status_code == 302
    schedule = RoyaltySchedule.objects.get(year=2030)
    assert schedule.budget == 100 * 70_200  # 0.3 × 234.000 a Vietnamese item
    assert signed_in("accountant").post(url, nested_form_data({**data, "year": 2031})).status_code in (302, 403)
    assert not RoyaltySchedule.objects.filter(year=2031).exists()


def test_the_ledger_is_filtered_by_words_of_the_item_title(signed_in, publish, march_period):
    publish(on=dt.date(TEST_YEAR, 3, 5), title="Đoàn công tác thăm Lào", author_name="Minh Thư")
    response = signed_in("accountant").get(reverse("royalties_ledger"), {"title": "thăm lào"})
    html = response.content.decode()
    assert "Tìm theo tiêu đề" in html
    assert "Đoàn công tác thăm Lào" in html and "Tin tháng ba" not in html


def test_each_column_of_the_periods_list_has_its_own_header(signed_in, march_period):
    html = signed_in("accountant").get(reverse("royalties_periods")).content.decode()
    listing = html.split('<table class="listing">', 1)[1].split("</thead>", 1)[0]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', listing)
    assert headers == ["Kỳ quyết toán", "Từ ngày – đến ngày", "Trạng thái", "Người quyết toán, lúc", "Bảng thanh toán"]
