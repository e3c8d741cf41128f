"""The Q&A's rules: receiving a question, routing, drafting, approval, publication, spam, reminders.

Views, the admin, commands and the demo all call these. Each write owns its transaction, locks the
question it changes (two people may act on it at once), writes Wagtail's audit log and sends its
e-mails once the transaction has committed.
"""

import datetime as dt
import logging
import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from portal.core.deadlines import Deadline
from portal.core.models import AgencySettings
from portal.core.text import fold
from portal.core.workdays import is_working_day
from portal.news.models import SectionPage
from portal.units.models import Unit

from . import attachments, conf, guards, notifications, permissions, selectors
from .models import AnswerPage, Question, QuestionIndexPage, QuestionReminder
from .text import clean_line, fingerprint, redact, redaction_phrases

logger = logging.getLogger(__name__)

TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U to misread
RESERVED_SLUGS = {"gui-cau-hoi", "theo-doi", "ask", "track"}


class QuestionRefused(Exception):
    """The question cannot be accepted; `message` says why, in the citizen's language."""

    def __init__(self, message, *, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.status = status


class ActionRefused(Exception):
    """A staff action that does not apply (any more) to the question; `message` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- Receiving ------------------------------------------------------------------------------------


def new_tracking_code() -> str:
    """Eight random characters (40 bits): neither guessable nor in any order."""
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def due_at_for(received_at: dt.datetime, *, agency_id: int | None = None) -> dt.datetime:
    return Deadline(start=received_at, days=conf.answer_working_days(agency_id)).due_at


@dataclass(frozen=True)
class Submission:
    name: str
    email: str
    title: str
    body: str
    language: str
    phone: str = ""
    organisation: str = ""
    topic: SectionPage | None = None
    consent_to_publish: bool = False
    attachment: UploadedFile | None = None
    attachment_kind: attachments.Kind | None = None


def question_submit(
    *,
    submission: Submission,
    address: str,
    link_for: Callable[[str, str], str],
    agency: AgencySettings | None = None,
    now: dt.datetime | None = None,
) -> tuple[Question, str]:
    """Store a question with `agency` (the agency of the site it was asked on; by default the default
    site's) and send the asker the receipt with the tracking code and private link.

    `link_for(code, secret)` gives the absolute private link. Returns (question, secret); the
    secret itself is never stored. Raises QuestionRefused for a duplicate or a flood.
    """
    now = now or timezone.now()
    agency = agency or AgencySettings.load()
    digest = guards.address_digest(address)
    print_ = fingerprint(submission.title, submission.body)
    since = now - dt.timedelta(days=conf.get("QA_DUPLICATE_DAYS"))
    earlier = (
        # The same question put to another agency is a question of its own.
        Question.objects.filter(agency=agency, fingerprint=print_, received_at__gte=since)
        .filter(Q(email__iexact=submission.email) | Q(address_digest=digest))
        .order_by("-received_at")
        .first()
    )
    if earlier is not None:
        raise QuestionRefused(
            _(
                "We already received this question on %(date)s. Its tracking code and private link are in the "
                "e-mail we sent you then: there is no need to send it again."
            )
            % {"date": date_format(timezone.localtime(earlier.received_at), "d/m/Y")},
            status=409,
        )
    if not guards.question_slot_reserved(address):
        raise QuestionRefused(
            _(
                "Too many questions have been sent from your connection in a short time, so this one was not "
                "accepted. Please try again in an hour, or call the Department's office."
            ),
            status=429,
        )

    secret = secrets.token_urlsafe(24)
    question = Question(
        agency=agency,
        secret_digest=selectors.secret_digest(secret),
        language=submission.language,
        name=submission.name,
        email=submission.email,
        phone=submission.phone,
        organisation=submission.organisation,
        topic=submission.topic,
        title=submission.title,
        body=submission.body,
        consent_to_publish=submission.consent_to_publish,
        received_at=now,
        due_at=due_at_for(now, agency_id=agency.pk),
        fingerprint=print_,
        address_digest=digest,
    )
    if submission.attachment is not None and submission.attachment_kind is not None:
        kind = submission.attachment_kind
        question.attachment.save(attachments.storage_name(kind), submission.attachment, save=False)
        question.attachment_name = attachments.display_name(submission.attachment.name, kind)
        question.attachment_type = kind.content_type
        question.attachment_size = submission.attachment.size
    try:
        with transaction.atomic():
            _save_with_fresh_code(question)
            log(question, "qa.submit", user=None, data={"language": question.language})
            link = link_for(question.tracking_code, secret)
            transaction.on_commit(lambda: _notify_received(question, link), robust=True)
    except Exception:
        if question.attachment:
            question.attachment.delete(save=False)  # nothing half-written: no file without its question
        raise
    return question, secret


def _save_with_fresh_code(question: Question) -> None:
    for _attempt in range(10):
        question.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                question.save()
            return
        except IntegrityError:
            if not Question.objects.filter(tracking_code=question.tracking_code).exists():
                raise
    raise RuntimeError("no free tracking code after 10 tries")


def _notify_received(question: Question, link: str) -> None:
    notifications.to_asker(question, "received", private_url=link)
    notifications.to_staff(
        permissions.users_with(permissions.ROUTE, agency_id=question.agency_id), "new_question", question=question
    )


# --- Staff actions --------------------------------------------------------------------------------


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


STATE_CHANGED = _("Someone else has just acted on this question; here is where it stands now.")


def question_route(*, question: Question, unit: Unit, user, note: str = "", now=None) -> Question:
    """The board secretariat sends the question to the unit that answers it (or to another unit)."""
    _require(user.has_perm(permissions.ROUTE) and unit.agency_id == question.agency_id)
    with transaction.atomic():
        question = _locked(question)
        if not permissions.can_route(user, question):
            raise ActionRefused(STATE_CHANGED)
        question.unit = unit
        question.routed_at = now or timezone.now()
        question.routed_by = user
        question.routing_note = note
        question.status = Question.Status.ASSIGNED
        question.save()
        log(question, "qa.route", user=user, data={"unit": unit.name_vi, "unit_id": unit.pk, "note": note})
        members = list(permissions.unit_members_who_answer(unit.pk))
        transaction.on_commit(
            lambda: notifications.to_staff(members, "routed", question=question, actor=user, note=note), robust=True
        )
    return question


def answer_save(
    *,
    question: Question,
    user,
    answer: str,
    submit: bool,
    public_title: str = "",
    public_question: str = "",
    public_asker: str = "",
    redactions: str = "",
    now=None,
) -> Question:
    """A member of the unit saves the draft answer, or submits it for approval."""
    _require(user.has_perm(permissions.ANSWER))
    with transaction.atomic():
        question = _locked(question)
        if not permissions.can_answer(user, question):
            if question.status == Question.Status.ASSIGNED:
                raise PermissionDenied
            raise ActionRefused(STATE_CHANGED)
        question.answer = answer
        question.public_title = public_title
        question.public_question = public_question
        question.public_asker = public_asker
        question.redactions = redactions
        question.answer_drafted_by = user
        if submit:
            question.status = Question.Status.IN_REVIEW
            question.answer_submitted_at = now or timezone.now()
        question.save()
        log(question, "qa.answer_submit" if submit else "qa.answer_draft", user=user)
        if submit:
            approvers = list(permissions.users_with(permissions.APPROVE, agency_id=question.agency_id))
            transaction.on_commit(
                lambda: notifications.to_staff(approvers, "submitted", question=question, actor=user), robust=True
            )
    return question


SECOND_FACTOR_NEEDED = _(
    "Approving an answer needs two-step verification. Sign in again with the code from your authenticator app."
)


def answer_return(*, question: Question, user, comment: str, second_factor_passed: bool) -> Question:
    """The approver sends the draft back to the unit with what to change."""
    _require(user.has_perm(permissions.APPROVE))
    if not second_factor_passed:
        raise ActionRefused(SECOND_FACTOR_NEEDED)
    with transaction.atomic():
        question = _locked(question)
        if not permissions.can_approve(user, question):
            raise ActionRefused(STATE_CHANGED)
        question.status = Question.Status.ASSIGNED
        question.review_comment = comment
        question.save()
        log(question, "qa.answer_return", user=user, data={"comment": comment})
        drafter = [question.answer_drafted_by] if question.answer_drafted_by else []
        recipients = drafter or list(permissions.unit_members_who_answer(question.unit_id))
        transaction.on_commit(
            lambda: notifications.to_staff(recipients, "returned", question=question, actor=user, comment=comment),
            robust=True,
        )
    return question


def answer_approve(
    *, question: Question, user, second_factor_passed: bool, edits: dict | None = None, now=None
) -> Question:
    """The editor-in-chief (or a delegate) approves: the asker gets the answer by e-mail, the time to
    answer is recorded and, if the asker agreed, the answer is published without personal data."""
    _require(user.has_perm(permissions.APPROVE))
    if not second_factor_passed:
        raise ActionRefused(SECOND_FACTOR_NEEDED)
    now = now or timezone.now()
    with transaction.atomic():
        question = _locked(question)
        if not permissions.can_approve(user, question):
            raise ActionRefused(STATE_CHANGED)
        for field, value in (edits or {}).items():
            if field in ("answer", "public_title", "public_question", "public_asker", "redactions"):
                setattr(question, field, value)
        if not question.answer.strip():
            raise ActionRefused(_("There is no answer to approve."))
        question.status = Question.Status.ANSWERED
        question.approved_by = user
        question.answered_at = now
        question.working_days_to_answer = round(selectors.clock_of(question).working_days_waited(now), 2)
        question.answered_on_time = now <= question.due_at
        question.save()
        page = publish_answer(question=question, user=user) if question.consent_to_publish else None
        log(
            question,
            "qa.approve",
            user=user,
            data={
                "working_days": question.working_days_to_answer,
                "on_time": question.answered_on_time,
                "published_page": page.pk if page else None,
            },
        )
        staff = [member for member in (question.answer_drafted_by, question.routed_by) if member is not None]
        transaction.on_commit(lambda: _notify_answered(question, page, staff, user), robust=True)
    return question


def _notify_answered(question: Question, page: AnswerPage | None, staff: list, approver) -> None:
    notifications.to_asker(question, "answered", public_url=conf.absolute(page.url) if page else "")
    notifications.to_staff(staff, "approved", question=question, actor=approver, published=page is not None)


def public_texts(question: Question) -> dict[str, str]:
    """What the public page shows: the staff's public wording (or the asker's), personal data removed."""
    phrases = [*redaction_phrases(question.redactions), question.name, question.email, question.phone]
    return {
        "title": clean_line(redact(question.public_title or question.title, phrases=phrases))[:200],
        "question_text": redact(question.public_question or question.body, phrases=phrases),
        "answer_text": redact(question.answer, phrases=phrases),
        "asker_label": redact(question.public_asker, phrases=phrases),
    }


def _unique_slug(parent: QuestionIndexPage, title: str, page: AnswerPage | None) -> str:
    base = slugify(fold(title))[:70].strip("-") or "cau-hoi"
    taken = set(parent.get_children().exclude(pk=page.pk if page else None).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def publish_answer(*, question: Question, user) -> AnswerPage | None:
    """Publish (or republish) the answered question's public page below the Q&A page of its language."""
    index = selectors.index_page_for(question.language, agency=question.agency)
    if index is None:
        logger.warning("No Q&A page to publish question %s on", question.tracking_code)
        return None
    texts = public_texts(question)
    topic = question.topic.get_translation_or_none(index.locale) if question.topic else None
    page = question.published_pages.filter(locale=index.locale).first()
    if page is None:
        page = AnswerPage(question=question, locale=index.locale, owner=user, first_published_at=question.answered_at)
        page.title = texts["title"]
        page.slug = _unique_slug(index, texts["title"], None)
        _fill(page, question, texts, topic)
        index.add_child(instance=page)
    else:
        page = page.specific
        page.title = texts["title"]
        _fill(page, question, texts, topic)
    # Approving the answer is the permission that counts: a delegate need not publish other pages.
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    return page


def _fill(page: AnswerPage, question: Question, texts: dict, topic) -> None:
    page.question_text = texts["question_text"]
    page.answer_text = texts["answer_text"]
    page.asker_label = texts["asker_label"]
    page.topic = topic
    page.unit = question.unit
    page.answered_at = question.answered_at


def question_mark_spam(*, question: Question, user) -> Question:
    _require(user.has_perm(permissions.MARK_SPAM))
    with transaction.atomic():
        question = _locked(question)
        if not question.is_open:
            raise ActionRefused(_("Only a question that is still open can be marked as spam."))
        question.status_before_spam = question.status
        question.status = Question.Status.SPAM
        question.save()
        log(question, "qa.spam", user=user)
    return question


def question_restore(*, question: Question, user) -> Question:
    """Not spam after all: the question goes back where it was."""
    _require(user.has_perm(permissions.MARK_SPAM))
    with transaction.atomic():
        question = _locked(question)
        if question.status != Question.Status.SPAM:
            raise ActionRefused(STATE_CHANGED)
        question.status = question.status_before_spam or Question.Status.NEW
        question.status_before_spam = ""
        question.save()
        log(question, "qa.not_spam", user=user)
    return question


def spam_purge(*, user) -> int:
    """Delete every question marked as spam, with its attachment. The audit log keeps a line for each."""
    _require(user.has_perm(permissions.MARK_SPAM))
    with transaction.atomic():
        spam = list(Question.objects.select_for_update().filter(status=Question.Status.SPAM))
        for question in spam:
            log(question, "wagtail.delete", user=user)
            question.delete()
    return len(spam)


# --- Reminders ------------------------------------------------------------------------------------


def _holders(question: Question):
    if question.status == Question.Status.NEW:
        return permissions.users_with(permissions.ROUTE, agency_id=question.agency_id)
    if question.status == Question.Status.ASSIGNED:
        return permissions.unit_members_who_answer(question.unit_id)
    return permissions.users_with(permissions.APPROVE, agency_id=question.agency_id)


def send_due_reminders(*, now: dt.datetime | None = None) -> int:
    """Once per working day, remind whoever holds each open question that arrived before today.

    Safe to run as often as the scheduler likes: a question is reminded at most once a day.
    Returns how many questions were reminded.
    """
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    if not is_working_day(today) or now.hour < conf.get("QA_REMINDER_HOUR"):
        return 0
    start_of_today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    waiting = (
        selectors.open_questions()
        .filter(received_at__lt=start_of_today)
        .exclude(reminders__day=today)
        .select_related("unit")
        .order_by("due_at")
    )
    by_user: dict[int, tuple] = {}
    lists: dict[int, list] = defaultdict(list)
    reminded = 0
    for question in waiting:
        with transaction.atomic():
            _reminder, created = QuestionReminder.objects.get_or_create(question=question, day=today)
            if not created:  # another run got there first
                continue
            log(question, "qa.remind", user=None)
        reminded += 1
        deadline = selectors.deadline_of(question, now=now)
        for user in _holders(question):
            by_user[user.pk] = user
            lists[user.pk].append((question, deadline))
    for user_pk, entries in lists.items():
        try:
            notifications.to_staff(
                [by_user[user_pk]], "reminder", entries=entries, count=len(entries), base_url=notifications.list_url()
            )
        except Exception:  # one bad address must not stop the others' reminders
            logger.exception("Q&A reminder to user %s failed", user_pk)
    return reminded
