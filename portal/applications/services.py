"""Every change to an application: saved, submitted, received, supplemented, decided, paid, its result issued.

Each function is one transaction that locks the application's row, checks who may do it and from
which state, writes the step (ApplicationEvent, for the applicant and staff) and Wagtail's audit
log (attributed to the staff member, or marked as the applicant's), and sends its e-mails only
once the transaction has committed. Files written to storage during a transaction that fails are
removed again, so a crash or a refusal leaves no half-made application and no stray file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.core.models import AgencySettings
from portal.procedures.models import ProcedureVersion

from . import guards, notifications, permissions, selectors
from .models import (
    Applicant,
    Application,
    ApplicationEvent,
    ReceiptCounter,
    SupplementRequest,
    Upload,
    private_storage,
)
from .uploads import CheckedFile


class ApplicationError(Exception):
    """A step the rules refuse; the message says why, in the user's language."""


class ApplicationRefused(ApplicationError):
    """Refused by a limit on one address (too many drafts, submissions or stored files): HTTP 429."""

    status = 429


# --- Applicant side ---------------------------------------------------------------------------


@dataclass
class ApplicationInput:
    """What the form gave: who applies, the answers, and the documents."""

    applicant_kind: str
    applicant_name: str
    email: str
    phone: str = ""
    address: str = ""
    answers: dict = field(default_factory=dict)
    new_files: dict[str, list[CheckedFile]] = field(default_factory=dict)
    remove_upload_ids: list[int] = field(default_factory=list)
    reuse_uploads: list[Upload] = field(default_factory=list)


@dataclass
class SaveResult:
    application: Application
    created: bool
    already_submitted: bool = False
    mailed: bool = True  # False when the receipt was not e-mailed (too many e-mails to an unconfirmed address)


class _StoredFiles:
    """Names written to private storage in this attempt, deleted again if it does not commit.

    `watch()` is called first thing in the transaction: once it has committed, the files belong to
    its rows, and an error after the commit (a failing e-mail, the database going away before
    the after-commit work) must not delete them.
    """

    def __init__(self):
        self.names: list[str] = []

    def watch(self) -> None:
        transaction.on_commit(self.names.clear)  # runs before the callbacks registered after it

    def save(self, upload_to: str, data: bytes, extension: str) -> str:
        name = private_storage.save(f"{upload_to}{uuid.uuid4().hex}.{extension}", ContentFile(data))
        self.names.append(name)
        return name

    def discard(self) -> None:
        for name in self.names:
            with contextlib.suppress(OSError):
                private_storage.delete(name)


def application_save(
    *,
    version: ProcedureVersion,
    idempotency_key: uuid.UUID,
    data: ApplicationInput,
    applicant: Applicant | None,
    language: str,
    submit: bool,
    address: str | None = None,
) -> SaveResult:
    """Save the draft under `idempotency_key` and, if `submit`, submit it: all of it or none of it.

    The same key submitted twice (a double click, a retry after a lost answer) gives back the
    application already submitted instead of a second one. With the client's `address` (the
    public form), the limits on one address apply: new drafts and submissions per hour, the files
    kept in its drafts, and e-mails to an address the sender has not signed in with
    (ApplicationRefused, or the receipt not e-mailed: `mailed`).
    """
    stored = _StoredFiles()
    try:
        with transaction.atomic():
            stored.watch()
            result = _save(
                version=version,
                key=idempotency_key,
                data=data,
                applicant=applicant,
                language=language,
                submit=submit,
                stored=stored,
                address=address,
            )
    except IntegrityError:
        stored.discard()
        # Two requests with the same key raced: the other one won. Give back what it made.
        existing = Application.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return SaveResult(existing, created=False, already_submitted=existing.status != Application.DRAFT)
    except BaseException:
        stored.discard()
        raise
    return result


