"""Reads of the Q&A: the public list, look-ups by tracking code and link, deadlines, figures."""

import datetime as dt
import hashlib
import hmac
import re
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core import deadlines
from portal.core.models import AgencySettings
from portal.core.selectors import in_language
from portal.core.tree import children_q, site_pages_q, subtree_q
from portal.news.models import SectionPage

from .models import AnswerPage, Question, QuestionIndexPage

GREEN, AMBER, RED = deadlines.ON_TIME, deadlines.DUE_SOON, deadlines.OVERDUE
LIGHT_LABELS = {GREEN: _("On time"), AMBER: _("Due soon"), RED: _("Overdue")}


def index_page_for(language: str, *, agency: AgencySettings | None = None) -> QuestionIndexPage | None:
    """The live Q&A page of a language's site of `agency` (by default the default site's), the Vietnamese
    one if that language has none."""
    agency = agency or AgencySettings.load()
    return in_language(QuestionIndexPage.objects.live().filter(site_pages_q(agency.site)), language, fallback="vi")


def topics_for(home) -> list[SectionPage]:
    """The categories of the site a question may be about, in menu order."""
    return list(SectionPage.objects.live().public().filter(subtree_q(home.path), depth__gt=home.depth).order_by("path"))


def published_answers(index: QuestionIndexPage, *, topic: SectionPage | None = None, query: str = ""):
    """Published answers below `index`, newest first, or best match first for a search."""
    from portal.search.selectors import search_terms

    answers = AnswerPage.objects.live().public().filter(children_q(index)).select_related("topic")
    if topic is not None:
        answers = answers.filter(topic=topic)
    terms = search_terms(query)
    if terms:
        return answers.search(terms, operator="and")
    return answers.order_by("-answered_at", "-pk")


def topics_with_answers(index: QuestionIndexPage) -> list[tuple[SectionPage, int]]:
    """[(topic, number of published answers)] in menu order: two queries whatever the numbers."""
    counts = dict(
        AnswerPage.objects.live()
        .public()
        .filter(children_q(index))
        .exclude(topic=None)
        .order_by()  # grouped by topic only, not also by the pages' default order (path)
        .values_list("topic")
        .annotate(count=Count("pk"))
        .values_list("topic", "count")
    )
    topics = SectionPage.objects.filter(pk__in=counts).order_by("path")
    return [(topic, counts[topic.pk]) for topic in topics]


def secret_digest(secret: str) -> str:
    return hashlib.sha256(f"qa-link:{secret}".encode("utf-8", "surrogatepass")).hexdigest()


def question_by_code(code: str, *, agency: AgencySettings) -> Question | None:
    """The question of `agency` with this tracking code: another agency's code is as unknown as a wrong one."""
    return Question.objects.exclude(status=Question.Status.SPAM).filter(agency=agency, tracking_code=code).first()


TRACKING_CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$")


def question_for_link(code: str, secret: str, *, agency: AgencySettings) -> Question | None:
    """The question of `agency` whose private link this is, or None: a wrong secret, or a link opened on
    another agency's site, looks exactly like a wrong code."""
    # What cannot be a code never reaches the database (PostgreSQL refuses a NUL in a query, for one).
    wellformed = bool(TRACKING_CODE.match(code))
    question = (
        Question.objects.select_related("topic", "unit").filter(agency=agency, tracking_code=code).first()
        if wellformed
        else None
    )
    expected = question.secret_digest if question else secret_digest("no such question")
    matches = hmac.compare_digest(expected, secret_digest(secret))
    if question is None or not matches or question.status == Question.Status.SPAM:
        return None
    return question


@dataclass(frozen=True)
class Deadline:
    due_at: dt.datetime
    waited_days: float
    allowed_days: int
    light: str

    @property
    def label(self):
        return LIGHT_LABELS[self.light]


