"""Each agency of one installation pays its items by its own royalty schedule, and its people see its own
ledger, budget and royalty figures, never another agency's (the agencies template, portal/testing/agencies.py)."""

import datetime as dt
from io import BytesIO, StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from portal.accounts.testing import login_with_second_factor
from portal.core.figures import figure_sections
from portal.news.models import ArticlePage, SectionPage
from portal.packs.install import plan_next_year
from portal.royalties import exports, selectors, services
from portal.royalties.models import Kind, RoyaltyEntry, RoyaltyPeriod
from portal.testing.agencies import agency, site, staff
from portal.units import roles

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

MONDAY = dt.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def published(key: str, slug: str, title: str, owner=None) -> ArticlePage:
    parent = SectionPage.objects.descendant_of(site(key).root_page).get(slug=slug)
    page = parent.add_child(
        instance=ArticlePage(title=title, slug=f"{slug}-{ArticlePage.objects.count()}", lead="Tóm tắt.", owner=owner)
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def works():
    with time_machine.travel(MONDAY, tick=False):
        plan_next_year(year=2026)  # the first agency's 2026 plan and schedule, copied from 2017
        author = get_user_model().objects.get(username="hoangminhduc")
        second = published("second", "di-san-van-hoa", "Lễ hội di sản Lam Sơn", owner=author)
        first = published("first", "hop-tac-quoc-te", "Tin hợp tác của Huế")
        yield {
            "second": services.work_record_publication(page_id=second.pk),
            "first": services.work_record_publication(page_id=first.pk),
        }


def test_an_item_is_paid_by_its_own_agencys_schedule(works):
    assert works["second"].schedule.agency == agency("second")
    assert works["second"].amount == 60_000  # the Lam Sơn plan's 60.000 đ a Vietnamese item
    assert works["first"].schedule.agency == agency("first")
    assert works["first"].schedule.rate_for(Kind.VIETNAMESE_ITEM).amount == works["first"].amount


def test_each_agency_reads_its_own_ledger_budget_and_figures(client, works):
    second_titles = set(selectors.ledger_entries(agency("second")).values_list("work__title", flat=True))
    assert second_titles == {"Lễ hội di sản Lam Sơn"}
    assert "Lễ hội di sản Lam Sơn" not in set(
        selectors.ledger_entries(agency("first")).values_list("work__title", flat=True)
    )
    budget = selectors.budget_for_year(year=2026, today=MONDAY.date(), agency=agency("second"))
    assert budget.schedule.agency == agency("second")
    assert {line.kind: line.committed for line in budget.lines}[Kind.VIETNAMESE_ITEM] == 60_000
    (figures,) = [
        section
        for section in figure_sections(start=dt.date(2026, 1, 1), end=MONDAY.date(), agency=agency("second"))
        if section.key == "royalties"
    ]
    assert figures.figures[0].value == 1  # works paid for: its own one
    # every domain counts the second agency's own records (portal/planning/tests/test_agencies.py)
    keys = {
        section.key
        for section in figure_sections(start=dt.date(2026, 1, 1), end=MONDAY.date(), agency=agency("second"))
    }
    assert "qa" in keys and "royalties" in keys

    login_with_second_factor(client, get_user_model().objects.get(username="lequangcuong"))  # its editor-in-chief
    ledger = client.get(reverse("royalties_ledger"))
    assert ledger.status_code == 200
    page = ledger.content.decode()
    assert "Lễ hội di sản Lam Sơn" in page and "Tin hợp tác của Huế" not in page


# --- The ledger, periods, sheets and the fee of each agency -------------------------------------

JUNE = {"kind": RoyaltyPeriod.KIND_MONTH, "year": 2026, "number": 6}
JULY_FIRST = dt.date(2026, 7, 1)


def _period(key: str) -> RoyaltyPeriod:
    return services.period_open(**JUNE, agency=agency(key))


def test_an_entry_is_its_paying_agencys_and_in_its_ledger_only(works):
    assert {entry.agency for entry in works["second"].entries.all()} == {agency("second")}
    assert {entry.agency for entry in works["first"].entries.all()} == {agency("first")}
    assert set(selectors.entries_of(agency("second")).values_list("work", flat=True)) == {works["second"].pk}
    assert not selectors.entries_of(agency("first")).filter(work=works["second"]).exists()
    assert not selectors.entries_of(agency("province")).exists()


def test_each_agency_closes_its_own_month(works):
    june_second, june_first = _period("second"), _period("first")  # the same month, no overlap between agencies
    assert june_second.pk != june_first.pk and june_first.agency == agency("first")

    services.period_settle(period=june_second, user=staff("second", roles.ACCOUNTANT), today=JULY_FIRST)

    assert set(works["second"].entries.values_list("period", flat=True)) == {june_second.pk}
    assert set(works["first"].entries.values_list("period", flat=True)) == {None}  # untouched
    june_first.refresh_from_db()
    assert not june_first.is_settled
    # June is closed for the second agency only: a June item of each lands in its own agency's open days
    late_second = services.work_record_publication(page_id=published("second", "di-san-van-hoa", "Tin muộn").pk)
    late_first = services.work_record_publication(page_id=published("first", "hop-tac-quoc-te", "Tin muộn Huế").pk)
    assert late_second.entries.get().accounting_date == JULY_FIRST
    assert late_first.entries.get().accounting_date == MONDAY.date()
    # an accountant of one agency settles none of another's
    with pytest.raises(PermissionDenied):
        services.period_settle(period=june_first, user=staff("second", roles.ACCOUNTANT), today=JULY_FIRST)
    services.period_settle(period=june_first, user=staff("first", roles.ACCOUNTANT), today=JULY_FIRST)
    assert set(works["first"].entries.values_list("period", flat=True)) == {june_first.pk}
    assert late_second.entries.get().period is None


def test_a_payment_sheet_lists_its_agencys_payees_under_its_own_heading(works):
    sheet = selectors.payment_sheet(period=_period("second"))
    assert [person.name for person in sheet.people] == ["Hoàng Minh Đức"]
    assert sheet.total == 60_000
    rows = [row for row in load_workbook(BytesIO(exports.sheet_xlsx(sheet))).active.iter_rows(values_only=True)]
    assert rows[0][0] == agency("second").name_vi
    assert agency("first").name_vi not in {cell for row in rows for cell in row}
    assert exports._context(sheet)["agency"] == agency("second")  # the PDF's heading too
    first = selectors.payment_sheet(period=_period("first"))
    assert "Hoàng Minh Đức" not in [person.name for person in first.people] and first.line_count == 1


def test_each_agency_is_charged_its_own_administration_fee(works):
    call_command("accrue_royalty_fee", stdout=StringIO())
    call_command("accrue_royalty_fee", stdout=StringIO())  # once a month, however often it runs

    june = MONDAY.date().replace(day=1)
    fee = selectors.entries_of(agency("second")).get(entry_type=RoyaltyEntry.TYPE_FEE)
    assert (fee.fee_month, fee.amount, fee.payee_user.username) == (june, 150_000, "phamvanan")
    assert selectors.entries_of(agency("first")).filter(entry_type=RoyaltyEntry.TYPE_FEE, fee_month=june).count() == 1
    assert not selectors.entries_of(agency("province")).exists()  # no schedule, no fee
    budget = selectors.budget_for_year(year=2026, today=MONDAY.date(), agency=agency("second"))
    assert {line.kind: line.committed for line in budget.lines}[Kind.ADMINISTRATION] == 150_000


def test_the_commands_take_an_agency_by_its_code(works, tmp_path):
    assert not RoyaltyEntry.objects.filter(entry_type=RoyaltyEntry.TYPE_FEE).exists()
    call_command("accrue_royalty_fee", "--agency", agency("second").code, stdout=StringIO())
    assert set(RoyaltyEntry.objects.filter(entry_type=RoyaltyEntry.TYPE_FEE).values_list("agency", flat=True)) == {
        agency("second").pk
    }
    with pytest.raises(CommandError, match="Không có cơ quan nào có mã “khong-co”"):
        call_command("accrue_royalty_fee", "--agency", "khong-co")

    _period("second")
    with pytest.raises(CommandError, match="is not open"):  # the default site's agency has no June period
        call_command("royalty_payment_sheet", "2026-06", "--output", str(tmp_path), "--format", "xlsx")
    out = StringIO()
    call_command(
        "royalty_payment_sheet", "2026-06", "--agency", agency("second").code, "--output", str(tmp_path),
        "--format", "xlsx", stdout=out,
    )  # fmt: skip
    assert "2 people, 2 lines, total 210000 đ" in out.getvalue()  # its item's author and its administrator's fee
    (written,) = tmp_path.glob("*.xlsx")
    cells = {cell for row in load_workbook(written).active.iter_rows(values_only=True) for cell in row}
    assert {agency("second").name_vi, "Hoàng Minh Đức", "Phạm Văn An"} <= cells


def test_another_agencys_period_sheet_and_entry_are_not_found(client, works):
    june_first, june_second = _period("first"), _period("second")
    first_entry, second_entry = works["first"].entries.get(), works["second"].entries.get()
    login_with_second_factor(client, staff("second", roles.ACCOUNTANT))

    for url in (
        reverse("royalties_period", args=[june_first.pk]),
        reverse("royalties_period_sheet", args=[june_first.pk, "xlsx"]),
        reverse("royalties_period_sheet", args=[june_first.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("royalties_period_settle", args=[june_first.pk])).status_code == 404
    june_first.refresh_from_db()
    assert not june_first.is_settled

    assert client.get(reverse("royalties_period", args=[june_second.pk])).status_code == 200
    assert client.get(reverse("royalties_period_sheet", args=[june_second.pk, "xlsx"])).status_code == 200
    listing = client.get(reverse("royalties_periods")).content.decode()
    assert reverse("royalties_period", args=[june_second.pk]) in listing
    assert reverse("royalties_period", args=[june_first.pk]) not in listing
    # the ledger's filter offers its own periods only, and refuses another's
    ledger = client.get(reverse("royalties_ledger"), {"period": june_first.pk}).content.decode()
    assert "Tin hợp tác của Huế" not in ledger
    # a period the accountant opens is their agency's
    client.post(reverse("royalties_periods"), {"kind": "month", "year": 2026, "number": 5})
    assert RoyaltyPeriod.objects.get(year=2026, number=5).agency == agency("second")

    client.logout()
    login_with_second_factor(client, get_user_model().objects.get(username="lequangcuong"))  # its editor-in-chief
    assert client.get(reverse("royalties_adjust", args=[first_entry.pk])).status_code == 404
    assert client.get(reverse("royalties_adjust", args=[second_entry.pk])).status_code == 200


def test_two_agencies_sheets_of_one_month_have_their_own_file_names(client, works, tmp_path):
    june_first, june_second = _period("first"), _period("second")
    names = {}
    for key, period in (("first", june_first), ("second", june_second)):
        login_with_second_factor(client, staff(key, roles.ACCOUNTANT))
        for extension in ("xlsx", "pdf"):
            response = client.get(reverse("royalties_period_sheet", args=[period.pk, extension]))
            names[key, extension] = response["Content-Disposition"]
        client.logout()
    assert names["second", "xlsx"] == 'attachment; filename="bang-thanh-toan-nhuan-but-svhtt-2026-t06-ban-nhap.xlsx"'
    assert names["first", "xlsx"] == 'attachment; filename="bang-thanh-toan-nhuan-but-sngv-2026-t06-ban-nhap.xlsx"'
    assert names["second", "pdf"].endswith('svhtt-2026-t06-ban-nhap.pdf"')
    assert names["first", "pdf"].endswith('sngv-2026-t06-ban-nhap.pdf"')

    # the command writes both into one folder: two files, neither overwriting the other
    for code in (agency("first").code, agency("second").code):
        call_command(
            "royalty_payment_sheet", "2026-06", "--agency", code, "--output", str(tmp_path), "--format", "both",
            stdout=StringIO(),
        )  # fmt: skip
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        f"bang-thanh-toan-nhuan-but-{symbol}-2026-t06-ban-nhap.{extension}"
        for symbol in ("sngv", "svhtt")
        for extension in ("pdf", "xlsx")
    ]


def test_an_agency_with_a_ledger_is_not_removed_and_loses_nothing(works, tmp_path):
    """Accounting records are kept: `remove_agency` refuses, in words, and removes nothing."""
    code = agency("second").code
    entries = selectors.entries_of(agency("second")).count()
    with pytest.raises(CommandError, match="nothing was removed|chưa xoá gì"):
        call_command("remove_agency", code, "--confirm", code, "--export", str(tmp_path / "x.zip"), stdout=StringIO())
    assert selectors.entries_of(agency("second")).count() == entries
    assert site("second").root_page.get_children().exists()
