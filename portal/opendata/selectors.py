"""What the API may show: only live pages that anyone may see, read in a fixed number of queries.

Each resource's queryset starts from `.live().public()` (no draft, no unpublished page, nothing
below a private or password-protected page) and is filtered by the parameters of its list.
Questions are read from their published pages only, never from the staff's `Question` rows.
Each site's API publishes its own agency's records only (`of_site`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, Page, Site

from portal.core.models import AgencySettings
from portal.core.per_request import remember
from portal.core.selectors import in_language
from portal.core.tree import site_pages_q
from portal.documents.models import DocumentFile, DocumentPage, DocumentRelation
from portal.news.models import ArticleAttachment, ArticlePage, SectionPage
from portal.procedures.models import ProcedureIndexPage, ProcedureVersion, RequiredDocument
from portal.procedures.selectors import of_agency
from portal.qa.models import AnswerPage, Question
from portal.schedules.models import ProgrammeFile, ProgrammeTask, ScheduleEntry, WeeklySchedulePage, WorkProgrammePage

# Dates outside this range are clamped before they become datetimes (year 1 minus seven hours
# of time zone is not a datetime Python can hold).
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(9000, 12, 31)


def _clamp(day: dt.date) -> dt.date:
    return min(max(day, EARLIEST), LATEST)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_clamp(day), dt.time.min))


def _between(queryset: QuerySet, field: str, date_from: dt.date | None, date_to: dt.date | None) -> QuerySet:
    """`field` (a datetime) on the local days `date_from` to `date_to`, both included."""
    if date_from:
        queryset = queryset.filter(**{f"{field}__gte": _day_start(date_from)})
    if date_to:
        queryset = queryset.filter(**{f"{field}__lt": _day_start(date_to) + dt.timedelta(days=1)})
    return queryset


def of_site(records: QuerySet, site: Site | None) -> QuerySet:
    """What the API of `site` shows of `records`: the pages of that site (in every language), the
    procedures its agency handles (when the site has a public catalogue). Nothing without a site."""
    if site is None:
        return records.none()
    if issubclass(records.model, Page):
        return records.filter(site_pages_q(site))
    if records.model is ProcedureVersion:
        if procedure_catalogue("vi", site) is None:
            return records.none()
        agency = remember(f"opendata:agency:{site.pk}", lambda: AgencySettings.for_site(site))
        return records.filter(of_agency(agency))
    raise TypeError(f"no site scope for {records.model.__name__}")  # a new resource must say how it is scoped


def _pages(model, lang: str | None) -> QuerySet:
    pages = model.objects.live().public().select_related("locale")
    if lang:
        pages = pages.filter(locale__language_code=lang)
    return pages


def restricted_collection_paths() -> tuple[str, ...]:
    """Collections whose files only some people may download (a restriction covers the sub-collections)."""
    return tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def public_files(rows, restricted: tuple[str, ...]) -> list:
    """The rows whose library file anyone may download."""
    return [
        row
        for row in rows
        if row.document_id and not (restricted and row.document.collection.path.startswith(restricted))
    ]


def _files_prefetch(model, name: str = "files") -> Prefetch:
    return Prefetch(name, queryset=model.objects.select_related("document__collection").order_by("sort_order", "pk"))


# Items (tin bài)


def items(*, lang=None, section=None, source=None, date_from=None, date_to=None, **_ignored) -> QuerySet:
    pages = _pages(ArticlePage, lang).select_related("image", "unit")
    if section is not None:
        scope = SectionPage.objects.live().public().filter(pk=section).first()
        if scope is None:
            return pages.none()
        pages = pages.descendant_of(scope)
    if source:
        pages = pages.filter(source_kind=source)
    pages = _between(pages, "first_published_at", date_from, date_to)
    return pages.order_by("-first_published_at", "-pk")


def item_detail_queryset() -> QuerySet:
    return items().prefetch_related(_files_prefetch(ArticleAttachment, "attachments"))


def parents_of(pages: list[Page]) -> dict[str, Page]:
    """{path: page} of the pages' parents, in one query."""
    paths = {page.path[: -Page.steplen] for page in pages}
    if not paths:
        return {}
    return {
        parent.path: parent
        for parent in Page.objects.filter(path__in=paths)
        .select_related("locale")
        .only("id", "title", "path", "url_path", "locale", "live")
    }


# Documents (văn bản)