def clock_of(question: Question) -> deadlines.Deadline:
    """The question's clock: its agency's plan's days from arrival, due when its receipt said (stored at
    arrival)."""
    return deadlines.Deadline(
        start=question.received_at, days=question.answer_working_days, recorded_due_at=question.due_at
    )


def deadline_of(question: Question, *, now: dt.datetime | None = None) -> Deadline:
    """Green in the first half of the allowed time, amber in the second, red once past the due time.
    An answered question keeps the light it was answered with."""
    end = question.answered_at or now or timezone.now()
    clock = clock_of(question)
    return Deadline(
        due_at=question.due_at,
        waited_days=round(clock.working_days_waited(end), 1),
        allowed_days=clock.days,
        light=clock.light(end),
    )


def _q_agency(agency_id: int | None) -> Q:
    return Q(agency_id=agency_id) if agency_id is not None else Q()


def open_questions():
    return Question.objects.filter(status__in=Question.OPEN_STATUSES)


@dataclass(frozen=True)
class PeriodFigures:
    received: int
    answered: int
    answered_on_time: int
    median_working_days: float | None
    overdue_now: int


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return first, after


def _of(agency_id: int | None):
    """Questions of one agency, or of every agency (None: the installation's, as a superuser sees them)."""
    questions = Question.objects.all()
    return questions.filter(agency_id=agency_id) if agency_id is not None else questions


def period_figures(
    *, start: dt.date, end: dt.date, now: dt.datetime | None = None, agency_id: int | None = None
) -> PeriodFigures:
    """Questions received and answered in the days `start` to `end` (inclusive), of `agency_id` when
    given; spam never counts."""
    first, after = _bounds(start, end)
    not_spam = _of(agency_id).exclude(status=Question.Status.SPAM)
    # The questions received and those open past their deadline now: one query (they were two).
    in_period = Q(received_at__gte=first, received_at__lt=after)
    overdue_now = Q(status__in=Question.OPEN_STATUSES, due_at__lt=now or timezone.now())
    counts = not_spam.filter(in_period | overdue_now).aggregate(
        received=Count("pk", filter=in_period), overdue=Count("pk", filter=overdue_now)
    )
    answered = list(
        not_spam.filter(answered_at__gte=first, answered_at__lt=after).values_list(
            "working_days_to_answer", "answered_on_time"
        )
    )
    days = [value for value, _on_time in answered if value is not None]
    return PeriodFigures(
        received=counts["received"],
        answered=len(answered),
        answered_on_time=sum(1 for _value, on_time in answered if on_time),
        median_working_days=round(statistics.median(days), 1) if days else None,
        overdue_now=counts["overdue"],
    )


@dataclass(frozen=True)
class Week:
    start: dt.date
    received: int
    on_time: int
    late: int


def weekly_counts(*, weeks: int = 8, now: dt.datetime | None = None, agency_id: int | None = None) -> list[Week]:
    """Questions received, answered on time and answered late in each of the last `weeks` weeks
    (Monday to Sunday, local time), oldest first, of `agency_id` when given: three queries whatever the
    numbers."""
    today = timezone.localtime(now or timezone.now()).date()
    first = today - dt.timedelta(days=today.weekday() + 7 * (weeks - 1))
    since = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    not_spam = _of(agency_id).exclude(status=Question.Status.SPAM)

    def by_week(queryset, field: str) -> dict[dt.date, int]:
        rows = queryset.filter(**{f"{field}__gte": since}).annotate(week=TruncWeek(field)).values("week")
        return {_as_date(row["week"]): row["count"] for row in rows.annotate(count=Count("pk")).values("week", "count")}

    received = by_week(not_spam, "received_at")
    on_time = by_week(not_spam.filter(answered_on_time=True), "answered_at")
    late = by_week(not_spam.filter(answered_on_time=False), "answered_at")
    starts = [first + dt.timedelta(days=7 * number) for number in range(weeks)]
    return [Week(day, received.get(day, 0), on_time.get(day, 0), late.get(day, 0)) for day in starts]


def _as_date(value) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value
