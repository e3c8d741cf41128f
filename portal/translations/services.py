"""The translation queue's rules: tasks from publications, the copy for translation, completion, out of date.

Every entry point (signal handlers, admin views, commands, the demo) calls these functions.
"""

import datetime as dt
import json
import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Revision

from portal.core.deadlines import Deadline
from portal.core.text import fold
from portal.news.models import ArticlePage, SectionPage
from portal.planning.agencies import page_agency, role_members, user_agency
from portal.units import roles

from .models import CategoryTranslationRule, TranslationBaseline, TranslationTask

SOURCE_LANGUAGE = "vi"
TARGET_LANGUAGE = "en"
# What a translator translates: a change to any of these in the original puts its translation out of date.
TRANSLATED_FIELDS = ("title", "lead", "body", "image_alt", "image_caption", "seo_title", "search_description")
# Roles that run their agency's queue for every unit (the others translate for their own unit).
QUEUE_MANAGERS = (roles.SECRETARIAT, roles.EDITOR_IN_CHIEF)


class TranslationRefused(Exception):
    """A translation action that cannot be done, with the translated reason to show."""


def source_locale() -> Locale:
    return Locale.objects.get(language_code=SOURCE_LANGUAGE)


def target_locale() -> Locale:
    return Locale.objects.get(language_code=TARGET_LANGUAGE)


# --- Rules and tasks ---------------------------------------------------------------------------------


def rule_for(page: Page) -> CategoryTranslationRule | None:
    """The rule of the nearest category above `page` (or of `page` itself) that has one."""
    return (
        CategoryTranslationRule.objects.filter(section__in=SectionPage.objects.ancestor_of(page, inclusive=True))
        .select_related("section", "unit")
        .order_by("-section__depth")
        .first()
    )


def _live_english(original: Page) -> Page | None:
    return original.get_translations().filter(locale__language_code=TARGET_LANGUAGE, alias_of__isnull=True).first()


def translation_days(rule: CategoryTranslationRule) -> int:
    """The plan's time to translate (Appendix I row 18, "after the Vietnamese item"), in the plan of the
    category's own agency; the rule's own days only where no plan has that row (the pack copies the row
    into every rule)."""
    from portal.planning.models import DeadlineRule
    from portal.planning.selectors import plan_days

    return plan_days(DeadlineRule.AFTER_ORIGINAL, agency=page_agency(rule.section)) or rule.working_days


@transaction.atomic
def task_create_for_publication(*, page: Page) -> tuple[TranslationTask | None, bool]:
    """The task owed for a published Vietnamese item of a category to translate: (task, created).

    Idempotent: an item has at most one task, whatever the number of times it is published. The
    deadline counts working days from the first publication.
    """
    page = page.specific
    if not isinstance(page, ArticlePage) or page.locale.language_code != SOURCE_LANGUAGE or not page.live:
        return None, False
    existing = TranslationTask.objects.filter(original=page).first()
    if existing is not None:
        return existing, False
    rule = rule_for(page)
    if rule is None or not rule.to_translate:
        return None, False
    published_at = page.first_published_at or timezone.now()
    task = TranslationTask(
        original=page,
        category=rule.section,
        unit=rule.unit or page.unit,
        published_at=published_at,
        due_at=Deadline(start=published_at, days=translation_days(rule)).due_at,
    )
    english = _live_english(page)
    if english is not None:  # translated before the task existed (an import, the demo)
        task.translation = english
        task.status = TranslationTask.STATUS_IN_PROGRESS
        task.started_at = english.specific.latest_revision_created_at or english.first_published_at
        if english.live:
            task.status = TranslationTask.STATUS_DONE
            task.completed_at = english.first_published_at
    try:
        with transaction.atomic():
            task.save()
    except IntegrityError:  # another publication of the same item created it first
        return TranslationTask.objects.get(original=page), False
    return task, True


def manages_queue(user, agency=None) -> bool:
    """Whether `user` runs the translation queue of `agency` (their own agency's where none is named) for
    every unit: its secretariat or editor-in-chief, or a superuser."""
    if user.is_superuser:
        return True
    agency = agency or user_agency(user)
    return user.groups.filter(name__in=[roles.group_name(role, agency) for role in QUEUE_MANAGERS]).exists()


