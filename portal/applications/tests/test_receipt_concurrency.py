"""Receipts taken at the same moment get distinct numbers, each agency counting its own day: real threads
and connections on PostgreSQL (SQLite serialises every writer, so there is no race to lose there)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from wagtail.models import Site

from portal.applications import services
from portal.applications.models import ReceiptCounter
from portal.core.models import AgencySettings

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]

NOW = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)


def _race(targets) -> list:
    barrier, results, errors = threading.Barrier(len(targets)), [], []

    def run(target):
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(target())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_receipts_taken_at_once_are_distinct_and_each_agency_counts_its_own():
    first = AgencySettings.load()
    default = Site.objects.get(pk=first.site_id)
    site = Site.objects.create(hostname="dua-tranh.example", port=80, root_page_id=default.root_page_id)
    second = AgencySettings.objects.create(site=site, code="dua-tranh", symbol="DT")
    try:
        numbers = _race(
            [lambda: services._next_receipt_number(NOW, first)] * 4
            + [lambda: services._next_receipt_number(NOW, second)] * 4
        )
        assert len(set(numbers)) == 8
        ours = sorted(number for number in numbers if not number.startswith("DT-"))
        theirs = sorted(number for number in numbers if number.startswith("DT-"))
        assert [number[-4:] for number in ours] == ["0001", "0002", "0003", "0004"]
        assert theirs == [f"DT-261207-000{n}" for n in range(1, 5)]
    finally:
        ReceiptCounter.objects.filter(day=NOW.date()).delete()
        second.delete()
        site.delete()
