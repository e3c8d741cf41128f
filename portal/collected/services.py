"""Collected items: bring the sources' feeds into the inbox, and turn an entry into a draft item.

Feeds come from outside and are treated as hostile: the download is capped in time and size,
feedparser reads them from memory (never from a path or URL it would open itself), every text is
reduced to plain text with nh3, and a feed that fails is logged and skipped without stopping the run.
"""

import datetime as dt
import hashlib
import html
import io
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from http.client import HTTPException

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.core.text import fold
from portal.news.models import ArticlePage, SectionPage

from .models import FeedSource, InboxEntry

logger = logging.getLogger(__name__)

USER_AGENT = "Mozilla/5.0 (compatible; portal-collected/1.0; feed reader)"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
SUMMARY_MAX_CHARS = 2000
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # PostgreSQL refuses NUL in text
_WHITESPACE = re.compile(r"\s+")
_http_url = URLValidator(schemes=["http", "https"])


class FeedError(Exception):
    """A feed that cannot be used. The message is shown to the secretariat as the source's last error."""


class DraftError(Exception):
    """An entry that cannot be turned into a draft; the message is shown to the editor."""


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    summary: str
    link: str
    published_at: dt.datetime | None


@dataclass(frozen=True)
class FetchResult:
    source: FeedSource
    added: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


# Fetching ---------------------------------------------------------------------------------------


def fetch_all_sources() -> list[FetchResult]:
    """Fetch every active source, one after the other; a failing source never stops the others.

    This is what the periodic run calls (the `fetch_feeds` command, the task in tasks.py, a scheduler).
    """
    results = []
    for source in FeedSource.objects.filter(active=True).order_by("name", "pk"):
        try:
            results.append(fetch_source(source))
        except Exception as error:  # e.g. the source was deleted meanwhile: log it and go on with the others
            logger.exception("Feed %s (%s) could not be processed", source.name, source.feed_url)
            results.append(FetchResult(source, error=error.__class__.__name__))
    return results


