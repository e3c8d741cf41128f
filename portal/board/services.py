"""Writes of the board's work."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from wagtail.log_actions import log

from .agenda import dashboard_agenda
from .models import AgendaItem, Meeting

DRAW_AGENDA_ACTION = "board.draw_agenda"


def can_change_meeting(user) -> bool:
    return user.has_perm("board.change_meeting")


def can_view_meeting(user) -> bool:
    return user.has_perm("board.view_meeting") or can_change_meeting(user)


@transaction.atomic
def meeting_draw_agenda(*, meeting: Meeting, user, today: dt.date | None = None) -> list[AgendaItem]:
    """Put the agenda the dashboard calls for at the top of `meeting`'s agenda.

    Items drawn before are replaced (the figures move on); the items people wrote stay, after
    the drawn ones, in their order. Returns the new drawn items.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    drawn = dashboard_agenda(meeting.plan, today=today)
    meeting.agenda_items.filter(drawn=True).delete()
    written = list(meeting.agenda_items.order_by("sort_order", "pk"))
    for position, item in enumerate(written, start=len(drawn)):
        item.sort_order = position
    AgendaItem.objects.bulk_update(written, ["sort_order"])
    created = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, sort_order=position, title=item.title[:300], details=item.details, drawn=True)
        for position, item in enumerate(drawn)
    )
    log(instance=meeting, action=DRAW_AGENDA_ACTION, user=user, data={"items": len(created)})
    return created
