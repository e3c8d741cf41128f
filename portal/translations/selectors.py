"""Reads of the translation queue: the queue by status and unit, the out-of-date list, the figures."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.core.figures import Figure, FigureSection
from portal.core.tree import any_subtree_q
from portal.news.models import ArticlePage
from portal.planning.agencies import agency_root_paths, serves_one_agency

from .models import TranslationBaseline, TranslationTask

OVERDUE = "overdue"
QUEUE_STATUSES = [
    (TranslationTask.STATUS_PENDING, _("pending")),
    (TranslationTask.STATUS_IN_PROGRESS, _("in progress")),
    (OVERDUE, _("overdue")),
    (TranslationTask.STATUS_DONE, _("done")),
]


def tasks_queue(*, status: str = "", unit=None, now: dt.datetime | None = None) -> QuerySet[TranslationTask]:
    """Tasks in the queue, the most urgent first; `overdue` is any open task past its deadline."""
    now = now or timezone.now()
    tasks = TranslationTask.objects.select_related(
        "original", "original__locale", "category", "unit", "translation", "started_by"
    )
    if unit is not None:
        tasks = tasks.filter(unit=unit)
    if status == OVERDUE:
        tasks = tasks.exclude(status=TranslationTask.STATUS_DONE).filter(due_at__lt=now)
    elif status in (TranslationTask.STATUS_PENDING, TranslationTask.STATUS_IN_PROGRESS):
        tasks = tasks.filter(status=status)
    elif status == TranslationTask.STATUS_DONE:
        return tasks.filter(status=status).order_by("-completed_at", "-pk")
    return tasks.order_by("due_at", "pk")


def status_counts(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    open_tasks = TranslationTask.objects.exclude(status=TranslationTask.STATUS_DONE)
    return {
        TranslationTask.STATUS_PENDING: open_tasks.filter(status=TranslationTask.STATUS_PENDING).count(),
        TranslationTask.STATUS_IN_PROGRESS: open_tasks.filter(status=TranslationTask.STATUS_IN_PROGRESS).count(),
        OVERDUE: open_tasks.filter(due_at__lt=now).count(),
        TranslationTask.STATUS_DONE: TranslationTask.objects.filter(status=TranslationTask.STATUS_DONE).count(),
    }


def out_of_date_translations() -> QuerySet[TranslationBaseline]:
    return (
        TranslationBaseline.objects.filter(out_of_date_since__isnull=False)
        .select_related("translation", "original", "original_revision", "changed_revision")
        .order_by("out_of_date_since", "pk")
    )


def baseline_for(page) -> TranslationBaseline | None:
    return TranslationBaseline.objects.filter(translation_id=page.pk).select_related("original").first()


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def _site_pages_q(agency, *, field: str) -> Q:
    """Pages (at `field`, a path) of `agency`'s site in both languages; every page where none is named
    or the installation serves one agency."""
    if agency is None or serves_one_agency():
        return Q()
    return any_subtree_q(agency_root_paths(agency), field=field)


def translation_figures(*, start: dt.date, end: dt.date, agency=None) -> FigureSection:
    """English items published, and the period's translation tasks: done on time, late, still pending;
    of `agency`'s site when named (a task is its original page's site's)."""
    since, until = _day_bounds(start, end)
    # Counted as pages of the type: the page table's index by first publication answers it alone,
    # where the item table had each of the year's items read by id (100,000 items: 4,000 reads).
    english_items = (
        Page.objects.live()
        .filter(
            _site_pages_q(agency, field="path"),
            content_type=ContentType.objects.get_for_model(ArticlePage),
            locale__language_code="en",
            first_published_at__gte=since,
            first_published_at__lt=until,
        )
        .count()
    )
    done = Q(status=TranslationTask.STATUS_DONE)
    tasks = TranslationTask.objects.filter(_site_pages_q(agency, field="original__path"))
    counts = tasks.filter(published_at__gte=since, published_at__lt=until).aggregate(
        on_time=Count("pk", filter=done & Q(completed_at__lte=F("due_at"))),
        late=Count("pk", filter=done & Q(completed_at__gt=F("due_at"))),
        pending=Count("pk", filter=~done),
        overdue=Count("pk", filter=~done & Q(due_at__lt=timezone.now())),
    )
    on_time, late, pending_count, overdue = counts["on_time"], counts["late"], counts["pending"], counts["overdue"]
    target = _("≤ 2 working days")
    return FigureSection(
        key="translations",
        title=_("English site and translations"),
        figures=(
            Figure(label=_("English items published"), value=english_items),
            Figure(label=_("Translations done on time"), value=on_time, target=target, ok=late == 0 and overdue == 0),
            Figure(label=_("Translations done late"), value=late, target=target, ok=late == 0),
            Figure(label=_("Translations pending"), value=pending_count),
            Figure(label=_("of which overdue"), value=overdue, target=target, ok=overdue == 0),
        ),
    )
