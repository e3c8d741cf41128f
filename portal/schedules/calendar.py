"""The leaders' schedule as iCalendar (RFC 5545), for calendar applications to subscribe to."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .selectors import calendar_entries

DEFAULT_LENGTH = dt.timedelta(hours=1)


def build_calendar(entries, *, name: str, host: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Cong thong tin dien tu//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for entry in entries:
        start = dt.datetime.combine(entry.day, entry.start_time, tzinfo=zone)
        end = dt.datetime.combine(entry.day, entry.end_time, tzinfo=zone) if entry.end_time else start + DEFAULT_LENGTH
        event = Event()
        event.add("uid", f"schedule-entry-{entry.pk}@{host}")
        event.add("dtstamp", entry.page.last_published_at or start)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", entry.content)
        event.add("location", entry.place)
        details = [
            _("Chaired by: %(names)s") % {"names": entry.chair},
            _("Attended by: %(names)s") % {"names": entry.attendees} if entry.attendees else "",
            _("Prepared by: %(names)s") % {"names": entry.preparation} if entry.preparation else "",
        ]
        event.add("description", "\n".join(part for part in details if part))
        calendar.add_component(event)
    return calendar.to_ical()


def schedule_calendar_response(request, *, index=None, schedule=None) -> HttpResponse:
    page = schedule or index
    body = build_calendar(
        calendar_entries(index=index, schedule=schedule), name=page.title, host=request.get_host().split(":")[0]
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, f"{slugify(page.slug) or 'lich'}.ics")
    return response
