"""Synthetic applications, by the thousand, for an agency's procedures over the years (generate_dataset).

Written in bulk with the fields the demo's applications get one by one (portal/demo/applications.py):
an applicant, answers, the fee the version asks for them, a receipt number from the agency's own
counter (its prefix, the day, the next number; the counters moved on, so that the next real receipt
of that day follows), the due date on the working-day calendar from reception, and each step on the
timeline (submitted, paid, received, approved or refused, result issued). Most are closed, about one
in eight after its due date; the newest are still waiting or being processed, some of them past due.
Fees are paid online (a confirmed payment) for nine in ten of those that have one.

No mail goes out, no audit entry and no file is written: a synthetic result has no PDF to download.
An agency with no procedure gets the demo's catalogue (without its form templates), handled by its
own units, so that every agency of a benchmark has applications.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.applications.models import Application, ApplicationEvent, ReceiptCounter
from portal.applications.services import receipt_prefix
from portal.core.deadlines import Deadline
from portal.core.models import AgencySettings
from portal.core.workdays import add_working_days
from portal.demo.applications import DEMO_APPLICATIONS, demo_application
from portal.payments.models import Payment
from portal.procedures.models import Procedure, ProcedureField, ProcedureVersion
from portal.units.models import Unit

LATE_SHARE = 0.12  # decided after the due date
REFUSED_SHARE = 0.05
PAID_SHARE = 0.9  # of those with a fee
EMAIL_DOMAIN = "tai-thu.invalid"  # the benchmark's addresses, as bench/load.py's
APPLICANTS = [
    (Application.ORGANISATION, "Công ty TNHH {name}"),
    (Application.ORGANISATION, "Công ty Cổ phần {name}"),
    (Application.CITIZEN, "{person}"),
]
COMPANY_NAMES = ["Hương Giang", "Sông Hương", "Phú Xuân", "Thuận Hóa", "Kim Long", "Vĩ Dạ", "An Cựu", "Bạch Mã"]
PEOPLE = ["Nguyễn Văn Bình", "Trần Thị Mai", "Lê Quang Vinh", "Phạm Thu Hà", "Hoàng Minh Tuấn", "Võ Thị Lan"]


@dataclass(frozen=True)
class Outcome:
    procedures: int  # created for an agency that had none
    applications: int
    late: int
    paid: int


def generate_applications(*, agency: AgencySettings, count: int, years: int, seed: int) -> Outcome:
    """Add `count` applications for `agency`'s procedures, submitted over the last `years` years."""
    procedures = _ensure_procedures(agency)
    versions = list(
        ProcedureVersion.objects.filter(procedure__agency=agency, effective_from__isnull=False)
        .exclude(status=ProcedureVersion.DRAFT)
        .select_related("procedure")
        .prefetch_related("fee_items")
        .order_by("procedure__code", "number")
    )
    if not versions or count < 1:
        return Outcome(procedures=procedures, applications=0, late=0, paid=0)
    rng = random.Random(f"{seed}-applications")
    now = timezone.now()
    span_seconds = int(years * 365.25 * 24 * 3600)
    answers_of = {code: answers for _suffix, code, *_rest, answers in DEMO_APPLICATIONS}
    planned = []
    for _number in range(count):
        submitted_at = now - dt.timedelta(seconds=rng.randrange(span_seconds))
        version = _version_in_effect(rng.choice(versions), versions, timezone.localdate(submitted_at))
        planned.append(_planned(rng, version, submitted_at, now, answers_of.get(version.procedure.code, {})))
    planned.sort(key=lambda plan: plan.application.submitted_at)
    with transaction.atomic():
        _number_receipts(agency, [plan.application for plan in planned])
        for plan in planned:
            if plan.application.status == Application.RESULT_ISSUED:  # the name the service gives, no file
                plan.application.result_name = f"ket-qua-{plan.application.receipt_number}.pdf"
        applications = Application.objects.bulk_create([plan.application for plan in planned], batch_size=1000)
        for plan in planned:  # auto_now(_add) set them to now: back-dated, as the demo's are
            plan.application.created_at = plan.application.submitted_at
            plan.application.updated_at = plan.updated_at
        Application.objects.bulk_update(applications, ["created_at", "updated_at"], batch_size=500)
        events = [
            ApplicationEvent(application=plan.application, kind=kind, by_applicant=kind == ApplicationEvent.SUBMITTED)
            for plan in planned
            for kind, _at in plan.steps
        ]
        events = ApplicationEvent.objects.bulk_create(events, batch_size=1000)
        for event, at in zip(events, [at for plan in planned for _kind, at in plan.steps], strict=True):
            event.at = at
        ApplicationEvent.objects.bulk_update(events, ["at"], batch_size=500)
        Payment.objects.bulk_create([plan.payment for plan in planned if plan.payment], batch_size=1000)
    return Outcome(
        procedures=procedures,
        applications=len(planned),
        late=sum(plan.late for plan in planned),
        paid=sum(plan.payment is not None for plan in planned),
    )


@dataclass
class _Plan:
    application: Application
    steps: list[tuple[str, dt.datetime]]  # (event kind, when), in order
    updated_at: dt.datetime
    payment: Payment | None
    late: bool


