"""The provincial board: every agency's figures side by side, an agency's dashboard read-only, the
quarterly summary as a formal document, and a page whose queries do not grow with the items."""

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.province.selectors import agency_figures, period_of
from portal.qa.models import Question
from portal.testing.agencies import agency
from portal.testing.factories import (
    ApplicationFactory,
    ArticleFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    QuestionFactory,
    UnitFactory,
)
from portal.units import roles

from .conftest import category_of, member_of

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]
BOARD = reverse("province_board")
NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)  # 10:00 in Vietnam, the fourth quarter of the packs' plans


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def publish_items(key: str, count: int, django_capture_on_commit_callbacks) -> None:
    category = category_of(key)
    with django_capture_on_commit_callbacks(execute=True):
        for _number in range(count):
            ArticleFactory(parent=category, days_ago=1, author_name="Lê Thị Hoa")


def test_the_board_shows_every_agency_side_by_side(signed_in, board_member, django_capture_on_commit_callbacks):
    period = period_of(year=2026, quarter=4)
    before = agency_figures(agency("second"), period)
    publish_items("second", 3, django_capture_on_commit_callbacks)
    question = QuestionFactory(topic=category_of("second"), agency=agency("second"))  # asked on its site
    Question.objects.filter(pk=question.pk).update(answered_at=NOW, answered_on_time=True)
    # Two applications for a procedure the second agency's unit handles: one decided on time, one late.
    unit = UnitFactory(code="phong-nghiep-vu-so", agency=agency("second"))
    version = ProcedureVersionFactory(procedure=ProcedureFactory(unit=unit))
    day = dt.timedelta(days=1)
    ApplicationFactory(version=version, submitted_at=NOW - 9 * day, closed_at=NOW - day, due_at=NOW)
    ApplicationFactory(version=version, submitted_at=NOW - 9 * day, closed_at=NOW - day, due_at=NOW - 2 * day)

    second = agency_figures(agency("second"), period)
    assert second.published_in_quarter == before.published_in_quarter + 3
    assert second.published_in_year == before.published_in_year + 3
    assert (second.questions_answered, second.questions_on_time) == (1, 1)
    assert (second.applications_decided, second.applications_on_time) == (2, 1)
    assert second.royalties_in_year > 0 and second.royalty_budget > 0  # the items' royalties, its own schedule
    first = agency_figures(agency("first"), period)
    assert (first.questions_answered, first.applications_decided, first.royalties_in_year) == (0, 0, 0)

    response = signed_in(board_member).get(BOARD, {"year": 2026, "quarter": 4})
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("first", "second", "province"):
        assert f'data-agency="{agency(key).code}"' in html
        assert reverse("province_agency", args=[agency(key).pk]) in html
    assert html.count('role="img"') >= 4  # the charts: items, questions, applications, royalties
    assert "Hỏi đáp trả lời đúng hạn" in html
    row = html.split(f'data-agency="{agency("second").code}"')[1].split("</tr>")[0]
    assert f'data-figure="published-quarter">{second.published_in_quarter}<' in row
    assert 'data-figure="questions">1 / 1<' in row and 'data-figure="applications">1 / 2<' in row


def test_only_the_board_sees_it(signed_in, board_member, province):
    editor = member_of(roles.group_name(roles.EDITOR_IN_CHIEF, agency("second")), "bientap-so")
    client = signed_in(editor)
    for url in (BOARD, reverse("province_agency", args=[agency("first").pk]), reverse("province_summary")):
        response = client.get(url, follow=True)
        assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/", url
        assert any("không có quyền" in str(message).lower() for message in response.context["messages"])
    assert f'"{BOARD}"' not in client.get("/admin/").content.decode()  # not in the menu either
    assert f'"{BOARD}"' in signed_in(board_member).get("/admin/").content.decode()


def test_the_board_opens_an_agency_dashboard_read_only(signed_in, board_member):
    response = signed_in(board_member).get(reverse("province_agency", args=[agency("second").pk]), {"year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kế hoạch hoạt động" in html and 'id="plan-progress"' in html
    assert 'href="/admin/plans/' not in html and 'href="/admin/pages/' not in html  # nothing to edit from here
    assert signed_in(board_member).get(reverse("province_agency", args=[99999])).status_code == 404


def test_a_period_not_understood_or_not_begun_gets_a_message(signed_in, board_member):
    client = signed_in(board_member)
    response = client.get(BOARD, {"year": "abc", "quarter": 9})
    assert response.status_code == 200
    assert any("không hiểu năm hoặc quý" in str(message).lower() for message in response.context["messages"])
    later = client.get(BOARD, {"year": 2027, "quarter": 2}).content.decode()
    assert "Quý này chưa bắt đầu." in later
    export = client.get(reverse("province_summary"), {"year": 2026, "quarter": 4, "format": "odt"}, follow=True)
    assert any("DOCX hoặc PDF" in str(message) for message in export.context["messages"])


def test_the_quarterly_summary_as_docx_and_pdf(signed_in, board_member, django_capture_on_commit_callbacks):
    publish_items("second", 2, django_capture_on_commit_callbacks)
    client = signed_in(board_member)
    docx = client.get(reverse("province_summary"), {"year": 2026, "quarter": 4, "format": "docx"})
    assert docx.status_code == 200
    assert "bao-cao-cong-tinh-quy-4-2026.docx" in docx["Content-Disposition"]
    text = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    for key in ("first", "second", "province"):
        assert agency(key).name_vi in text
    assert "VĂN PHÒNG" in text and "UBND TỈNH LAM SƠN" in text  # the province's own heading (Decree 30/2020)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    pdf = client.get(reverse("province_summary"), {"year": 2026, "quarter": 4, "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_board_page_costs_the_same_queries_whatever_the_agencies_items(
    signed_in, board_member, django_capture_on_commit_callbacks
):
    client = signed_in(board_member)
    publish_items("second", 2, django_capture_on_commit_callbacks)
    client.get(BOARD, {"year": 2026, "quarter": 4})  # the admin's own first-request reads

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BOARD, {"year": 2026, "quarter": 4}).status_code == 200
        return len(captured.captured_queries)

    few = queries()
    publish_items("second", 12, django_capture_on_commit_callbacks)
    publish_items("first", 12, django_capture_on_commit_callbacks)
    assert queries() == few


