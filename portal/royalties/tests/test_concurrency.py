"""Two publications racing pay once: real threads and connections on PostgreSQL.

SQLite serialises every writer (IMMEDIATE transactions), so there is no race to lose there; the
constraint-level tests in test_services.py hold the same guarantee on both databases.
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.royalties import services
from portal.royalties.models import RoyaltyEntry, RoyaltyWork

from .conftest import TEST_YEAR, noon

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]


def _race(target, count: int = 6) -> list:
    barrier, results, errors = threading.Barrier(count), [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_publications_racing_create_one_work_and_pay_once():
    page = section().add_child(
        instance=ArticlePage(
            title="Tin đăng đồng thời",
            slug="tin-dang-dong-thoi",
            lead="T",
            author_name="Hoài An",
            live=True,
            first_published_at=noon(dt.date(TEST_YEAR, 3, 3)),
        )
    )
    try:
        works = _race(lambda: services.work_record_publication(page_id=page.pk).pk)
        assert len(set(works)) == 1
        assert RoyaltyEntry.objects.filter(work__page_key=page.pk).count() == 1
        # Unpublished (voided), then published again from several places at once: payable once more.
        ArticlePage.objects.filter(pk=page.pk).update(live=False)
        services.work_void_on_unpublish(page_id=page.pk)
        ArticlePage.objects.filter(pk=page.pk).update(live=True)
        _race(lambda: services.work_record_publication(page_id=page.pk).generation)
        work = RoyaltyWork.objects.get(page_key=page.pk)
        assert work.generation == 2
        amounts = list(RoyaltyEntry.objects.filter(work=work).order_by("pk").values_list("amount", flat=True))
        assert amounts == [50_000, -50_000, 50_000]
    finally:
        page.delete()