def _planned(
    rng: random.Random, version: ProcedureVersion, submitted_at: dt.datetime, now: dt.datetime, answers: dict
) -> _Plan:
    kind, pattern = rng.choice(APPLICANTS)
    name = pattern.format(name=rng.choice(COMPANY_NAMES), person=rng.choice(PEOPLE))
    application = demo_application(
        version,
        name=name,
        kind=kind,
        email=f"hoso-{rng.getrandbits(40):010x}@{EMAIL_DOMAIN}",
        submitted_at=submitted_at,
        answers=answers,
    )
    application.agency_id = version.procedure.agency_id
    steps = [(ApplicationEvent.SUBMITTED, submitted_at)]
    payment = None
    if application.fee_amount and rng.random() < PAID_SHARE:
        application.paid_at = submitted_at + dt.timedelta(minutes=5)
        steps.append((ApplicationEvent.PAID, application.paid_at))
        payment = Payment(
            provider=settings.PAYMENTS_PROVIDER,
            reference=f"SYN{uuid.uuid4().hex[:20].upper()}",
            application=application,
            amount=application.fee_amount,
            description=f"Phí hồ sơ {name}"[:255],
            status=Payment.PAID,
            confirmed_at=application.paid_at,
        )
    received_at = add_working_days(submitted_at, rng.choice([0, 0, 1, 1, 2]))
    if received_at > now:  # not received yet
        return _Plan(application, steps, steps[-1][1], payment, late=False)
    application.received_at = received_at
    application.status = Application.IN_PROGRESS
    application.due_at = Deadline(start=received_at, days=version.processing_days).due_at
    steps.append((ApplicationEvent.RECEIVED, received_at))
    late = rng.random() < LATE_SHARE
    if late:
        closed_at = add_working_days(application.due_at, rng.randint(1, 10))
    else:
        days = version.processing_days
        closed_at = add_working_days(received_at, rng.randint(max(1, days // 3), days)) - dt.timedelta(
            hours=rng.randint(1, 6)
        )
        closed_at = max(closed_at, received_at + dt.timedelta(hours=1))
    decided_at = max(received_at, closed_at - dt.timedelta(hours=rng.randint(2, 20)))
    if decided_at > now:  # still being processed (past its due date if it was to be late)
        return _Plan(application, steps, received_at, payment, late=False)
    application.decided_at = decided_at
    if rng.random() < REFUSED_SHARE:
        application.status, application.closed_at = Application.REFUSED, decided_at
        application.decision_note = "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan."
        steps.append((ApplicationEvent.REFUSED, decided_at))
        return _Plan(application, steps, decided_at, payment, late=decided_at > application.due_at)
    steps.append((ApplicationEvent.APPROVED, decided_at))
    if closed_at > now or application.amount_due:  # the result waits (for the fee, if unpaid)
        application.status = Application.APPROVED
        return _Plan(application, steps, decided_at, payment, late=False)
    application.status, application.closed_at = Application.RESULT_ISSUED, closed_at
    steps.append((ApplicationEvent.RESULT_ISSUED, closed_at))
    return _Plan(application, steps, closed_at, payment, late=closed_at > application.due_at)


def _version_in_effect(chosen: ProcedureVersion, versions: list[ProcedureVersion], day: dt.date) -> ProcedureVersion:
    """The version of `chosen`'s procedure in effect on `day`; its earliest if none was yet."""
    own = [version for version in versions if version.procedure_id == chosen.procedure_id]
    for version in own:
        if version.effective_from <= day and (version.retired_on is None or day < version.retired_on):
            return version
    return own[0]


def _number_receipts(agency: AgencySettings, applications: list[Application]) -> None:
    """Each application's receipt number from the agency's counter of its day, as `_submit` takes them
    (submitted in order), and the counters moved on past them."""
    prefix = receipt_prefix(agency)
    by_day: dict[dt.date, list[Application]] = defaultdict(list)
    for application in applications:
        by_day[timezone.localdate(application.submitted_at)].append(application)
    counters = dict(ReceiptCounter.objects.filter(agency=agency, day__in=list(by_day)).values_list("day", "last"))
    for day, of_day in by_day.items():
        last = counters.get(day, 0)
        for application in of_day:
            last += 1
            application.receipt_number = f"{prefix}-{day:%y%m%d}-{last:04d}"
        counters[day] = last
    ReceiptCounter.objects.bulk_create(
        [ReceiptCounter(agency=agency, day=day, last=counters[day]) for day in by_day],
        update_conflicts=True,
        unique_fields=["agency", "day"],
        update_fields=["last"],
    )


def _ensure_procedures(agency: AgencySettings) -> int:
    """The demo's catalogue for an agency that has no procedure: each handled by the agency's unit of
    the same code, or its first; returns how many were created."""
    from portal.demo.procedures import FIELDS, PROCEDURES, _create_version

    if Procedure.objects.filter(agency=agency).exists():
        return 0
    units = {unit.code: unit for unit in Unit.objects.filter(agency=agency).order_by("pk")}
    if not units:
        return 0
    fields = {}
    for order, (code, name_vi, name_en) in enumerate(FIELDS):
        fields[code], _created = ProcedureField.objects.get_or_create(
            code=code, defaults={"name_vi": name_vi, "name_en": name_en, "sort_order": order}
        )
    first_unit = next(iter(units.values()))
    with transaction.atomic():
        for data in PROCEDURES:
            procedure = Procedure.objects.create(
                code=data["code"],
                slug=data["slug"],
                field=fields[data["field"]],
                unit=units.get(data["unit"], first_unit),
                sort_order=data["order"],
            )
            for version in data["versions"]:
                documents = [{**document, "template": False} for document in version["documents"]]
                _create_version(procedure, {**version, "documents": documents})
    return len(PROCEDURES)