def _save(
    *, version, key, data: ApplicationInput, applicant, language, submit, stored: _StoredFiles, address
) -> SaveResult:
    application = Application.objects.select_for_update().filter(idempotency_key=key).first()
    created = application is None
    if application is not None and application.status != Application.DRAFT:
        return SaveResult(application, created=False, already_submitted=True)
    if address is not None:
        _within_address_limits(address, created=created, submit=submit, data=data)
    if application is None:
        # Filed with the agency that handles the procedure: the agency of the site it was made on.
        application = Application(idempotency_key=key, language=language, agency_id=version.procedure.unit.agency_id)
        if address is not None:
            application.address_digest = guards.address_digest(address)
    application.procedure_id = version.procedure_id
    application.version = version
    application.applicant = applicant or application.applicant
    application.applicant_kind = data.applicant_kind
    application.applicant_name = data.applicant_name
    application.email = data.email.strip().lower()
    application.phone = data.phone
    application.address = data.address
    application.answers = data.answers
    application.language = language
    application.save()

    if data.remove_upload_ids:
        for upload in application.uploads.filter(pk__in=data.remove_upload_ids, supplement__isnull=True):
            transaction.on_commit(lambda name=upload.file.name: private_storage.delete(name))
            upload.delete()
    for key_, files in data.new_files.items():
        for checked in files:
            _add_upload(application, key_, checked, stored)
    for previous in data.reuse_uploads:
        with private_storage.open(previous.file.name, "rb") as handle:
            content = handle.read()
        if hashlib.sha256(content).hexdigest() != previous.sha256:
            continue  # the kept copy no longer matches what was checked: ask for the file again
        reused = CheckedFile(
            kind=previous.kind, data=content, sha256=previous.sha256, original_name=previous.original_name
        )
        _add_upload(application, previous.document_key, reused, stored)

    mailed = True
    if submit:
        mailed = address is None or _may_mail(application.email, address=address, applicant=applicant)
        _submit(application, version, mail_applicant=mailed)
    return SaveResult(application, created=created, mailed=mailed)


def _within_address_limits(address: str, *, created: bool, submit: bool, data: ApplicationInput) -> None:
    """Refuse what one address may not do again so soon, before anything is written."""
    if submit and not guards.submission_slot_reserved(address):
        raise ApplicationRefused(
            _(
                "Too many applications have been submitted from your connection in the last hour, so this one "
                "was not accepted. Your entries are kept below: please submit again in an hour."
            )
        )
    if created and not submit and not guards.draft_slot_reserved(address):
        raise ApplicationRefused(
            _(
                "Too many drafts have been saved from your connection in the last hour, so this one was not "
                "saved. Your entries are kept below: please try again in an hour."
            )
        )
    new_sizes = [checked.size for files in data.new_files.values() for checked in files]
    new_sizes += [upload.size for upload in data.reuse_uploads]
    if submit or not new_sizes:
        return
    since = timezone.now() - dt.timedelta(days=guards.get("APPLICATIONS_DRAFT_FILES_DAYS"))
    kept = (
        Upload.objects.filter(
            application__address_digest=guards.address_digest(address),
            application__status=Application.DRAFT,
            application__updated_at__gte=since,
        )
        .exclude(pk__in=data.remove_upload_ids)
        .aggregate(files=Count("pk"), size=Sum("size"))
    )
    files = (kept["files"] or 0) + len(new_sizes)
    size = (kept["size"] or 0) + sum(new_sizes)
    if files > guards.get("APPLICATIONS_DRAFT_FILES_PER_ADDRESS") or size > guards.get(
        "APPLICATIONS_DRAFT_BYTES_PER_ADDRESS"
    ):
        raise ApplicationRefused(
            _(
                "The drafts saved from your connection already hold as many files as we keep, so these files "
                "were not saved. Submit or finish your other drafts, or remove files you no longer need."
            )
        )


def _may_mail(email: str, *, address: str, applicant: Applicant | None) -> bool:
    """E-mails to an address the sender signed in with are theirs; any other address gets a limited number."""
    if applicant is not None and applicant.email == email.strip().lower():
        return True
    return guards.unconfirmed_mail_allowed(email, address)


def _add_upload(
    application: Application, document_key: str, checked: CheckedFile, stored: _StoredFiles, supplement=None
):
    name = stored.save("uploads/", checked.data, checked.extension)
    return Upload.objects.create(
        application=application,
        document_key=document_key,
        file=name,
        original_name=checked.original_name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        supplement=supplement,
    )


def draft_link_sent(
    application: Application, *, address: str | None = None, applicant: Applicant | None = None
) -> bool:
    """The applicant gets the link back to a new draft, unless too many e-mails went to that
    address unconfirmed (the page they are on then holds the only link). True if sent."""
    if address is not None and not _may_mail(application.email, address=address, applicant=applicant):
        return False
    notifications.to_applicant(application, "draft_saved")
    return True


def missing_documents(application: Application, version: ProcedureVersion) -> list:
    present = set(application.uploads.values_list("document_key", flat=True))
    return [
        document for document in version.required_documents.all() if document.required and document.key not in present
    ]


