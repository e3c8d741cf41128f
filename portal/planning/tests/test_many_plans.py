"""Many plans' figures at once (the provincial board's thirty agencies, issue 22 item 6) are each plan's
own: `category_progress_of` and `deadline_summaries` give every plan what `category_progress` and
`deadline_summary` give it alone, in the queries of one.

On the agencies template (portal/testing/agencies.py): the skeleton's agency (the Huế pack, the default
site, its 2026 plan copied forward from 2017) and the Lam Sơn culture department, each with a plan.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from portal.news.models import ArticlePage
from portal.packs.install import plan_next_year
from portal.planning.selectors import (
    category_lines,
    category_progress,
    category_progress_of,
    deadline_summaries,
    deadline_summary,
    plan_for_year,
)
from portal.testing.agencies import agency

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.datetime(2026, 6, 15, 10, 0, tzinfo=HANOI)


@pytest.fixture
def plans():
    """Both agencies' plans of 2026, each with news items in every category of its plan that takes them:
    on time, late against their event's date, and a draft past its deadline; and English translations
    of two items of each, one a day after its original, one ten days after (the first's plan measures
    them: its row 18, two working days after the original)."""
    with time_machine.travel(MONDAY, tick=False):
        first = plan_next_year(year=2026)
        found = [plan_for_year(2026, agency=first.agency), plan_for_year(2026, agency=agency("second"))]
        for plan in found:
            for number, line in enumerate(line for line in category_lines(plan) if line.category is not None):
                category = line.category.specific
                if not ArticlePage.can_create_at(category):
                    continue
                for days_ago, event_days_before, live in ((2, 1, True), (20, 9, True), (40, 0, True), (0, 30, False)):
                    published = MONDAY - dt.timedelta(days=days_ago)
                    page = category.add_child(
                        instance=ArticlePage(
                            title=f"Tin {line.number} {days_ago}",
                            slug=f"tin-{plan.pk}-{number}-{days_ago}",
                            lead="Tóm tắt.",
                            source_date=(published - dt.timedelta(days=event_days_before)).date(),
                            live=live,
                            first_published_at=published if live else None,
                            last_published_at=published if live else None,
                        )
                    )
                    if number == 0 and days_ago in (20, 40):
                        english = page.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
                        when = published + dt.timedelta(days=1 if days_ago == 20 else 10)
                        english.live, english.first_published_at, english.last_published_at = True, when, when
                        english.save()
        yield found


@pytest.fixture(params=["few paths", "many paths"])
def paths_as(request, monkeypatch):
    """Many plans' categories filtered as one plan's are (a few path ranges), or as thirty agencies' are
    (IN lists of the pages' ancestors, beyond `selectors.FEW_PATHS`): called once the plans alone are
    worked out, the same pages either way."""
    from portal.planning import selectors

    def many_plans() -> None:
        if request.param == "many paths":
            monkeypatch.setattr(selectors, "FEW_PATHS", 0)

    return many_plans


def progress_figures(entries) -> list[tuple]:
    return [
        (
            entry.line.number,
            entry.count,
            entry.expected_min,
            entry.expected_max,
            entry.status,
            entry.last_published,
            entry.stale,
            entry.idle_working_days,
        )
        for entry in entries
    ]


def deadline_figures(summary) -> tuple:
    late = [
        (item.page_id, item.line.number, item.deadline, item.published, item.working_days_late, item.unit)
        for item in summary.late
    ]
    return summary.measured, summary.late_count, summary.overdue_count, late


def queries_of(work) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        result = work()
    return result, len(captured.captured_queries)


@pytest.mark.parametrize("today", [dt.date(2026, 6, 15), dt.date(2026, 3, 31), dt.date(2025, 12, 31)])
def test_many_plans_progress_is_each_plans_own(plans, today, paths_as):
    with time_machine.travel(MONDAY, tick=False):
        alone = [queries_of(lambda plan=plan: category_progress(plan, today=today)) for plan in plans]
        paths_as()
        together, queries = queries_of(lambda: category_progress_of(plans, today=today))
    assert [progress_figures(entries) for entries in together] == [progress_figures(entries) for entries, _n in alone]
    if today == MONDAY.date():  # each agency's items are counted, each in its own plan only
        assert all(sum(entry.count for entry in entries) > 0 for entries in together)
    # Two plans in the queries of one (the quantities given in images count per line, as for one plan).
    assert queries <= max(n for _entries, n in alone) + 1


def test_many_plans_deadlines_are_each_plans_own(plans, paths_as):
    start, end = dt.date(2026, 4, 1), dt.date(2026, 6, 15)
    now = MONDAY.astimezone(dt.UTC)
    with time_machine.travel(MONDAY, tick=False):
        alone = [queries_of(lambda plan=plan: deadline_summary(plan, start=start, end=end, now=now)) for plan in plans]
        paths_as()
        together, queries = queries_of(lambda: deadline_summaries(plans, start=start, end=end, now=now))
    assert [deadline_figures(summary) for summary in together] == [deadline_figures(s) for s, _n in alone]
    second = together[1]  # the culture department's heritage line: 3 calendar days after the event
    assert second.measured >= 3 and second.late_count >= 1 and second.overdue_count >= 1
    first_late = {item.page_id: item for item in together[0].late}
    assert first_late.keys().isdisjoint(item.page_id for item in second.late)
    assert any(item.line.number == "18" for item in first_late.values())  # a translation ten days late
    assert queries <= max(n for _summary, n in alone) + 1
