"""The deadline clock agrees with a plain day-by-day count over twenty years of weekends, Tết, the other
holidays, the agency's own changes and pauses spanning them, whatever the time zone it is handed."""

import datetime as dt

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.core import deadlines
from portal.core.models import WorkingDayChange
from portal.core.workdays import forget_calendar

from .plain_calendar import HUE, PlainCalendar

pytestmark = pytest.mark.django_db
FIRST, LAST = dt.datetime(2015, 1, 1, tzinfo=dt.UTC), dt.datetime(2035, 6, 30, tzinfo=dt.UTC)
# Days the agency moved by decision (a day off on a Monday, make-up Saturdays, one inside Tết 2030).
CHANGES = {
    dt.date(2027, 3, 8): WorkingDayChange.DAY_OFF,
    dt.date(2027, 3, 6): WorkingDayChange.WORKING_DAY,
    dt.date(2030, 2, 9): WorkingDayChange.WORKING_DAY,
    dt.date(2033, 9, 5): WorkingDayChange.DAY_OFF,
}
HOLIDAYS = sorted(day for year in range(2015, 2036) for day in holidays.Vietnam(years=year)) + sorted(CHANGES)


def _instants():
    anywhere = st.datetimes(
        min_value=FIRST.replace(tzinfo=None), max_value=LAST.replace(tzinfo=None), timezones=st.just(dt.UTC)
    )
    # Near a holiday (Tết, 30/4-1/5, 2/9, Giỗ Tổ) or a stored change: a few days either side, any minute.
    near_a_holiday = st.builds(
        lambda day, minutes: dt.datetime.combine(day, dt.time.min, tzinfo=HUE) + dt.timedelta(minutes=minutes),
        st.sampled_from(HOLIDAYS),
        st.integers(min_value=-10 * 24 * 60, max_value=3 * 24 * 60),
    )
    return st.one_of(anywhere, near_a_holiday)


@st.composite
def _clocks(draw):
    start = draw(_instants())
    zone = draw(st.sampled_from([dt.UTC, HUE, dt.timezone(dt.timedelta(hours=-5))]))  # whatever the caller hands
    pauses, moment = [], start
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        began = moment + dt.timedelta(minutes=draw(st.integers(min_value=0, max_value=25 * 24 * 60)))
        length = dt.timedelta(minutes=draw(st.integers(min_value=1, max_value=30 * 24 * 60)))
        pauses.append((began.astimezone(zone), (began + length).astimezone(zone)))
        moment = began + length
    if pauses and draw(st.booleans()):
        pauses[-1] = (pauses[-1][0], None)  # still waiting for the applicant
    days = draw(st.integers(min_value=0, max_value=25))
    now = start + dt.timedelta(minutes=draw(st.integers(min_value=0, max_value=80 * 24 * 60)))
    return start.astimezone(zone), days, tuple(pauses), now.astimezone(zone)


@pytest.fixture
def stored_changes():
    forget_calendar()
    for day, kind in CHANGES.items():
        WorkingDayChange.objects.update_or_create(date=day, defaults={"kind": kind, "reason": "Thử nghiệm"})
    yield dict(WorkingDayChange.objects.values_list("date", "kind"))
    forget_calendar()


def test_the_clock_agrees_with_a_plain_day_by_day_count(stored_changes):
    plain = PlainCalendar(stored_changes)

    @settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_clocks())
    def agrees(clock_values):
        start, days, pauses, now = clock_values
        clock = deadlines.Deadline(start=start, days=days, pauses=pauses)
        closed = tuple(pause for pause in pauses if pause[1] is not None)
        assert clock.due_at == plain.due_at(start, days, closed)
        assert clock.due_at.utcoffset() == dt.timedelta(hours=7)  # told in the agency's time
        assert clock.working_days_waited(now) == pytest.approx(plain.waited(start, now, pauses), abs=1e-9)
        paused_at = clock.paused_at
        if paused_at is None:
            left = plain.waited(now, clock.due_at) if now <= clock.due_at else -plain.waited(clock.due_at, now)
            assert clock.remaining(now) == pytest.approx(left, abs=1e-9)
            assert clock.light(now) == (
                deadlines.OVERDUE
                if now > clock.due_at
                else deadlines.DUE_SOON
                if plain.waited(start, now, pauses) > days / 2
                else deadlines.ON_TIME
            )
        else:
            assert clock.light(now) == deadlines.PAUSED

    agrees()


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HUE)


def test_a_pause_adds_the_working_days_after_the_day_it_began_whatever_that_day():
    received = at(2026, 11, 30, 9, 0)  # Monday, five working days: due Monday 7/12
    for paused in (at(2026, 12, 4, 15, 0), at(2026, 12, 5, 10, 0), at(2026, 12, 6, 10, 0)):  # Fri, Sat, Sun
        resumed = at(2026, 12, 9, 10, 0)  # Wednesday: Monday, Tuesday and Wednesday waited
        clock = deadlines.Deadline(start=received, days=5, pauses=((paused, resumed),))
        assert clock.paused_days == 3
        assert clock.due_at == at(2026, 12, 10, 9, 0)


def test_a_pause_over_tet_adds_only_its_working_days():
    received = at(2026, 2, 10, 9, 0)  # Tuesday before Tết 2026 (16/2 to 20/2 off)
    clock = deadlines.Deadline(start=received, days=2, pauses=((at(2026, 2, 11, 9, 0), at(2026, 2, 24, 9, 0)),))
    # Paused Wednesday 11/2 to Tuesday 24/2: 12, 13, 23 and 24/2 are working days.
    assert clock.paused_days == 4
    assert clock.due_at == at(2026, 2, 25, 9, 0)  # 11, 12, 13, 23, 24 and 25/2 after the reception


def test_an_instant_in_utc_is_counted_on_the_agencys_calendar():
    # Friday 17:30 UTC is Saturday 00:30 in Huế: the day counted from is Saturday, not Friday.
    friday_evening_utc = dt.datetime(2026, 12, 4, 17, 30, tzinfo=dt.UTC)
    clock = deadlines.Deadline(start=friday_evening_utc, days=1)
    assert clock.due_at == at(2026, 12, 7, 0, 30)  # Monday; a count in UTC said Tuesday 00:30
    assert deadlines.Deadline(start=friday_evening_utc, days=1, calendar_days=True).due_at == at(2026, 12, 6, 0, 30)


def test_a_paused_clock_keeps_its_time_left_and_done_wins():
    received = at(2026, 11, 30, 9, 0)
    clock = deadlines.Deadline(start=received, days=5, pauses=((at(2026, 12, 1, 9, 0), None),), due_soon_days=1)
    assert clock.remaining(at(2026, 12, 20, 9, 0)) == clock.remaining(at(2026, 12, 1, 9, 0)) == 4.0
    assert clock.light(at(2026, 12, 20)) == deadlines.PAUSED
    assert clock.working_days_waited(at(2026, 12, 20)) == 1.0
    done = deadlines.Deadline(start=received, days=5, closed_at=at(2026, 12, 8, 9, 0), pauses=clock.pauses)
    assert done.light(at(2027, 1, 1)) == deadlines.DONE_LATE