def _submit(application: Application, version: ProcedureVersion, *, mail_applicant: bool = True) -> None:
    missing = missing_documents(application, version)
    if missing:
        raise ApplicationError(
            _("These documents are still missing: %(names)s.") % {"names": "; ".join(d.name for d in missing)}
        )
    if application.uploads.count() > settings.APPLICATIONS_MAX_FILES:
        raise ApplicationError(
            _("An application holds at most %(count)d files.") % {"count": settings.APPLICATIONS_MAX_FILES}
        )
    now = timezone.now()
    application.status = Application.SUBMITTED
    application.submitted_at = now
    application.receipt_number = _next_receipt_number(now, application.agency)
    application.fee_amount = version.fee_for(application.answers)
    application.save()
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.SUBMITTED, by_applicant=True)
    log(application, "applications.submit", user=None, data=_applicant_actor(application))
    # Robust: the application is submitted once committed; a failing e-mail is logged, not shown as an error.
    transaction.on_commit(lambda: _after_submit(application.pk, mail_applicant), robust=True)


def _after_submit(pk: int, mail_applicant: bool = True) -> None:
    application = Application.objects.select_related("version", "procedure").get(pk=pk)
    if mail_applicant:
        notifications.to_applicant(application, "receipt")
    officers = permissions.unit_staff(application.procedure.unit_id, permissions.HANDLE)
    notifications.to_staff(officers, application, "new_application")


def receipt_prefix(agency: AgencySettings) -> str:
    """What a receipt number starts with: the installation's prefix on the default site's agency (as it
    always was), another agency's own symbol, so that a receipt says whose it is."""
    if agency.site.is_default_site or not (agency.symbol or agency.code):
        return settings.APPLICATIONS_RECEIPT_PREFIX
    return slugify(agency.symbol or agency.code).upper()


