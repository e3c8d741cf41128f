"""The one rate limit (portal.core.ratelimit), on a frozen clock: counts per client and scope, windows
that end, every window counted, and how long a refused client waits."""

import datetime as dt

import pytest
import time_machine

from portal.core import ratelimit

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_a_client_is_refused_past_its_limit_and_no_other_is(clock):
    verdicts = [ratelimit.attempt("qa-post", "203.0.113.9", [(600, 3)]) for _ in range(4)]
    assert [bool(verdict) for verdict in verdicts] == [True, True, True, False]
    assert ratelimit.attempt("qa-post", "203.0.113.10", [(600, 3)])  # another address: its own count
    assert ratelimit.attempt("qa-lookup", "203.0.113.9", [(600, 3)])  # another scope: its own count


def test_the_refusal_says_how_long_to_wait_and_ends_with_the_window(clock):
    for _ in range(2):
        ratelimit.attempt("opendata", "203.0.113.9", [(60, 2)])
    refused = ratelimit.attempt("opendata", "203.0.113.9", [(60, 2)])
    assert not refused and 1 <= refused.retry_after <= 60

    clock.shift(dt.timedelta(seconds=refused.retry_after - 1))
    still = ratelimit.attempt("opendata", "203.0.113.9", [(60, 2)])
    assert not still and still.retry_after == 1

    clock.shift(dt.timedelta(seconds=1))
    assert ratelimit.attempt("opendata", "203.0.113.9", [(60, 2)])  # a new window, a new count


def _at_the_start_of_a_window(clock, who: str, seconds: int) -> None:
    # Each client's windows end at a moment of their own (django-ratelimit staggers them): probe it.
    ratelimit.attempt("probe", who, [(seconds, 1)])
    clock.shift(dt.timedelta(seconds=ratelimit.attempt("probe", who, [(seconds, 1)]).retry_after))


def test_every_window_counts_even_an_attempt_another_refused(clock):
    _at_the_start_of_a_window(clock, "a", 3600)
    limits = [(60, 2), (3600, 4)]
    assert [bool(ratelimit.attempt("qa-question", "a", limits)) for _ in range(3)] == [True, True, False]
    clock.shift(dt.timedelta(seconds=61))
    # The minute's count is new, but the hour counted the refused attempt too: one more, not two.
    assert [bool(ratelimit.attempt("qa-question", "a", limits)) for _ in range(2)] == [True, False]
    refused = ratelimit.attempt("qa-question", "a", limits)
    assert refused.retry_after > 60  # the hour's window, the longer wait


@pytest.mark.parametrize("limit", [0, None])
def test_no_limit_set_means_no_limit(clock, limit):
    assert all(ratelimit.attempt("opendata", "203.0.113.9", [(60, limit)]) for _ in range(50))


def test_the_cache_keeps_no_client_as_itself(clock, monkeypatch):
    seen = []
    real = ratelimit.get_usage

    def spy(request, **kwargs):
        seen.append(kwargs["key"](kwargs["group"], request))
        return real(request, **kwargs)

    monkeypatch.setattr(ratelimit, "get_usage", spy)
    ratelimit.attempt("password-reset-email", "someone@example.vn", [(3600, 3)])
    assert seen and "someone" not in seen[0] and len(seen[0]) == 32
