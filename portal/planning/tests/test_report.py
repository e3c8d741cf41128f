"""The quarterly report's figures against the known 2017 dataset, as XLSX and PDF, from the admin and a command."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from portal.accounts.testing import login_with_second_factor
from portal.core import figures
from portal.core.figures import Figure, FigureSection, register_figures
from portal.operations.models import Incident
from portal.planning.report import quarterly_report, report_pdf, report_xlsx
from portal.planning.services import PlanError
from portal.units import roles
from portal.visits.models import DailyVisits, PageVisits

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def royalties_provider(monkeypatch):
    monkeypatch.setattr(figures, "_providers", {})

    def royalties(*, start, end, agency):
        return FigureSection(
            key="royalties",
            title="Nhuận bút",
            figures=(Figure(label="Đã chi trong quý", value="1.250.000 đ", target="26.300.000 đ cả năm", ok=True),),
        )

    register_figures("royalties", royalties, order=40)


@pytest.fixture
def quarter_two(known_2017, royalties_provider):
    DailyVisits.objects.bulk_create(
        [DailyVisits(day=dt.date(2017, 4, 3), views=120), DailyVisits(day=dt.date(2017, 6, 30), views=80)]
    )
    PageVisits.objects.bulk_create([PageVisits(day=dt.date(2017, 4, 3), path="/tin-tuc-su-kien/", views=70)])
    for when in (at(2017, 4, 10, 9), at(2017, 6, 1, 9), at(2017, 7, 1, 9)):
        incident = Incident.objects.create(method="GET", path="/hong/", exception="ZeroDivisionError")
        Incident.objects.filter(pk=incident.pk).update(occurred_at=when)
    return quarterly_report(year=2017, quarter=2, today=dt.date(2017, 7, 10))


def test_the_quarters_figures(quarter_two):
    report = quarter_two
    assert (report.start, report.end, report.complete) == (dt.date(2017, 4, 1), dt.date(2017, 6, 30), True)
    rows = {entry.line.number: entry for entry in report.categories}
    assert (rows["2"].in_quarter, rows["2"].progress.count) == (11, 11)
    assert (rows["12"].in_quarter, rows["12"].progress.count) == (0, 3)
    assert (rows["13"].in_quarter, rows["13"].progress.count) == (0, 2)
    assert rows["7"].in_quarter == 1 and rows["18"].in_quarter == 1
    assert rows["2"].quarter_target == "50-55" and rows["12"].quarter_target == "1-2"
    assert report.published_in_quarter == 12  # 10 in May, 1 on 02/05, 1 on 26/06 (Vietnamese site)
    assert [week.start for week in report.weeks][:1] == [dt.date(2017, 3, 27)] and report.weeks[0].partial
    assert report.weeks[-1].start == dt.date(2017, 6, 26) and report.weeks[-1].partial  # ends 30/06
    assert (report.weeks_within, report.weeks_below, report.weeks_above) == (1, 11, 0)
    assert report.deadlines.measured == 1 and report.deadlines.late_count == 1  # the translation
    assert report.deadlines.overdue_count == 1  # the draft of 20/06, as of 30/06
    assert [month.month for month in report.months] == [4, 5, 6]
    units = {row.unit.code: row.counts for row in report.units}
    assert units["van-phong"] == [0, 10, 0] and units["lanh-su"] == [0, 0, 1]
    assert report.visits == 200 and report.visits_by_month == [
        (dt.date(2017, 4, 1), 120),
        (dt.date(2017, 5, 1), 0),
        (dt.date(2017, 6, 1), 80),
    ]
    assert report.top_pages == [("/tin-tuc-su-kien/", 70)]
    assert report.incidents == 2 and report.incidents_by_error == [("ZeroDivisionError", 2)]
    assert [section.key for section in report.sections] == ["royalties"]
    assert report.budget_planned == 26_300_000


def test_the_xlsx_holds_every_section_in_vietnamese(quarter_two):
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(report_xlsx(quarter_two)))
    assert book.sheetnames == [
        "Tổng hợp",
        "Mục tin",
        "Đơn vị",
        "Tần suất cập nhật hằng tuần",
        "Trễ hạn",
        "Nhiệm vụ trọng tâm",
        "Các lĩnh vực khác",
        "Lượt truy cập",
        "Sự cố",
    ]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and len(row) > 1}
    assert summary["Số tin bài đăng trên trang tiếng Việt"] == 12
    assert summary["Đăng trễ hạn"] == 1 and summary["Quá hạn, chưa đăng"] == 1
    assert summary["Kinh phí theo kế hoạch (đồng)"] == 26_300_000
    assert summary["Lượt truy cập (lượt xem trang)"] == 200 and summary["Sự cố kỹ thuật (lỗi máy chủ)"] == 2
    categories = list(book["Mục tin"].iter_rows(values_only=True))
    news = next(row for row in categories if row[0] == "2")
    assert news[1:6] == ("Tin tức-sự kiện", "200-220 tin bài", "50-55", 11, 11) and news[7] == "Chậm"
    other = list(book["Các lĩnh vực khác"].iter_rows(values_only=True))
    assert other[1] == ("Nhuận bút", "Đã chi trong quý", "1.250.000 đ", "26.300.000 đ cả năm", "có")
    late = list(book["Trễ hạn"].iter_rows(values_only=True))
    assert late[1][0] == "Công bố thủ tục mới chưa đăng" and late[1][5] == "chưa đăng"
    assert late[2][0] == "Lao delegation visits Hue" and late[2][6] == 2.0


def test_the_pdf_is_a_vietnamese_document_with_the_figures(quarter_two):
    from pypdf import PdfReader

    pdf = report_pdf(quarter_two)
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Quý 2/2017 (01/04/2017 - 30/06/2017)" in text
    assert "26.300.000 đ" in text and "Nhuận bút" in text and "2 lỗi máy chủ trong quý." in text
    assert "Tin tức-sự kiện" in text and "200 lượt xem trang trong quý" in text


def test_a_quarter_not_over_says_so():
    report = quarterly_report(year=2017, quarter=3, today=dt.date(2017, 7, 10))
    assert not report.complete and report.end == dt.date(2017, 7, 10)
    with pytest.raises(PlanError, match="chưa bắt đầu|not begun"):
        quarterly_report(year=2017, quarter=4, today=TODAY)
    with pytest.raises(PlanError):
        quarterly_report(year=1990, quarter=1)


def test_the_report_from_the_admin(client, staff):
    login_with_second_factor(client, staff(roles.EDITOR_IN_CHIEF))
    page = client.get(reverse("planning_report"))
    assert page.status_code == 200 and "Mở báo cáo" in page.content.decode()
    xlsx = client.get(reverse("planning_report"), {"year": 2017, "quarter": 1, "format": "xlsx"})
    assert (
        xlsx.status_code == 200
        and xlsx["Content-Disposition"] == 'attachment; filename="bao-cao-trang-ttdt-quy-1-2017.xlsx"'
    )
    pdf = client.get(reverse("planning_report"), {"year": 2017, "quarter": 1, "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    missing = client.get(reverse("planning_report"), {"year": 2031, "quarter": 1, "format": "pdf"})
    assert missing.status_code == 200 and "Chưa có kế hoạch năm 2031." in missing.content.decode()
    wrong = client.get(reverse("planning_report"), {"year": "abc", "quarter": 7, "format": "doc"})
    assert wrong.status_code == 200 and "Nhập một năm" in wrong.content.decode()


def test_the_report_is_refused_to_a_contributor(client, staff):
    login_with_second_factor(client, staff(roles.CONTRIBUTOR, "hop-tac-quoc-te"))
    response = client.get(reverse("planning_report"), {"year": 2017, "quarter": 1, "format": "pdf"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_report_command(tmp_path, capsys):
    call_command("plan_report", "--year", "2017", "--quarter", "1", "--format", "xlsx", "--output", str(tmp_path))
    written = tmp_path / "bao-cao-trang-ttdt-quy-1-2017.xlsx"
    assert written.exists() and written.stat().st_size > 1000
    assert str(written) in capsys.readouterr().out
    with pytest.raises(CommandError, match="2031"):
        call_command("plan_report", "--year", "2031", "--quarter", "1")
    # an agency's code no agency has: refused in words, with the codes there are
    with pytest.raises(CommandError, match="Không có cơ quan nào có mã “khong-co”"):
        call_command("plan_report", "--year", "2017", "--quarter", "1", "--agency", "khong-co")


@pytest.mark.urls("portal.planning.tests.failing_urls")
def test_a_server_error_is_recorded_as_an_incident():
    client = Client(raise_request_exception=False)
    before = Incident.objects.count()
    response = client.get("/hong/?x=1")
    assert response.status_code == 500
    incident = Incident.objects.latest("occurred_at")
    assert Incident.objects.count() == before + 1
    assert (incident.method, incident.path, incident.exception) == ("GET", "/hong/?x=1", "ZeroDivisionError")