def _next_receipt_number(now: dt.datetime, agency: AgencySettings) -> str:
    day = timezone.localdate(now)
    # Each agency counts its own day (its prefix is its own); the row is locked while the next is taken.
    ReceiptCounter.objects.get_or_create(agency=agency, day=day)
    counter = ReceiptCounter.objects.select_for_update().get(agency=agency, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{receipt_prefix(agency)}-{day:%y%m%d}-{counter.last:04d}"


def _applicant_actor(application: Application) -> dict:
    return {"by": "applicant", "email": application.email, "receipt_number": application.receipt_number or ""}


def application_supply(*, application: Application, files: dict[str, list[CheckedFile]], reply: str) -> Application:
    """The applicant answers a supplement request; the clock starts again, longer by the working days it waited."""
    if not any(files.values()) and not reply.strip():
        raise ApplicationError(_("Upload the documents asked for or write a reply."))
    stored = _StoredFiles()
    try:
        with transaction.atomic():
            stored.watch()
            application = _locked(application)
            if application.status != Application.SUPPLEMENT_REQUESTED:
                raise ApplicationError(_("No supplement is being asked for on this application."))
            request = application.supplement_requests.filter(supplied_at__isnull=True).first()
            now = timezone.now()
            for key, checked_files in files.items():
                for checked in checked_files:
                    _add_upload(application, key, checked, stored, supplement=request)
            if application.uploads.count() > settings.APPLICATIONS_MAX_FILES:
                raise ApplicationError(
                    _("An application holds at most %(count)d files.") % {"count": settings.APPLICATIONS_MAX_FILES}
                )
            if request is not None:
                request.supplied_at, request.reply = now, reply.strip()
                request.save(update_fields=["supplied_at", "reply"])
            extension = _resume_clock(application, now)
            application.status = Application.IN_PROGRESS if application.received_at else Application.SUBMITTED
            application.save()
            ApplicationEvent.objects.create(
                application=application,
                kind=ApplicationEvent.SUPPLEMENT_SUPPLIED,
                by_applicant=True,
                note=reply.strip(),
            )
            log(
                application,
                "applications.supply",
                user=None,
                data={**_applicant_actor(application), "extended_days": extension},
            )
            transaction.on_commit(lambda: _notify_officers(application.pk, "supplement_supplied"), robust=True)
    except BaseException:
        stored.discard()
        raise
    return application


def _resume_clock(application: Application, now: dt.datetime) -> int:
    """End a pause: the due date moves by the working days the application waited for the applicant
    (the deadline clock counts them). Returns how many."""
    if application.paused_at is None:
        return 0
    pauses = selectors.supplement_pauses(application)
    earlier = selectors.clock_of(application, pauses=pauses[:-1])
    clock = selectors.clock_of(application, pauses=(*pauses[:-1], (application.paused_at, now)))
    application.due_at = clock.due_at
    application.paused_at = None
    return clock.paused_days - earlier.paused_days


def _notify_officers(pk: int, event: str) -> None:
    application = Application.objects.select_related("version", "procedure").get(pk=pk)
    notifications.to_staff(
        permissions.unit_staff(application.procedure.unit_id, permissions.HANDLE), application, event
    )


# --- Staff side -------------------------------------------------------------------------------


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("version", "procedure").get(pk=application.pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You do not handle the applications of this unit."))


def _require_status(application: Application, allowed: Iterable[str]) -> None:
    if application.status not in allowed:
        raise ApplicationError(
            _("This cannot be done while the application is “%(status)s”.")
            % {"status": application.get_status_display()}
        )


def _step(application: Application, kind: str, user, action: str, note: str = "", **data) -> None:
    ApplicationEvent.objects.create(application=application, kind=kind, user=user, note=note)
    log(application, action, user=user, data={"receipt_number": application.receipt_number, "note": note, **data})


def application_receive(*, application: Application, user, note: str = "") -> Application:
    """A complete application is received: the time limit starts, counted in working days."""
    with transaction.atomic():
        application = _locked(application)
        _require(permissions.can_handle(user, application))
        _require_status(application, [Application.SUBMITTED])
        now = timezone.now()
        application.received_at = now
        application.due_at = selectors.clock_of(application, pauses=()).due_at
        application.status = Application.IN_PROGRESS
        application.save()
        _step(
            application,
            ApplicationEvent.RECEIVED,
            user,
            "applications.receive",
            note,
            due_at=application.due_at.isoformat(),
        )
        transaction.on_commit(lambda: notifications.to_applicant(_fresh(application), "received"))
    return application


def application_request_supplement(
    *, application: Application, user, message: str, document_keys: list[str]
) -> Application:
    """Ask the applicant for more; if the time limit has started, the clock is paused until they answer."""
    if not message.strip():
        raise ApplicationError(_("Say what is missing."))
    with transaction.atomic():
        application = _locked(application)
        _require(permissions.can_handle(user, application))
        _require_status(application, [Application.SUBMITTED, Application.IN_PROGRESS, Application.AWAITING_DECISION])
        known = {document.key for document in application.version.required_documents.all()}
        keys = [key for key in document_keys if key in known]
        SupplementRequest.objects.create(
            application=application, message=message.strip(), document_keys=keys, requested_by=user
        )
        if application.received_at is not None:
            application.paused_at = timezone.now()
        application.status = Application.SUPPLEMENT_REQUESTED
        application.save()
        _step(
            application,
            ApplicationEvent.SUPPLEMENT_REQUESTED,
            user,
            "applications.request_supplement",
            message.strip(),
            documents=keys,
        )
        transaction.on_commit(
            lambda: notifications.to_applicant(_fresh(application), "supplement_requested", message=message.strip())
        )
    return application


def application_propose(*, application: Application, user, note: str) -> Application:
    """The officer has processed the application and puts it before the unit's leader."""
    with transaction.atomic():
        application = _locked(application)
        _require(permissions.can_handle(user, application))
        _require_status(application, [Application.IN_PROGRESS])
        application.status = Application.AWAITING_DECISION
        application.save()
        _step(application, ApplicationEvent.PROPOSED, user, "applications.propose", note.strip())
        transaction.on_commit(
            lambda: notifications.to_staff(
                permissions.unit_staff(application.procedure.unit_id, permissions.DECIDE),
                _fresh(application),
                "decision_requested",
                note=note.strip(),
            )
        )
    return application


def application_decide(*, application: Application, user, approve: bool, note: str) -> Application:
    """The leader approves, or refuses with the reasons the applicant will read."""
    if not approve and not note.strip():
        raise ApplicationError(_("Give the reasons for the refusal: the applicant will read them."))
    with transaction.atomic():
        application = _locked(application)
        _require(permissions.can_decide(user, application))
        allowed = [Application.IN_PROGRESS, Application.AWAITING_DECISION]
        if not approve:
            allowed.append(Application.SUBMITTED)  # refused at reception: outside the agency's remit
        _require_status(application, allowed)
        now = timezone.now()
        application.decided_at = now
        application.decision_note = note.strip()
        if approve:
            application.status = Application.APPROVED
            _step(application, ApplicationEvent.APPROVED, user, "applications.approve", note.strip())
        else:
            application.status = Application.REFUSED
            application.closed_at = now
            _step(application, ApplicationEvent.REFUSED, user, "applications.refuse", note.strip())
        application.save()
        event = "approved" if approve else "refused"
        transaction.on_commit(lambda: notifications.to_applicant(_fresh(application), event))
        if approve:
            transaction.on_commit(lambda: _notify_officers(application.pk, "approved_staff"))
    return application


def application_issue_result(*, application: Application, user, pdf: bytes, file_name: str) -> Application:
    """Deliver the result (a PDF) through the tracking link, with its SHA-256 for the applicant to check."""
    if not pdf.startswith(b"%PDF-"):
        raise ApplicationError(_("The result must be a PDF file."))
    stored = _StoredFiles()
    try:
        with transaction.atomic():
            stored.watch()
            application = _locked(application)
            _require(permissions.can_handle(user, application))
            _require_status(application, [Application.APPROVED])
            if application.amount_due:
                raise ApplicationError(_("The fee has not been paid yet: the result is issued once it is."))
            digest = hashlib.sha256(pdf).hexdigest()
            application.result_file = stored.save("results/", pdf, "pdf")
            application.result_name = file_name or f"ket-qua-{application.receipt_number}.pdf"
            application.result_sha256 = digest
            application.status = Application.RESULT_ISSUED
            application.closed_at = timezone.now()
            application.save()
            _step(application, ApplicationEvent.RESULT_ISSUED, user, "applications.issue_result", sha256=digest)
            transaction.on_commit(lambda: notifications.to_applicant(_fresh(application), "result_issued"))
    except BaseException:
        stored.discard()
        raise
    return application


def application_note(*, application: Application, user, note: str) -> None:
    if not note.strip():
        raise ApplicationError(_("Write the note."))
    with transaction.atomic():
        application = _locked(application)
        _require(permissions.can_view(user, application))
        _step(application, ApplicationEvent.NOTE, user, "applications.note", note.strip())


def application_mark_paid(*, application_id: int, amount: int, reference: str) -> None:
    """A verified payment confirmation: the fee is paid (called inside the payment's transaction)."""
    application = Application.objects.select_for_update().get(pk=application_id)
    if application.paid_at is not None:
        return
    application.paid_at = timezone.now()
    application.save(update_fields=["paid_at", "updated_at"])
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.PAID, note=reference)
    log(
        application,
        "applications.paid",
        user=None,
        data={"by": "payment provider", "reference": reference, "amount": amount},
    )
    transaction.on_commit(
        lambda: notifications.to_applicant(_fresh(application), "paid", amount=amount, reference=reference)
    )


def application_paid_twice(*, application_id: int, amount: int, reference: str) -> None:
    """A second payment of a fee already paid was confirmed: a step for the officer, who refunds it."""
    application = Application.objects.select_for_update().get(pk=application_id)
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.PAID_TWICE, note=reference)
    log(
        application,
        "applications.paid_twice",
        user=None,
        data={"by": "payment provider", "reference": reference, "amount": amount},
    )


