"""The accountant's and the scheduler's commands."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from portal.operations.scheduler import default_jobs, run_due_jobs
from portal.royalties import services
from portal.royalties.models import RoyaltyEntry, RoyaltyPeriod

from .conftest import TEST_YEAR

pytestmark = pytest.mark.django_db


def test_the_payment_sheet_command_writes_xlsx_and_pdf(publish, tmp_path, capsys):
    publish(on=dt.date(TEST_YEAR, 2, 14), title="Tin tháng hai", author_name="Hoài An")
    services.period_open(kind=RoyaltyPeriod.KIND_QUARTER, year=TEST_YEAR, number=1)
    call_command("royalty_payment_sheet", f"{TEST_YEAR}-Q1", "--output", str(tmp_path))
    output = capsys.readouterr().out
    assert "1 people, 1 lines, total 50000 đ" in output and "draft" in output
    xlsx = tmp_path / "bang-thanh-toan-nhuan-but-sngv-2019-q01-ban-nhap.xlsx"
    cells = {c for row in load_workbook(BytesIO(xlsx.read_bytes())).active.iter_rows(values_only=True) for c in row}
    assert "Tin tháng hai" in cells and "Bằng chữ: Năm mươi nghìn đồng." in cells
    assert (tmp_path / "bang-thanh-toan-nhuan-but-sngv-2019-q01-ban-nhap.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("period", "message"), [("2019-13", "Period '2019-13'"), ("quý 1", "write YYYY-MM"), ("2019-Q3", "is not open")]
)
def test_the_payment_sheet_command_explains_a_wrong_period(period, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("royalty_payment_sheet", period, "--output", str(tmp_path))


def test_the_fee_command_and_the_scheduler_charge_each_month_once(capsys):
    this_month = services.timezone.localdate().replace(day=1)
    call_command("accrue_royalty_fee")
    assert RoyaltyEntry.objects.filter(entry_type="fee", fee_month=this_month).count() == 1
    jobs = [job for job in default_jobs() if job.name == "accrue_royalty_fee"]
    assert run_due_jobs(jobs, now=0) == ["accrue_royalty_fee"]
    assert RoyaltyEntry.objects.filter(entry_type="fee", fee_month=this_month).count() == 1
    call_command("accrue_royalty_fee", "--since", f"{TEST_YEAR}-01")
    assert RoyaltyEntry.objects.filter(entry_type="fee", fee_month=dt.date(TEST_YEAR, 7, 1)).exists()
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("accrue_royalty_fee", "--since", "tháng 7")


def test_recording_items_published_before_the_ledger(publish, capsys):
    page = publish(on=dt.date(TEST_YEAR, 2, 1), author_name="Hoài An")
    RoyaltyEntry.objects.filter(work__page_key=page.pk).delete()  # queryset delete: as if never recorded
    services.RoyaltyWork.objects.filter(page_key=page.pk).delete()
    call_command("record_published_royalties")
    assert "1 item(s) recorded" in capsys.readouterr().out
    assert RoyaltyEntry.objects.filter(work__page_key=page.pk).count() == 1