def documents(
    *, lang=None, kind=None, issuer=None, field=None, year=None, number=None, date_from=None, date_to=None, **_ignored
) -> QuerySet:
    from portal.documents.selectors import _number_filter

    pages = _pages(DocumentPage, lang).select_related("kind", "issuer", "field")
    if kind is not None:
        pages = pages.filter(kind_id=kind)
    if issuer is not None:
        pages = pages.filter(issuer_id=issuer)
    if field is not None:
        pages = pages.filter(field_id=field)
    if year is not None:
        pages = pages.filter(issue_year=year)
    if number and number.strip():
        pages = pages.filter(_number_filter(number))
    if date_from:
        pages = pages.filter(issue_date__gte=date_from)
    if date_to:
        pages = pages.filter(issue_date__lte=date_to)
    return pages.prefetch_related(_files_prefetch(DocumentFile)).order_by("-issue_date", "-pk")


def replaced_keys(pages: list[DocumentPage]) -> set:
    """Translation keys of the pages a live document replaces: their status is "replaced"."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return set()
    return set(
        DocumentRelation.objects.filter(
            kind=DocumentRelation.REPLACES, target__translation_key__in=keys, source__live=True
        ).values_list("target__translation_key", flat=True)
    )


# Procedures (thủ tục hành chính)


def procedure_catalogue(lang: str, site: Site) -> ProcedureIndexPage | None:
    """The live public catalogue of the site in the language (the Vietnamese one where it has none):
    without one, the procedures are not on the public site and not in the API either. Asked twice by a
    procedure's answer (its scope, its link): worked out once per request."""
    return remember(
        f"opendata:catalogue:{site.pk}:{lang}",
        lambda: in_language(ProcedureIndexPage.objects.live().public().filter(site_pages_q(site)), lang, fallback="vi"),
    )


def procedures(*, field=None, level=None, scope=None, **_ignored) -> QuerySet:
    versions = (
        ProcedureVersion.objects.filter(status=ProcedureVersion.EFFECTIVE)
        .select_related("procedure__field", "procedure__unit")
        .prefetch_related("fee_items")
        .order_by(
            "procedure__field__sort_order", "procedure__field__name_vi", "procedure__sort_order", "procedure__code"
        )
    )
    if field:
        versions = versions.filter(procedure__field__code=field)
    if level is not None:
        versions = versions.filter(legacy_level=level)
    if scope:
        versions = versions.filter(online_scope=scope)
    return versions


def procedure_detail_queryset() -> QuerySet:
    return procedures().prefetch_related(
        Prefetch(
            "required_documents",
            queryset=RequiredDocument.objects.select_related("template__collection").order_by("sort_order", "pk"),
        )
    )


# Weekly schedules and work programmes (lịch công tác, chương trình công tác)


def schedules(*, lang=None, week=None, date_from=None, date_to=None, **_ignored) -> QuerySet:
    from portal.schedules.models import monday_of

    pages = _pages(WeeklySchedulePage, lang)
    if week:
        pages = pages.filter(week_start=monday_of(_clamp(week)))
    if date_from:
        pages = pages.filter(week_start__gte=monday_of(_clamp(date_from)))
    if date_to:
        pages = pages.filter(week_start__lte=date_to)
    entries = ScheduleEntry.objects.order_by("day", "start_time", "sort_order", "pk")
    return pages.prefetch_related(Prefetch("entries", queryset=entries)).order_by("-week_start", "-pk")


def programmes(*, lang=None, period=None, year=None, **_ignored) -> QuerySet:
    pages = _pages(WorkProgrammePage, lang)
    if period:
        pages = pages.filter(period=period)
    if year is not None:
        pages = pages.filter(year=year)
    tasks = ProgrammeTask.objects.select_related("unit").order_by("sort_order", "pk")
    return pages.prefetch_related(Prefetch("tasks", queryset=tasks), _files_prefetch(ProgrammeFile)).order_by(
        "-year", "period", "-number", "-pk"
    )


# Answered questions (hỏi đáp)


def questions(*, lang=None, topic=None, date_from=None, date_to=None, **_ignored) -> QuerySet:
    """Published answers. A page made from a citizen's question is shown only while that question
    stands answered with the asker's consent (publishing already requires both; this keeps it so)."""
    pages = (
        _pages(AnswerPage, lang)
        .filter(
            Q(question__isnull=True) | Q(question__consent_to_publish=True, question__status=Question.Status.ANSWERED)
        )
        .select_related("topic", "unit")
    )
    if topic is not None:
        pages = pages.filter(topic_id=topic)
    pages = _between(pages, "answered_at", date_from, date_to)
    return pages.order_by("-answered_at", "-pk")
