"""A plain day-by-day count of working days, written apart from the product's clock to check it.

It reads the same sources (the `holidays` package's Vietnamese calendar and the agency's stored changes)
but none of the product's code: every answer is one walk over the days of the agency's wall calendar.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import holidays

HUE = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.timedelta(days=1)


class PlainCalendar:
    def __init__(self, changes: dict[dt.date, str]):
        self.changes = changes  # date -> "day_off" or "working_day" (core.WorkingDayChange)
        self._years: dict[int, holidays.HolidayBase] = {}

    def is_working(self, day: dt.date) -> bool:
        if day in self.changes:
            return self.changes[day] == "working_day"
        country = self._years.setdefault(day.year, holidays.Vietnam(years=day.year))
        if day in country:
            return False
        return day.weekday() < 5 or day in country.weekend_workdays

    def pause_days(self, start: dt.datetime, began: dt.datetime, ended: dt.datetime) -> int:
        """Working days after the day the pause began (not before the start), up to the day it ended."""
        day, count = max(began, start).astimezone(HUE).date(), 0
        while day < ended.astimezone(HUE).date():
            day += DAY
            count += self.is_working(day)
        return count

    def due_at(self, start: dt.datetime, days: int, pauses=()) -> dt.datetime:
        """The same time of day, `days` working days (plus those of each finished pause) after the start's day."""
        start = start.astimezone(HUE)
        left = days + sum(self.pause_days(start, began, ended) for began, ended in pauses if ended is not None)
        day = start.date()
        while left > 0:
            day += DAY
            left -= self.is_working(day)
        return dt.datetime.combine(day, start.time(), tzinfo=HUE)

    def waited(self, start: dt.datetime, now: dt.datetime, pauses=()) -> float:
        """Hours of working days between `start` and `now`, less the hours paused, in days."""
        start, now = start.astimezone(HUE), now.astimezone(HUE)
        total = dt.timedelta()
        day = start.date()
        while day <= now.date():
            midnight = dt.datetime.combine(day, dt.time.min, tzinfo=HUE)
            low, high = max(start, midnight), min(now, midnight + DAY)
            if self.is_working(day) and high > low:
                total += high - low
                for began, ended in pauses:
                    pause_low = max(low, began.astimezone(HUE))
                    pause_high = min(high, ended.astimezone(HUE) if ended is not None else high)
                    if pause_high > pause_low:
                        total -= pause_high - pause_low
            day += DAY
        return total / DAY
