"""Reads of applications: on-time rates, what prefills a new form, the work queue's deadline lights, figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core import deadlines
from portal.procedures.selectors import OnTime

from .models import Applicant, Application, Upload


def _of(agency_id: int | None):
    """Applications filed with one agency, or with every agency (None: the installation's)."""
    applications = Application.objects.all()
    return applications.filter(agency_id=agency_id) if agency_id is not None else applications


def _decided(since: dt.datetime | None = None, until: dt.datetime | None = None, agency_id: int | None = None):
    decided = _of(agency_id).filter(closed_at__isnull=False, due_at__isnull=False)
    if since is not None:
        decided = decided.filter(closed_at__gte=since)
    if until is not None:
        decided = decided.filter(closed_at__lt=until)
    return decided


def on_time_by_procedure(
    *, since: dt.datetime | None = None, until=None, procedure_ids=None, agency_id: int | None = None
) -> dict[int, OnTime]:
    """{procedure id: OnTime} of the applications closed (result issued or refused) in the period, of
    `agency_id` when given; one query."""
    decided = _decided(since, until, agency_id)
    if procedure_ids is not None:
        decided = decided.filter(procedure_id__in=procedure_ids)
    rows = decided.values("procedure_id").annotate(
        finished=Count("pk"), on_time=Count("pk", filter=Q(closed_at__lte=F("due_at")))
    )
    return {row["procedure_id"]: OnTime(finished=row["finished"], on_time=row["on_time"]) for row in rows}


# --- Prefilling ---------------------------------------------------------------------------------

APPLICANT_FIELDS = ("applicant_kind", "applicant_name", "email", "phone", "address")


@dataclass(frozen=True)
class Prefill:
    initial: dict
    reusable: dict[str, Upload]  # document key -> the latest file already submitted under that key
    source: Application | None


def prefill_from(applications) -> Prefill:
    """What the applicant gave before: the newest answer to each key and the newest file of each document."""
    applications = list(applications.exclude(status=Application.DRAFT).order_by("-submitted_at")[:10])
    if not applications:
        return Prefill(initial={}, reusable={}, source=None)
    initial: dict = {}
    for application in reversed(applications):  # newest last, so it wins
        for name in APPLICANT_FIELDS:
            if getattr(application, name):
                initial[name] = getattr(application, name)
        for key, value in application.answers.items():
            if value not in ("", None):
                initial[f"f_{key}"] = value
    reusable: dict[str, Upload] = {}
    for upload in Upload.objects.filter(application__in=applications).order_by("uploaded_at", "pk"):
        reusable[upload.document_key] = upload  # newest wins
    return Prefill(initial=initial, reusable=reusable, source=applications[0])


def prefill_for_applicant(applicant: Applicant | None) -> Prefill:
    if applicant is None:
        return Prefill(initial={"applicant_kind": Application.ORGANISATION}, reusable={}, source=None)
    prefill = prefill_from(Application.objects.filter(applicant=applicant))
    prefill.initial.setdefault("email", applicant.email)
    prefill.initial.setdefault("applicant_kind", Application.ORGANISATION)
    return prefill


def prefill_for_application(application: Application) -> Prefill:
    """Applying again from a tracking link: what that application gave (its secret was shown)."""
    return prefill_from(Application.objects.filter(pk=application.pk))


# --- Work queue ---------------------------------------------------------------------------------

GREEN, AMBER, RED, PAUSED, NONE = (
    deadlines.ON_TIME,
    deadlines.DUE_SOON,
    deadlines.OVERDUE,
    deadlines.PAUSED,
    deadlines.NOT_STARTED,
)
DONE, DONE_LATE = deadlines.DONE_ON_TIME, deadlines.DONE_LATE
LIGHT_LABELS = {
    GREEN: pgettext_lazy("application deadline", "On time"),
    AMBER: pgettext_lazy("application deadline", "Due soon"),
    RED: pgettext_lazy("application deadline", "Overdue"),
    PAUSED: pgettext_lazy("application deadline", "Clock paused"),
    NONE: pgettext_lazy("application deadline", "Not received yet"),
    DONE: pgettext_lazy("application deadline", "Done on time"),
    DONE_LATE: pgettext_lazy("application deadline", "Done late"),
}


def supplement_pauses(application: Application) -> tuple[deadlines.Pause, ...]:
    """The times the clock stood still for the applicant: each supplement asked for once the time limit had
    started, until it was supplied (the one still awaited runs from `paused_at`)."""
    if application.received_at is None:
        return ()
    pauses = [
        (asked, supplied)
        for asked, supplied in application.supplement_requests.filter(
            requested_at__gte=application.received_at, supplied_at__isnull=False
        ).values_list("requested_at", "supplied_at")
        if application.paused_at is None or supplied <= application.paused_at
    ]
    if application.paused_at is not None:
        pauses.append((application.paused_at, None))
    return tuple(pauses)


def clock_of(application: Application, *, pauses: tuple[deadlines.Pause, ...] | None = None) -> deadlines.Deadline:
    """A received application's clock: the procedure's processing days from reception, pauses for supplements
    left out. Amber in the last working day or fifth of the time."""
    return deadlines.Deadline(
        start=application.received_at,
        days=application.version.processing_days,
        pauses=supplement_pauses(application) if pauses is None else pauses,
        due_soon_days=max(1.0, application.version.processing_days / 5),
    )


def deadline_light(application: Application, now: dt.datetime | None = None) -> str:
    """Done (on time or late), paused for a supplement, not received yet, or running: green in the
    first part of the time, amber in the last working day or fifth, red past the due date."""
    closed_at = (application.closed_at or application.updated_at) if application.is_closed else None
    return deadlines.deadline_state(
        started_at=application.received_at,
        due_at=application.due_at,
        paused_at=application.paused_at,
        closed_at=closed_at,
        now=now,
        due_soon_days=max(1.0, application.version.processing_days / 5),
    )


def timeline(application: Application, *, public: bool):
    events = application.events.select_related("user").order_by("at", "pk")
    return [event for event in events if event.is_public] if public else list(events)


def documents_by_key(application: Application) -> list[tuple[object, list[Upload]]]:
    """[(required document, its uploads)] in the version's order, then uploads under unknown keys."""
    uploads = list(application.uploads.all())
    rows = []
    known = set()
    for document in application.version.required_documents.all():
        known.add(document.key)
        rows.append((document, [u for u in uploads if u.document_key == document.key]))
    extra = [u for u in uploads if u.document_key not in known]
    if extra:
        rows.append((None, extra))
    return rows


def answers_for_display(application: Application) -> list[tuple[str, str]]:
    """[(label, value)] of the answers in the form's order, as the applicant entered them."""
    from django.utils.formats import date_format

    rows = []
    for form_field in application.version.form_fields.all():
        if form_field.name not in application.answers:
            continue
        value = application.answers[form_field.name]
        if form_field.kind == "checkbox":
            value = _("Yes") if value else _("No")
        elif form_field.kind == "date" and value:
            try:
                value = date_format(dt.date.fromisoformat(value), "d/m/Y")
            except ValueError:
                pass
        elif form_field.kind == "choice":
            value = dict(form_field.choice_pairs()).get(value, value)
        rows.append((form_field.label, "" if value is None else str(value)))
    return rows


# --- Figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    received: int
    on_time: int
    late: int
    open_overdue: int
    by_procedure: list[tuple[object, int, OnTime]]  # (procedure, received, OnTime)
    by_level: dict[int, int]  # legacy level -> received


def period_figures(*, start: dt.date, end: dt.date, agency_id: int | None = None) -> PeriodFigures:
    """The applications received and decided in the days `start` to `end`, of `agency_id` when given."""
    from portal.procedures.models import Procedure

    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    submitted = _of(agency_id).filter(submitted_at__gte=since, submitted_at__lt=until)
    # One grouped query for both counts (by procedure, by level): the same applications read once.
    received_by_procedure: dict[int, int] = defaultdict(int)
    by_level: dict[int, int] = defaultdict(int)
    rows = submitted.order_by().values_list("procedure_id", "version__legacy_level").annotate(n=Count("pk"))
    for procedure_id, level, number in rows:
        received_by_procedure[procedure_id] += number
        by_level[level] += number
    decided = on_time_by_procedure(since=since, until=until, agency_id=agency_id)
    open_overdue = (
        _of(agency_id)
        .filter(closed_at__isnull=True, paused_at__isnull=True, due_at__lt=min(until, timezone.now()))
        .count()
    )
    ids = set(received_by_procedure) | set(decided)
    procedures = Procedure.objects.filter(pk__in=ids).order_by("code")
    rows = [(p, received_by_procedure.get(p.pk, 0), decided.get(p.pk, OnTime())) for p in procedures]
    return PeriodFigures(
        received=sum(received_by_procedure.values()),
        on_time=sum(r.on_time for r in decided.values()),
        late=sum(r.late for r in decided.values()),
        open_overdue=open_overdue,
        by_procedure=rows,
        by_level=dict(by_level),
    )