def _fresh(application: Application) -> Application:
    return Application.objects.select_related("version", "procedure").get(pk=application.pk)


# --- Overdue alerts ---------------------------------------------------------------------------


def send_overdue_alerts(*, now: dt.datetime | None = None) -> int:
    """Once a day: each unit's officers and leaders get the list of their applications past the due date.

    An application is in the list on the first day it is late and every working day after, once a day.
    Returns how many e-mails went out.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    late = list(
        Application.objects.filter(
            due_at__lt=now, received_at__isnull=False, paused_at__isnull=True, closed_at__isnull=True
        )
        .exclude(overdue_alerted_on=today)
        .select_related("procedure", "version")
        .order_by("due_at")
    )
    by_unit: dict[int, list[Application]] = {}
    for application in late:
        by_unit.setdefault(application.procedure.unit_id, []).append(application)
    sent = 0
    for unit_id, entries in by_unit.items():
        recipients = {
            user.pk: user
            for permission in (permissions.HANDLE, permissions.DECIDE)
            for user in permissions.unit_staff(unit_id, permission)
            if user.email
        }
        for user in recipients.values():
            notifications.overdue_digest(user, entries)
            sent += 1
        Application.objects.filter(pk__in=[a.pk for a in entries]).update(overdue_alerted_on=today)
    return sent