def can_translate(user, task: TranslationTask) -> bool:
    """Members of the responsible unit translate; the secretariat and the editor-in-chief of the item's
    agency may act for any of its units."""
    if not user.is_active:
        return False
    agency = page_agency(task.original)
    if manages_queue(user, agency):
        return True
    if not user.has_perm("translations.view_translationtask"):
        return False
    if user_agency(user) not in (None, agency):
        return False  # another agency's item, even one of no unit
    from portal.accounts.models import StaffProfile

    own_unit = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    return task.unit_id is None or task.unit_id == own_unit


def english_parent_of(original: Page) -> Page | None:
    parent = original.get_parent()
    return parent.get_translations().filter(locale__language_code=TARGET_LANGUAGE, alias_of__isnull=True).first()


def translation_copy(*, original: Page, user) -> Page:
    """The English draft of `original`: its structure, images and attachments, with the text left to translate.

    Wagtail's copy for translation keeps the translation key (the English page's link to its original)
    and creates the copy in draft under the English version of the category. The text is the original's
    until the translator replaces it; the draft is never live before it passes the approval workflow.
    """
    original = original.specific
    parent = english_parent_of(original)
    if parent is None:
        raise TranslationRefused(
            _("The category “%(category)s” has no English version yet: translate the category first.")
            % {"category": original.get_parent().title}
        )
    if _live_english(original) is not None:
        raise TranslationRefused(_("“%(title)s” already has an English version.") % {"title": original.title})
    english = CopyPageForTranslationAction(page=original, locale=target_locale(), user=user).execute(
        skip_permission_checks=True  # checked by the caller: the queue's rule, not simple_translation's
    )
    english = english.specific
    english.owner = user  # the translator edits and submits their own draft
    if isinstance(english, ArticlePage):
        attachments = list(english.attachments.select_related("document"))
        for attachment in attachments:
            # An attachment shown by its file's (Vietnamese) title gets that title to translate.
            if not attachment.title:
                attachment.title = attachment.document.title
        english.attachments = attachments
        # Related items point at Vietnamese pages: keep those that have an English version, in English.
        kept = []
        for link in english.related_links.all():
            translated = link.page.get_translations().filter(locale=english.locale).first() if link.page_id else None
            if translated is not None:
                link.page = translated
                kept.append(link)
        english.related_links = kept
    english.save()
    english.save_revision(user=user, log_action=False)
    return english


@transaction.atomic
def task_start(*, task: TranslationTask, user) -> Page:
    """Begin the English translation of the task's item (or reopen the one begun); returns the English page."""
    task = TranslationTask.objects.select_for_update().select_related("original").get(pk=task.pk)
    if not can_translate(user, task):
        raise PermissionDenied
    if task.translation_id is not None:
        return task.translation.specific
    existing = task.original.get_translations().filter(locale__language_code=TARGET_LANGUAGE).first()
    english = existing.specific if existing is not None else translation_copy(original=task.original, user=user)
    task.translation = english
    task.status = TranslationTask.STATUS_IN_PROGRESS
    task.started_at = timezone.now()
    task.started_by = user
    task.save(update_fields=["translation", "status", "started_at", "started_by"])
    log(english, "translations.started", user=user, data={"original": task.original_id})
    return english


def translation_linked(*, original: Page, english: Page) -> None:
    """Record what a new English page translates (any copy for translation, the queue's or Wagtail's)."""
    if english.locale.language_code != TARGET_LANGUAGE or original.locale.language_code != SOURCE_LANGUAGE:
        return
    # The object handed over may predate its own publication: read the live version from the database.
    live_revision_id = Page.objects.filter(pk=original.pk).values_list("live_revision_id", flat=True).first()
    TranslationBaseline.objects.get_or_create(
        translation=english, defaults={"original": original, "original_revision_id": live_revision_id}
    )
    TranslationTask.objects.filter(original=original, status=TranslationTask.STATUS_PENDING).update(
        translation=english, status=TranslationTask.STATUS_IN_PROGRESS, started_at=timezone.now()
    )


