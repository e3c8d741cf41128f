"""Each agency of one installation pays its items by its own royalty schedule, and its people see its own
ledger, budget and royalty figures, never another agency's (the agencies template, portal/testing/agencies.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.accounts.testing import login_with_second_factor
from portal.core.figures import figure_sections
from portal.news.models import ArticlePage, SectionPage
from portal.packs.install import plan_next_year
from portal.royalties import selectors, services
from portal.royalties.models import Kind
from portal.testing.agencies import agency, site

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
