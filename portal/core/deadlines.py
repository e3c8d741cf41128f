"""The deadline clock: one value for every deadline in the product (Q&A, applications, translations,
editorial review), counted in the agency's local time.

A deadline starts at an instant, allows a number of working (or calendar) days, and may stand still
during pauses (an application waiting for the applicant's supplement). Every instant is first turned
into the agency's time (settings.TIME_ZONE): a day is a day on the agency's wall calendar, whatever time
zone the caller's value is in (the database hands back UTC).

Two ways of counting, each where it belongs:

- the due time is the same time of day as the start, `days` working days after the start's day; each
  pause adds the working days it covered (the days after the day it began, up to the day it ended:
  "three working days later" adds three, whatever the day the pause began on);
- the time waited and the time left are measured continuously in working time (weekends and holidays
  do not count, nor the time paused), for the figures and the traffic light.

The allowed days are the caller's: the plan (planning.selectors.plan_days) or the procedure
(`processing_days`); core reads no setting for them.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from .workdays import add_working_days, is_working_day, working_days_between

# Where a deadline stands, the same words on every screen that shows one.
NOT_STARTED = "none"  # the clock has not started (not yet received)
ON_TIME = "green"
DUE_SOON = "amber"
OVERDUE = "red"
PAUSED = "paused"  # waiting for the other side (a supplement): the clock stands still
DONE_ON_TIME = "done"
DONE_LATE = "done_late"

Pause = tuple[dt.datetime, dt.datetime | None]  # (began, ended); an open pause has no end yet


def local(moment: dt.datetime) -> dt.datetime:
    """`moment` in the agency's time zone (settings.TIME_ZONE), whatever the request has activated."""
    zone = timezone.get_default_timezone()
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, zone)
    return moment.astimezone(zone)


@dataclass(frozen=True)
class Deadline:
    """A running (or finished) deadline.

    `due_soon_days`: amber in the last that many working days; None: amber in the second half of the
    allowed time. `recorded_due_at`: the due time already promised and stored (a question keeps the time
    its receipt gave even if the plan changes later); None: computed from the start, days and pauses.
    `closed_at`: when the work was done (the light then says done on time or late).
    """

    start: dt.datetime
    days: int
    pauses: tuple[Pause, ...] = ()
    calendar_days: bool = False
    due_soon_days: float | None = None
    recorded_due_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None

    def __post_init__(self):
        start = local(self.start)
        pauses = []
        for began, ended in sorted(self.pauses, key=lambda pause: pause[0]):
            began = max(local(began), start)  # time paused before the clock started is no pause of it
            ended = local(ended) if ended is not None else None
            if ended is None or ended > began:
                pauses.append((began, ended))
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "pauses", tuple(pauses))
        for name in ("recorded_due_at", "closed_at"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, local(getattr(self, name)))

    # --- Counting ----------------------------------------------------------------------------------

    def _after(self, moment: dt.datetime, days: int) -> dt.datetime:
        return moment + dt.timedelta(days=days) if self.calendar_days else add_working_days(moment, days)

    def _span(self, begin: dt.datetime, end: dt.datetime) -> float:
        """Working (or calendar) days from `begin` to `end`, 0 if `end` is not later."""
        if end <= begin:
            return 0.0
        if self.calendar_days:
            return (end - begin) / dt.timedelta(days=1)
        return working_days_between(begin, end)

    def _days_covered(self, began: dt.datetime, ended: dt.datetime) -> int:
        """Whole days a pause adds: the working (or calendar) days after the day it began, up to the day it ended."""
        first, last = began.date() + dt.timedelta(days=1), ended.date()
        if last < first:
            return 0
        if self.calendar_days:
            return (last - first).days + 1
        return sum(is_working_day(first + dt.timedelta(days=offset)) for offset in range((last - first).days + 1))

    @cached_property
    def paused_days(self) -> int:
        """The days the finished pauses added to the time allowed."""
        return sum(self._days_covered(began, ended) for began, ended in self.pauses if ended is not None)

    @property
    def paused_at(self) -> dt.datetime | None:
        """When the clock stopped, while it stands still."""
        return next((began for began, ended in self.pauses if ended is None), None)

    @cached_property
    def due_at(self) -> dt.datetime:
        if self.recorded_due_at is not None:
            return self.recorded_due_at
        return self._after(self.start, self.days + self.paused_days)

    def working_days_waited(self, now: dt.datetime | None = None) -> float:
        """Working time the clock has run from its start to `now` (or to its close), pauses left out."""
        end = local(now or timezone.now())
        if self.closed_at is not None:
            end = min(end, self.closed_at)
        waited = self._span(self.start, end)
        for began, ended in self.pauses:
            waited -= self._span(began, min(ended or end, end))
        return max(0.0, waited)

    def remaining(self, now: dt.datetime | None = None) -> float:
        """Working time left until the due time (negative once past it); a paused clock keeps what it had."""
        now = local(now or timezone.now())
        if self.paused_at is not None:
            now = min(now, self.paused_at)
        if now <= self.due_at:
            return self._span(now, self.due_at)
        return -self._span(self.due_at, now)

    def light(self, now: dt.datetime | None = None) -> str:
        """Done wins over everything, a paused clock over the time left; then red past the due time, amber
        in the last `due_soon_days` working days (or in the second half of the time allowed), else green."""
        if self.closed_at is not None:
            return DONE_LATE if self.closed_at > self.due_at else DONE_ON_TIME
        if self.paused_at is not None:
            return PAUSED
        now = local(now or timezone.now())
        if now > self.due_at:
            return OVERDUE
        if self.due_soon_days is not None:
            due_soon = self.remaining(now) <= self.due_soon_days
        else:
            due_soon = self.working_days_waited(now) > self.days / 2
        return DUE_SOON if due_soon else ON_TIME


def deadline_state(
    *,
    started_at: dt.datetime | None,
    due_at: dt.datetime | None,
    paused_at: dt.datetime | None = None,
    closed_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
    due_soon_days: float = 1.0,
) -> str:
    """The light of a deadline whose due time is stored, or one of the states before a clock exists
    (no start or no due time: not started, paused or done)."""
    if started_at is None or due_at is None:
        if closed_at is not None:
            return DONE_LATE if due_at is not None and closed_at > due_at else DONE_ON_TIME
        return PAUSED if paused_at is not None else NOT_STARTED
    return Deadline(
        start=started_at,
        days=0,
        pauses=((paused_at, None),) if paused_at is not None else (),
        due_soon_days=due_soon_days,
        recorded_due_at=due_at,
        closed_at=closed_at,
    ).light(now)