@transaction.atomic
def task_complete_for(*, english: Page) -> TranslationTask | None:
    """The English item is published (past the approval workflow): its task is done, and its address is English."""
    if english.locale.language_code != TARGET_LANGUAGE:
        return None
    english_slug_apply(english=english)  # published on the Vietnamese slug its copy kept: its own from now on
    task = (
        TranslationTask.objects.select_for_update()
        .filter(original__translation_key=english.translation_key, original__locale__language_code=SOURCE_LANGUAGE)
        .first()
    )
    original = Page.objects.filter(translation_key=english.translation_key, locale__language_code=SOURCE_LANGUAGE)
    original = original.first()
    if original is not None:
        TranslationBaseline.objects.get_or_create(
            translation=english, defaults={"original": original, "original_revision": original.live_revision}
        )
    if task is None or task.status == TranslationTask.STATUS_DONE:
        return task
    task.translation = english
    task.status = TranslationTask.STATUS_DONE
    task.completed_at = english.last_published_at or timezone.now()
    task.save(update_fields=["translation", "status", "completed_at"])
    return task


# --- Out of date ------------------------------------------------------------------------------------


def _without_block_ids(value):
    """Stream data without its block ids: a block given an id on a later save holds the same text."""
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_block_ids(item) for key, item in value.items() if key != "id"}
    return value


def translated_content(revision: Revision | None) -> dict:
    """The translated fields of a version, comparable whatever the database did to the JSON."""
    if revision is None:
        return {}
    content = {field: revision.content.get(field) for field in TRANSLATED_FIELDS}
    if isinstance(content.get("body"), str):
        try:
            content["body"] = _without_block_ids(json.loads(content["body"]))
        except ValueError:
            pass
    return content


def _revision_translated(original: Page, english: Page) -> Revision | None:
    """For an English page without a baseline: the original's version that was live when it was translated."""
    moment = english.last_published_at or english.latest_revision_created_at or timezone.now()
    return original.revisions.filter(created_at__lte=moment).order_by("-created_at", "-pk").first()


@transaction.atomic
def baselines_check(*, original: Page, revision: Revision) -> list[TranslationBaseline]:
    """The original was published as `revision`: flag its translations whose text it changed."""
    if original.locale.language_code != SOURCE_LANGUAGE:
        return []
    flagged = []
    for english in original.get_translations().filter(alias_of__isnull=True).exclude(locale=original.locale):
        baseline, _created = TranslationBaseline.objects.select_for_update().get_or_create(
            translation=english,
            defaults={"original": original, "original_revision": _revision_translated(original, english)},
        )
        if baseline.original_revision_id is None:  # translated from a version no longer known: start from now
            baseline.original_revision = _revision_translated(original, english)
            baseline.save(update_fields=["original_revision"])
        if baseline.original_revision_id in (None, revision.pk):
            continue
        if translated_content(baseline.original_revision) == translated_content(revision):
            continue  # republished without a change to the text (a new image, a fixed unit...)
        if baseline.out_of_date_since is None:
            baseline.out_of_date_since = timezone.now()
            log(english, "translations.out_of_date", data={"original_revision": revision.pk})
        baseline.changed_revision = revision
        baseline.save(update_fields=["out_of_date_since", "changed_revision"])
        flagged.append(baseline)
    return flagged


def can_confirm(user, baseline: TranslationBaseline) -> bool:
    return user.is_active and baseline.translation.permissions_for_user(user).can_edit()


@transaction.atomic
def baseline_confirm(*, baseline: TranslationBaseline, user) -> TranslationBaseline:
    """A translator confirms the English page matches the original's current version (logged)."""
    baseline = TranslationBaseline.objects.select_for_update().select_related("original").get(pk=baseline.pk)
    if not can_confirm(user, baseline):
        raise PermissionDenied
    if baseline.out_of_date_since is None:
        raise TranslationRefused(_("This translation is not out of date."))
    confirmed_revision = baseline.changed_revision or baseline.original.live_revision
    baseline.original_revision = confirmed_revision
    baseline.out_of_date_since = None
    baseline.changed_revision = None
    baseline.confirmed_at = timezone.now()
    baseline.confirmed_by = user
    baseline.save()
    log(
        baseline.translation.specific,
        "translations.confirmed",
        user=user,
        data={"original_revision": confirmed_revision.pk if confirmed_revision else None},
    )
    return baseline


# --- Reminders --------------------------------------------------------------------------------------


