"""Comments on drafts: submission with abuse protection, and moderation. Each rule lives here once."""

import datetime as dt
import hashlib

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from portal.core import ratelimit
from portal.core.publishing import public_change
from portal.core.text import fold

from .forms import FORM_SALT
from .models import Comment, DraftPage

MIN_SECONDS_TO_WRITE = 3  # a person needs longer than this to read the form and write
FORM_LIFETIME = dt.timedelta(hours=3)
RATE_LIMIT = 3  # comments per address...
RATE_WINDOW_SECONDS = 10 * 60  # ...in ten minutes
DUPLICATE_WINDOW = dt.timedelta(days=1)


class CommentRefused(Exception):
    """A comment that is not accepted; the message says why, in the visitor's language."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def _digest(text: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{text}".encode()).hexdigest()


def _normalised(body: str) -> str:
    return " ".join(fold(body).split())


def comment_submit(
    *,
    draft: DraftPage,
    name: str,
    email: str,
    body: str,
    organisation: str = "",
    provision: str = "",
    honeypot: str = "",
    token: str = "",
    address: str = "",
    now: dt.datetime | None = None,
) -> Comment:
    """Accept a comment for moderation, or raise CommentRefused with the reason."""
    now = now or timezone.now()
    if not draft.is_open:
        raise CommentRefused(_("This consultation is closed; comments are no longer accepted."))
    if honeypot.strip():
        raise CommentRefused(_("Your comment could not be accepted. Please try again."))
    try:
        signed = signing.TimestampSigner(salt=FORM_SALT).unsign(token, max_age=FORM_LIFETIME)
    except signing.SignatureExpired:
        raise CommentRefused(
            _("The form was open too long. Please copy your comment, reload the page and send it again.")
        ) from None
    except signing.BadSignature:
        raise CommentRefused(_("Your comment could not be accepted. Please reload the page and try again.")) from None
    if signed != str(draft.pk):
        raise CommentRefused(_("Your comment could not be accepted. Please reload the page and try again."))
    # "value:timestamp:signature", the timestamp in base 62 (already verified by unsign above)
    issued = dt.datetime.fromtimestamp(signing.b62_decode(token.split(":")[-2]), tz=dt.UTC)
    if (now - issued).total_seconds() < MIN_SECONDS_TO_WRITE:
        raise CommentRefused(_("That was very fast. Please check your comment and send it again."))
    sender = _digest(address or "unknown")
    if not ratelimit.attempt("consultation", address or "unknown", [(RATE_WINDOW_SECONDS, RATE_LIMIT)]):
        raise CommentRefused(
            _("You have sent several comments in a short time. Please wait a few minutes and try again.")
        )
    body_hash = _digest(f"{draft.translation_key}:{_normalised(body)}")
    with transaction.atomic():
        duplicate = Comment.objects.select_for_update().filter(
            draft__translation_key=draft.translation_key, body_hash=body_hash, submitted_at__gte=now - DUPLICATE_WINDOW
        )
        if duplicate.exists():
            raise CommentRefused(
                _("This comment has already been received; there is no need to send it again."), field="body"
            )
        return Comment.objects.create(
            draft=draft,
            name=name.strip(),
            email=email.strip(),
            body=body.strip(),
            organisation=organisation.strip(),
            provision=provision.strip(),
            body_hash=body_hash,
            sender_hash=sender,
            submitted_at=now,
        )


def comment_moderate(*, comment_id: int, status: str, user, note: str = "") -> Comment:
    """Publish or reject a comment (one moderator at a time), logged in Wagtail's audit log."""
    if status not in (Comment.STATUS_APPROVED, Comment.STATUS_REJECTED, Comment.STATUS_PENDING):
        raise ValueError(status)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment_id)
        comment.status = status
        comment.moderation_note = note
        comment.moderated_by = user
        comment.moderated_at = timezone.now()
        comment.save()
        log(instance=comment, action="consultation.moderate", user=user, data={"status": status})
        public_change(comment)  # the page shows its approved comments: on commit, the page cache is cleared
    return comment