def fetch_source(source: FeedSource, *, timeout: float | None = None, max_bytes: int | None = None) -> FetchResult:
    """Download and parse one source's feed and add its new entries to the inbox. Never raises for a bad feed."""
    timeout = timeout if timeout is not None else settings.COLLECTED_FETCH_TIMEOUT
    max_bytes = max_bytes if max_bytes is not None else settings.COLLECTED_FETCH_MAX_BYTES
    limit = settings.COLLECTED_MAX_ENTRIES
    try:
        items = parse_feed(download(source.feed_url, timeout=timeout, max_bytes=max_bytes))[:limit]
        added = _store(source, items)
    except FeedError as error:
        message = str(error)
    except Exception as error:  # a hostile feed must never break the periodic run
        logger.exception("Feed %s (%s): unexpected error", source.name, source.feed_url)
        message = _("Unexpected error: %(error)s") % {"error": error.__class__.__name__}
    else:
        source.last_fetched_at, source.last_error = timezone.now(), ""
        source.save(update_fields=["last_fetched_at", "last_error"])
        logger.info("Feed %s (%s): %d new entries", source.name, source.feed_url, added)
        return FetchResult(source, added=added)
    logger.warning("Feed %s (%s) skipped: %s", source.name, source.feed_url, message)
    source.last_error = message[:1000]
    source.save(update_fields=["last_error"])
    return FetchResult(source, error=message)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    # urllib would also follow a redirect to ftp://; a feed may only send us to another web address.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise FeedError(_("The feed redirects to an address that is not http or https."))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def download(url: str, *, timeout: float, max_bytes: int) -> bytes:
    """The body at `url`, or FeedError. `timeout` bounds each network wait and the whole download."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FeedError(_("Only http and https feed addresses can be fetched."))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    deadline = time.monotonic() + timeout
    try:
        with _opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(_("The feed is larger than %(size)s bytes.") % {"size": max_bytes})
            chunks, size = [], 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError(_("The feed is larger than %(size)s bytes.") % {"size": max_bytes})
                if time.monotonic() > deadline:  # a server trickling bytes must not hold the run
                    raise TimeoutError
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        raise FeedError(_("The server answered HTTP %(status)s.") % {"status": error.code}) from error
    except (TimeoutError, urllib.error.URLError) as error:
        if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
            raise FeedError(_("No answer within %(seconds)s seconds.") % {"seconds": timeout}) from error
        raise FeedError(_("Cannot reach the server: %(reason)s") % {"reason": error.reason}) from error
    except (OSError, HTTPException, ValueError) as error:
        raise FeedError(_("Cannot read the feed: %(error)s") % {"error": error}) from error
    return b"".join(chunks)


def parse_feed(data: bytes) -> list[FeedItem]:
    """The usable entries of an RSS or Atom document, sanitised. FeedError if it is not a well-formed feed."""
    import feedparser  # here, not at start: only the scheduler's feed job needs it, not the web workers

    # A stream, not bytes: given bytes, feedparser would first try to open them as a file name.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), benign):
        error = parsed.get("bozo_exception")
        problem = Truncator(error.getMessage() if hasattr(error, "getMessage") else str(error)).chars(200)
        raise FeedError(_("Not a well-formed RSS or Atom feed: %(problem)s") % {"problem": problem})
    if not parsed.get("version"):
        raise FeedError(_("Not an RSS or Atom feed."))
    items, seen = [], set()
    for raw in parsed.entries:
        item = _item(raw)
        if item is not None and item.guid not in seen:
            seen.add(item.guid)
            items.append(item)
    return items


def plain_text(value: object, limit: int) -> str:
    """Feed text (maybe HTML, maybe hostile) as one line of plain text: tags, scripts and styles removed."""
    import nh3  # here, not at start: only the feed job needs it (a worker's memory, issue 21)

    text = str(value or "")
    for _pass in range(3):  # again after unescaping, so text escaped twice leaves no literal "<script>"
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            break
        text = cleaned
    text = _WHITESPACE.sub(" ", _CONTROL_CHARS.sub("", text)).strip()
    return Truncator(text).chars(limit)


def safe_link(value: object) -> str:
    """An http(s) address, or "" (a `javascript:` link or a garbled one is dropped)."""
    link = str(value or "").strip()
    try:
        _http_url(link)
    except ValidationError:
        return ""
    return link if len(link) <= 1000 else ""


def _item(raw: dict) -> FeedItem | None:
    summary_html = raw.get("summary") or next((c.get("value") for c in raw.get("content", []) if c.get("value")), "")
    summary = plain_text(summary_html, SUMMARY_MAX_CHARS)
    title = plain_text(raw.get("title"), 255) or Truncator(summary).chars(120)
    link = safe_link(raw.get("link"))
    if not title:
        return None
    guid = plain_text(raw.get("id"), 10_000) or link or f"{title}|{raw.get('published', '')}"
    if len(guid) > 255:
        guid = "sha256:" + hashlib.sha256(guid.encode()).hexdigest()
    return FeedItem(guid=guid, title=title, summary=summary, link=link, published_at=_date(raw))


def _date(raw: dict) -> dt.datetime | None:
    # feedparser gives a UTC struct_time for the formats it understands, None for the others.
    # dict.get: FeedParserDict's own lookup maps a missing published_parsed with a deprecation warning.
    parsed = dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")
    try:
        value = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return min(value, timezone.now())  # a date in the future would keep an entry on top of the inbox forever


def _store(source: FeedSource, items: list[FeedItem]) -> int:
    with transaction.atomic():
        guids = [item.guid for item in items]
        known = set(InboxEntry.objects.filter(source=source, guid__in=guids).values_list("guid", flat=True))
        new = [InboxEntry(source=source, **asdict(item)) for item in items if item.guid not in known]
        # ignore_conflicts: two runs at the same moment may both try to add an entry; the constraint keeps one.
        InboxEntry.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# Inbox ------------------------------------------------------------------------------------------

_pages = PagePermissionPolicy()


def can_use_inbox(user) -> bool:
    """Whoever may add pages somewhere (the secretariat, editors) may triage the inbox."""
    return user.is_active and _pages.user_has_permission(user, "add")


def categories_for(user) -> QuerySet[SectionPage]:
    """The categories of the default language where `user` may add items."""
    allowed = _pages.instances_user_has_permission_for(user, "add").values("pk")
    return SectionPage.objects.filter(pk__in=allowed, locale=Locale.get_default()).order_by("path")


def entry_to_draft(*, entry: InboxEntry, user, parent: SectionPage | None = None) -> ArticlePage:
    """A draft collected item made from `entry`, in `parent` or the source's default category.

    Idempotent: an entry already drafted gives back its draft. Raises PermissionDenied when
    `user` may not add items to the category, DraftError when there is no category.
    """
    with transaction.atomic():
        entry = InboxEntry.objects.select_for_update().select_related("source").get(pk=entry.pk)
        if entry.draft_id and (existing := ArticlePage.objects.filter(pk=entry.draft_id).first()):
            return existing
        parent = parent or entry.source.default_category
        if parent is None:
            raise DraftError(_("This source has no default category: choose a category."))
        if not parent.permissions_for_user(user).can_add_subpage():
            raise PermissionDenied
        source = entry.source
        page = ArticlePage(
            title=entry.title,
            slug=find_available_slug(parent, slugify(fold(entry.title))[:80].strip("-") or "tin-suu-tam"),
            lead=Truncator(entry.summary or entry.title).chars(800),
            body=_draft_body(entry, parent.locale.language_code),
            source_kind=ArticlePage.SOURCE_COLLECTED,
            source_name=source.name[:200],
            # The item's source field holds 200 characters; a longer link stays in the attribution line.
            source_url=entry.link if 0 < len(entry.link) <= 200 else source.site_url,
            owner=user,
            live=False,
        )
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=False)
        log(instance=page, action="wagtail.create", user=user, revision=revision, content_changed=True)
        entry.status, entry.draft = InboxEntry.STATUS_DRAFTED, page
        entry.save(update_fields=["status", "draft"])
    logger.info("Inbox entry %s drafted as page %s by %s", entry.pk, page.pk, user)
    return page


def _draft_body(entry: InboxEntry, language: str) -> list[dict]:
    with translation.override(language):
        label = _("Source:")
    if entry.link:
        attribution = format_html('<p><i>{} <a href="{}">{}</a></i></p>', label, entry.link, entry.source.name)
    else:
        attribution = format_html("<p><i>{} {}</i></p>", label, entry.source.name)
    text = f"<p>{escape(entry.summary)}</p>" if entry.summary else ""
    return [{"type": "paragraph", "value": text + attribution}]


def dismiss_entry(entry: InboxEntry) -> InboxEntry:
    """Set a new entry aside ("Bỏ qua"); a drafted entry keeps its draft."""
    if entry.status == InboxEntry.STATUS_NEW:
        entry.status = InboxEntry.STATUS_DISMISSED
        entry.save(update_fields=["status"])
    return entry


# Demo -------------------------------------------------------------------------------------------
