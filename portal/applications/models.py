"""Applications (hồ sơ) made online for a procedure, their documents, and every step taken on them.

An application is read against the procedure version it was made under. It is reached by its
tracking link (a random public id and a secret) or by the applicant's light account; staff reach
it through the work queue of the unit that handles the procedure.
"""

import secrets
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.models import AgencyOwned

# Crockford's base32 without look-alikes: a secret is read off a receipt and typed in.
SECRET_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
SECRET_LENGTH = 16  # 16 characters of 30: about 78 bits


def new_secret() -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


def normalise_secret(text: str) -> str:
    """What the applicant typed, as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


class PrivateStorage(LazyObject):
    """Uploads and results live outside MEDIA_ROOT: no URL serves them, only the permission-checked views."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_STORAGE_ROOT, base_url=None)


private_storage = PrivateStorage()


def _private_storage():
    return private_storage


class Applicant(models.Model):
    """A light account for citizens and organisations: an e-mail address proved by a sign-in link. Not staff."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last signed in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return self.email


class Application(AgencyOwned):
    """An application for a procedure of one agency, made on that agency's site: only that site opens its
    tracking link and receipt number, only the agency's staff handle it, its mails speak for the agency."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    SUPPLEMENT_REQUESTED = "supplement"
    IN_PROGRESS = "in_progress"
    AWAITING_DECISION = "awaiting_decision"
    APPROVED = "approved"
    REFUSED = "refused"
    RESULT_ISSUED = "result_issued"
    STATUS_CHOICES = [
        (DRAFT, _("draft")),
        (SUBMITTED, _("submitted, waiting to be received")),
        (SUPPLEMENT_REQUESTED, _("waiting for the applicant's supplement")),
        (IN_PROGRESS, _("received, being processed")),
        (AWAITING_DECISION, _("waiting for the leader's decision")),
        (APPROVED, _("approved, result being prepared")),
        (REFUSED, _("refused")),
        (RESULT_ISSUED, _("result issued")),
    ]
    CLOSED = (REFUSED, RESULT_ISSUED)

    CITIZEN, ORGANISATION = "citizen", "organisation"
    KIND_CHOICES = [(ORGANISATION, _("an organisation or enterprise")), (CITIZEN, _("a citizen"))]

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    secret = models.CharField(_("tracking code"), max_length=32, default=new_secret, editable=False)
    idempotency_key = models.UUIDField(_("form key"), unique=True, editable=False)
    # Unique within its agency, whose counter gives it (another agency's prefix is its own symbol).
    receipt_number = models.CharField(_("receipt number"), max_length=40, null=True, blank=True)

    procedure = models.ForeignKey(
        "procedures.Procedure", verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="applications"
    )
    version = models.ForeignKey(
        "procedures.ProcedureVersion",
        verbose_name=_("procedure version"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        Applicant,
        verbose_name=_("applicant account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    applicant_kind = models.CharField(_("applying as"), max_length=12, choices=KIND_CHOICES, default=ORGANISATION)
    applicant_name = models.CharField(_("name of the applicant"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    # A keyed digest of the address the application was made from: bounds what one address may store.
    address_digest = models.CharField(_("sender's address (digest)"), max_length=64, blank=True, db_index=True)

    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    fee_amount = models.PositiveIntegerField(_("fee (đồng)"), default=0)
    paid_at = models.DateTimeField(_("fee paid at"), null=True, blank=True)
    decision_note = models.TextField(_("decision and reasons"), blank=True)
    result_file = models.FileField(_("result"), storage=_private_storage, upload_to="results/", blank=True)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    result_sha256 = models.CharField(_("SHA-256 of the result"), max_length=64, blank=True)
    overdue_alerted_on = models.DateField(_("overdue alert sent on"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("handle_application", _("Can receive and process the applications of their unit")),
            ("decide_application", _("Can approve or refuse the applications of their unit")),
        ]
        indexes = [models.Index(fields=["status", "due_at"]), models.Index(fields=["procedure", "closed_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "receipt_number"], name="application_receipt_number_unique_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.receipt_number or _("draft of %(name)s") % {"name": self.applicant_name or self.email}

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def amount_due(self) -> int:
        return 0 if self.paid_at else self.fee_amount

    @property
    def clock_running(self) -> bool:
        return self.received_at is not None and self.paused_at is None and not self.is_closed

    @property
    def on_time(self) -> bool | None:
        """Closed before its due date? None while open or never received."""
        if not self.closed_at or not self.due_at:
            return None
        return self.closed_at <= self.due_at


class Upload(models.Model):
    """A document uploaded with an application, checked by content and kept in private storage."""

    KIND_CHOICES = [("pdf", "PDF"), ("png", "PNG"), ("jpeg", "JPEG"), ("docx", "DOCX")]

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="uploads")
    document_key = models.SlugField(_("document"), max_length=60)
    file = models.FileField(_("file"), storage=_private_storage, upload_to="uploads/")
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=KIND_CHOICES)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    supplement = models.ForeignKey(
        "SupplementRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )

    class Meta:
        ordering = ["document_key", "uploaded_at", "pk"]
        verbose_name = _("uploaded document")
        verbose_name_plural = _("uploaded documents")

    def __str__(self) -> str:
        return self.original_name


class SupplementRequest(models.Model):
    """Staff ask the applicant for missing or better documents; the clock waits while they do."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="supplement_requests")
    message = models.TextField(_("what is missing"))
    document_keys = models.JSONField(_("documents asked for"), default=list, blank=True)
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("asked by")
    )
    supplied_at = models.DateTimeField(_("supplied at"), null=True, blank=True)
    reply = models.TextField(_("applicant's reply"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")

    def __str__(self) -> str:
        return self.message[:60]


class ApplicationEvent(models.Model):
    """One step of the application's history, as the applicant and staff see it (the audit log keeps the rest)."""

    SUBMITTED = "submitted"
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_SUPPLIED = "supplement_supplied"
    PROPOSED = "proposed"
    APPROVED = "approved"
    REFUSED = "refused"
    RESULT_ISSUED = "result_issued"
    PAID = "paid"
    PAID_TWICE = "paid_twice"
    NOTE = "note"
    KIND_CHOICES = [
        (SUBMITTED, pgettext_lazy("application event", "Submitted")),
        (RECEIVED, _("Received; the time limit starts")),
        (SUPPLEMENT_REQUESTED, _("Supplement requested; the clock is paused")),
        (SUPPLEMENT_SUPPLIED, _("Supplement supplied")),
        (PROPOSED, _("Proposed to the leader for decision")),
        (APPROVED, _("Approved")),
        (REFUSED, _("Refused")),
        (RESULT_ISSUED, _("Result issued")),
        (PAID, _("Fee paid online")),
        (PAID_TWICE, _("Fee paid a second time: to be refunded")),
        (NOTE, _("Processing note")),
    ]
    PUBLIC_KINDS = {
        SUBMITTED,
        RECEIVED,
        SUPPLEMENT_REQUESTED,
        SUPPLEMENT_SUPPLIED,
        APPROVED,
        REFUSED,
        RESULT_ISSUED,
        PAID,
    }

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=24, choices=KIND_CHOICES)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    by_applicant = models.BooleanField(_("by the applicant"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_public(self) -> bool:
        return self.kind in self.PUBLIC_KINDS


class ReceiptCounter(AgencyOwned):
    """The last receipt number an agency gave on a day; locked while the next one is taken. Each agency
    counts its own: its receipts carry its own prefix, so a second agency's first of the day is -0001."""

    day = models.DateField(pgettext_lazy("receipt counter", "day"))  # the date it counts, not a day of a month
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="receipt_counter_one_a_day_per_agency")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.last}"
