"""Reads of the board's work: training figures for the report and the dashboard, a person's training record."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.figures import Figure, FigureSection
from portal.planning.selectors import quarter_bounds

from .models import TrainingCourse, TrainingParticipant


def training_section(*, start: dt.date, end: dt.date, agency=None) -> FigureSection:
    """News-writing training from `start` to `end` inclusive (the figures registry's provider): the
    courses begun in those days, the people registered for them and the people who attended. Of
    `agency` when named: a course is the agency's whose plan it is held under."""
    courses = TrainingCourse.objects.filter(starts_on__range=(start, end))
    if agency is not None:
        courses = courses.filter(plan__agency=agency)
    # One query for the three (they were three): the courses with their registrations joined.
    counts = courses.aggregate(
        held=Count("pk", distinct=True),
        registered=Count("participants__person", distinct=True),
        attended=Count("participants__person", distinct=True, filter=Q(participants__attended=True)),
    )
    return FigureSection(
        key="training",
        title=_("News-writing training"),
        figures=(
            Figure(label=_("Courses held"), value=counts["held"]),
            Figure(label=_("People registered"), value=counts["registered"]),
            Figure(label=_("People who attended"), value=counts["attended"]),
        ),
    )


def training_figures(plan, quarter: int, *, today: dt.date | None = None) -> FigureSection:
    """The training figures of one quarter of `plan`'s year, up to `today` when the quarter is not over."""
    start, end = quarter_bounds(plan.year, quarter)
    return training_section(start=start, end=min(end, today or timezone.localdate()), agency=plan.agency)


def training_record(user) -> list[TrainingParticipant]:
    """The courses `user` was registered for, latest first, with whether they attended."""
    return list(
        TrainingParticipant.objects.filter(person=user)
        .select_related("course__plan")
        .order_by("-course__starts_on", "course__title")
    )
