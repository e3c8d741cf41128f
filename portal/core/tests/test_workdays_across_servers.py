"""A working-day change saved on one app server counts on every other at once: each keeps its calendar
in memory, under a generation they share in the cache (Redis in production)."""

import datetime as dt

import pytest
from django.core.cache import cache

from portal.core import workdays
from portal.core.models import WorkingDayChange
from portal.core.per_request import _request_finished, _request_started

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2027, 3, 8)


def test_a_change_saved_on_another_server_counts_at_the_next_request():
    workdays.forget_calendar()
    assert workdays.is_working_day(MONDAY)  # this server's calendar of 2027, kept in its memory
    # Another server saves a day off: its signal handlers clear its own memory and bump the shared
    # generation. Here only the row and the shared generation change, as this server would see them.
    WorkingDayChange.objects.bulk_create([WorkingDayChange(date=MONDAY, kind=WorkingDayChange.DAY_OFF, reason="x")])
    assert workdays.is_working_day(MONDAY)  # still the kept calendar: nothing told this process
    cache.incr(workdays.SHARED_GENERATION_KEY)
    _request_started()
    try:
        assert not workdays.is_working_day(MONDAY)  # the next request reads the generation once
        cache.incr(workdays.SHARED_GENERATION_KEY)
        WorkingDayChange.objects.filter(date=MONDAY).delete()  # signal handlers: this process forgets
        assert workdays.is_working_day(MONDAY)
    finally:
        _request_finished()
        workdays.forget_calendar()
