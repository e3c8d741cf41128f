"""The review queue: what is waiting, with whom, for how long, against the deadline."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState

from portal.core import deadlines

from .models import category_of
from .notifications import reviewers_of

GREEN, AMBER, RED = deadlines.ON_TIME, deadlines.DUE_SOON, deadlines.OVERDUE
LIGHT_LABELS = {GREEN: _("On time"), AMBER: _("Due soon"), RED: _("Overdue")}


@dataclass(frozen=True)
class QueueEntry:
    page: Page
    category: Page | None
    task_name: str
    holders: list
    submitted_at: dt.datetime
    waited_days: float
    allowed_days: int
    light: str

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


# The plan's default time for a review step (Appendix I: one working day), until the annual plan gives
# each category its rule. Not a setting: the plan is where the agency changes a time allowed.
REVIEW_WORKING_DAYS = 1


def review_queue(*, now: dt.datetime | None = None, page: Page | None = None) -> list[QueueEntry]:
    """Every page in review (or just `page`), longest waiting first: green in the first half of the
    allowed time, amber in the second half, red past the due time (the deadline clock's light)."""
    now = now or timezone.now()
    allowed = REVIEW_WORKING_DAYS
    states = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "workflow_state")
        .order_by("started_at")
    )
    if page is not None:
        states = states.filter(workflow_state__object_id=str(page.pk))
    entries = []
    for state in states:
        page = state.workflow_state.content_object
        if not isinstance(page, Page):
            continue
        # The wait at the current step: each holder answers for their own time.
        clock = deadlines.Deadline(start=state.started_at, days=allowed)
        entries.append(
            QueueEntry(
                page=page.specific,
                category=category_of(page),
                task_name=state.task.name,
                holders=list(reviewers_of(state.task, page)),
                submitted_at=state.started_at,
                waited_days=round(clock.working_days_waited(now), 1),
                allowed_days=allowed,
                light=clock.light(now),
            )
        )
    return entries


def queue_entry_for(page: Page) -> QueueEntry | None:
    return next(iter(review_queue(page=page)), None)