def unit_members(task: TranslationTask):
    """Who hears about the task: the active staff of its unit, else (no unit) the board secretariat."""
    User = get_user_model()
    users = User.objects.filter(is_active=True).exclude(email="")
    if task.unit_id is None:  # the secretariat of the item's own agency
        return role_members(roles.SECRETARIAT, page_agency(task.original)).exclude(email="")
    return users.filter(staff_profile__unit_id=task.unit_id).distinct()


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind each open task's unit once a day: what is owed, what is due today, what is overdue."""
    from .notifications import send_task_mail

    now = now or timezone.now()
    today = timezone.localdate(now)
    end_of_today = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    sent = 0
    due = (
        TranslationTask.objects.exclude(status=TranslationTask.STATUS_DONE)
        .exclude(last_reminded_on=today)
        .select_related("original", "unit")
    )
    for task in due:
        with transaction.atomic():
            # Claim the day's reminder first: a second scheduler running at once sends nothing.
            claimed = (
                TranslationTask.objects.filter(pk=task.pk)
                .exclude(last_reminded_on=today)
                .update(last_reminded_on=today)
            )
            if not claimed:
                continue
            event = "overdue" if task.due_at < now else "due_today" if task.due_at < end_of_today else "created"
            transaction.on_commit(lambda task=task, event=event: send_task_mail(task, event=event))
            sent += 1
    return sent


SLUG_LENGTH = 80  # as the demo's and the Word import's slugs


def original_of(english: Page) -> Page | None:
    return Page.objects.filter(translation_key=english.translation_key, locale__language_code=SOURCE_LANGUAGE).first()


def english_slug_for(english: Page, original: Page | None = None) -> str | None:
    """The slug `english` should take, or None if it keeps its own.

    Wagtail's copy for translation keeps the original's Vietnamese slug (or adds "-2" beside a sibling
    that has it), so English items read /en/.../tin-tuc.../: one still on it takes a slug made from its
    English title, diacritics folded (Huế -> hue). A slug staff chose, or a title not translated yet, stays.
    """
    original = original or original_of(english)
    if original is None or english.depth <= 2:  # the English home is the site's root
        return None
    if english.slug != original.slug and not re.fullmatch(rf"{re.escape(original.slug)}-\d+", english.slug):
        return None
    if fold(english.title).strip() == fold(original.title).strip():
        return None
    wanted = slugify(fold(english.title))[:SLUG_LENGTH].strip("-")
    if not wanted or wanted == english.slug:
        return None
    return find_available_slug(english.get_parent(), wanted, ignore_page_id=english.pk)


def unslug_after_translation(page: Page, original: Page) -> None:
    """A translated draft (a PO import) still on the original's Vietnamese slug takes one from its English title."""
    slug = english_slug_for(page, original)
    if slug:
        page.slug = slug


@transaction.atomic
def english_slug_apply(*, english: Page) -> str | None:
    """Give a live English page still on its original's Vietnamese slug its English slug; returns it.

    The page keeps its content and its drafts (nothing is published): its row takes the new slug, which
    moves its address and those of the pages below it, and Wagtail's redirects app
    (WAGTAILREDIRECTS_AUTO_CREATE) answers the old addresses with a 301 to the new ones. Its revisions
    take the slug too, so that publishing a draft or reverting never brings the Vietnamese one back.
    """
    english = Page.objects.select_for_update().filter(pk=english.pk, live=True).first()
    if english is None or english.locale.language_code != TARGET_LANGUAGE:
        return None
    slug = english_slug_for(english)
    if slug is None:
        return None
    old = english.slug
    english.slug = slug
    english.save(update_fields=["slug", "url_path"], clean=False)
    for revision in Revision.page_revisions.filter(object_id=str(english.pk)).only("pk", "content"):
        if revision.content.get("slug") == old:
            Revision.objects.filter(pk=revision.pk).update(content={**revision.content, "slug": slug})
    # Wagtail sends page_slug_changed on commit: the publishing registry's "moved" handlers clear the caches.
    return slug


def english_slugs_apply() -> list[tuple[str, str]]:
    """Every live English page still on a Vietnamese slug takes its English one (translations published
    before the rule, the demo's): (old path, new path) of each. Run again, it changes nothing."""
    changed = []
    pages = Page.objects.filter(locale__language_code=TARGET_LANGUAGE, live=True, depth__gt=2).order_by("path")
    for pk in pages.values_list("pk", flat=True):  # parents first; each read afresh (a parent moves its children)
        before = Page.objects.get(pk=pk).url_path
        if english_slug_apply(english=Page(pk=pk)):
            changed.append((before, Page.objects.get(pk=pk).url_path))
    return changed