def test_setup_makes_the_board_only_for_the_province(province):
    from django.contrib.auth.models import Group

    from portal.province.setup import BOARD_GROUP, province_setup

    assert province_setup(agency("second")) == []
    assert province_setup(agency("province")) == []  # setup_portal made them when it installed the province
    board = Group.objects.get(name=BOARD_GROUP)
    assert board.permissions.filter(codename="oversee_provincialportal").exists()
    editors = Group.objects.get(name=roles.group_name(roles.EDITOR_IN_CHIEF, agency("province")))
    assert editors.permissions.filter(codename="carry_provincialportal").exists()
    others = Group.objects.get(name=roles.group_name(roles.EDITOR_IN_CHIEF, agency("second")))
    assert not others.permissions.filter(codename="carry_provincialportal").exists()


def test_the_board_keeps_its_figures_until_the_next_publication(
    signed_in, board_member, settings, django_capture_on_commit_callbacks
):
    settings.DASHBOARD_CACHE_SECONDS = 300
    client = signed_in(board_member)

    def published_in_quarter() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            html = client.get(BOARD, {"year": 2026, "quarter": 4}).content.decode()
        row = html.split(f'data-agency="{agency("second").code}"')[1]
        return row.split('data-figure="published-quarter">')[1].split("<")[0], len(captured.captured_queries)

    first, worked_out = published_in_quarter()
    again, kept = published_in_quarter()
    assert again == first and kept < worked_out  # read from the cache
    publish_items("second", 1, django_capture_on_commit_callbacks)
    after, _queries = published_in_quarter()
    assert int(after) == int(first) + 1  # a publication: worked out again


def test_the_board_reads_plans_questions_applications_and_schedules_once_for_every_agency():
    """What can be read for all agencies at once is: one agency or three, the same queries (issue 22,
    item 6: the board over thirty agencies)."""
    from portal.province.selectors import _shared, agencies

    period = period_of(year=2026, quarter=4)
    every = agencies()
    assert len(every) == 3

    def queries(of) -> int:
        with CaptureQueriesContext(connection) as captured:
            shared = _shared(period, of)
        assert set(shared.plans) <= {agency.pk for agency in of}
        return len(captured.captured_queries)

    second = [each for each in every if each == agency("second")]  # a plan and a schedule of 2026: every read
    assert queries(second) == queries(every)
    from portal.planning.models import Plan

    planned = set(Plan.objects.filter(year=2026).values_list("agency_id", flat=True))
    assert planned and set(_shared(period, every).plans) == planned  # each agency's plan of 2026, once


def test_the_board_costs_the_same_queries_for_one_agency_or_three(monkeypatch, django_capture_on_commit_callbacks):
    """Every agency's figures are worked out together (issue 22, item 6: the board over thirty agencies):
    each agency more adds no query, and each row is what the agency's figures alone are."""
    from portal.province import selectors

    publish_items("first", 2, django_capture_on_commit_callbacks)
    publish_items("second", 3, django_capture_on_commit_callbacks)
    period = period_of(year=2026, quarter=4)
    every = selectors.agencies()
    assert len(every) == 3

    def board_of(of) -> tuple[list, int]:
        monkeypatch.setattr(selectors, "agencies", lambda: of)
        with CaptureQueriesContext(connection) as captured:
            rows = selectors.board_figures(period)
        assert [row.agency for row in rows] == of
        return rows, len(captured.captured_queries)

    board_of(every)  # the first reads of the process (content types, locales) out of the count
    rows, three = board_of(every)
    # The second agency's plan and schedule have every kind of row (key tasks, rates...): every read.
    _rows, one = board_of([each for each in every if each == agency("second")])
    assert three == one
    assert rows == [agency_figures(each, period) for each in every]  # the figures of each agency alone
    second = next(row for row in rows if row.agency == agency("second"))
    assert second.published_in_quarter >= 3 and second.plan is not None
