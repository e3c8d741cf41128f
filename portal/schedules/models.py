"""Work programmes (chương trình công tác: monthly, quarterly, yearly) and the leaders' weekly schedule."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from portal.core.listings import paginate, query_prefix
from portal.core.pages import PortalPage
from portal.core.search_fields import FoldedSearchField
from portal.core.tree import descendants_q
from portal.documents.models import FilesTextMixin, RegistryFile, RegistryIndexMixin
from portal.news.models import SectionPage

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class WorkProgrammeIndexPage(RegistryIndexMixin, RoutablePageMixin, SectionPage):
    """The work programmes of the Department and its leaders' weekly schedule, week by week."""

    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["schedules.WorkProgrammePage", "schedules.WeeklySchedulePage", "news.ArticlePage"]
    template = "schedules/work_programme_index_page.html"

    class Meta:
        verbose_name = _("work programmes and schedules")

    def programmes(self):
        return WorkProgrammePage.objects.live().public().filter(descendants_q(self))

    def schedules(self):
        return WeeklySchedulePage.objects.live().public().filter(descendants_q(self))

    def feed_items(self):
        from wagtail.models import Page

        pages = Page.objects.live().public().filter(descendants_q(self)).type(WorkProgrammePage, WeeklySchedulePage)
        return pages.order_by("-first_published_at", "-pk").specific()

    def get_context(self, request, *args, **kwargs):
        from .forms import ProgrammeFilterForm
        from .selectors import filter_programmes, programme_years

        context = PortalPage.get_context(self, request, *args, **kwargs)
        form = ProgrammeFilterForm(request.GET or None, years=programme_years(self.programmes()))
        filters = form.cleaned_data if form.is_valid() else {}
        context["form"] = form
        context["filtered"] = bool(request.GET) and form.is_valid() and any(filters.values())
        context["programmes"] = paginate(request, filter_programmes(self.programmes(), **filters))
        context["query_prefix"] = query_prefix(request)
        context["this_week"] = self.schedules().filter(week_start=monday_of(dt.date.today())).first()
        context["news"] = self.category_news()
        return context

    @path("lich-tuan/", name="current_week")
    def current_week(self, request):
        year, week, _weekday = dt.date.today().isocalendar()
        return self.week(request, year, week)

    @path("lich-tuan/<int:year>/<int:week>/", name="week")
    def week(self, request, year: int, week: int):
        """The schedule of an ISO week: its page if published, otherwise an empty week with navigation."""
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise Http404 from None
        schedule = self.schedules().filter(week_start=monday).first()
        if schedule is not None:
            return redirect(schedule.url)
        context = self.get_context(request)
        context.update(week_navigation(self, monday))
        return TemplateResponse(request, "schedules/empty_week.html", context)

    @path("ical/", name="calendar")
    def calendar(self, request):
        from .calendar import schedule_calendar_response

        return schedule_calendar_response(request, index=self)


def week_navigation(index, monday: dt.date) -> dict:
    previous = monday - dt.timedelta(days=7)
    following = monday + dt.timedelta(days=7)
    base = index.url
    return {
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "iso_week": monday.isocalendar()[1],
        "previous_week_url": base + index.reverse_subpage("week", args=tuple(previous.isocalendar())[:2]),
        "next_week_url": base + index.reverse_subpage("week", args=tuple(following.isocalendar())[:2]),
        "current_week_url": base + index.reverse_subpage("current_week"),
        "index": index,
    }


class WorkProgrammePage(FilesTextMixin, PortalPage):
    """The Department's programme of work for a month, a quarter or a year."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    PERIOD_MONTH = "month"
    PERIOD_QUARTER = "quarter"
    PERIOD_YEAR = "year"
    PERIOD_CHOICES = [(PERIOD_MONTH, _("monthly")), (PERIOD_QUARTER, _("quarterly")), (PERIOD_YEAR, _("yearly"))]

    period = models.CharField(_("period"), max_length=10, choices=PERIOD_CHOICES, default=PERIOD_MONTH)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("month or quarter"), null=True, blank=True, help_text=_("1-12 for a month, 1-4 for a quarter.")
    )
    summary = models.TextField(_("summary"), max_length=1000)
    body = RichTextField(_("programme"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("period"), FieldPanel("year"), FieldPanel("number")], heading=_("Period")),
        FieldPanel("summary"),
        InlinePanel("tasks", label=pgettext_lazy("schedule", "tasks")),
        FieldPanel("body"),
        InlinePanel("files", label=_("files (PDF or Word)")),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("summary", boost=2),
        FoldedSearchField("body"),
        FoldedSearchField("search_tasks"),
        FoldedSearchField("search_files_text"),
        index.FilterField("period"),
        index.FilterField("year"),
    ]
    parent_page_types = ["schedules.WorkProgrammeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("work programme")
        verbose_name_plural = _("work programmes")

    def clean(self):
        super().clean()
        limits = {self.PERIOD_MONTH: 12, self.PERIOD_QUARTER: 4}
        if self.period in limits:
            if not self.number or not 1 <= self.number <= limits[self.period]:
                raise ValidationError({"number": _("Give the month (1-12) or the quarter (1-4) the programme covers.")})
        elif self.number:
            raise ValidationError({"number": _("A yearly programme has no month or quarter.")})
        from .selectors import programme_for_period

        other = programme_for_period(
            period=self.period,
            year=self.year,
            number=self.number,
            locale_id=self.locale_id,
            translation_key=self.translation_key,
        )
        if other is not None:
            raise ValidationError(
                {"year": _("“%(title)s” already covers this period; edit it instead.") % {"title": other.title}}
            )

    @property
    def lead(self) -> str:
        return self.summary

    @property
    def period_label(self) -> str:
        if self.period == self.PERIOD_MONTH:
            return _("Month %(number)s/%(year)s") % {"number": self.number, "year": self.year}
        if self.period == self.PERIOD_QUARTER:
            return _("Quarter %(number)s/%(year)s") % {"number": self.number, "year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    @property
    def search_tasks(self) -> str:
        return " ".join(f"{task.content} {task.lead_unit_text}" for task in self.tasks.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tasks"] = list(self.tasks.select_related("unit"))
        context["files"] = list(self.files.select_related("document"))
        return context


class ProgrammeTask(Orderable):
    page = ParentalKey(WorkProgrammePage, related_name="tasks", on_delete=models.CASCADE)
    when = models.CharField(_("when"), max_length=100, help_text=_("A date, a week or a period, e.g. 15/5 or Tuần 3."))
    content = models.TextField(pgettext_lazy("schedule", "task"), max_length=1000)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit in charge"), null=True, blank=True, on_delete=models.SET_NULL
    )
    unit_other = models.CharField(_("or other body in charge"), max_length=200, blank=True)

    panels = [FieldPanel("when"), FieldPanel("content"), FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_other")])]

    @property
    def lead_unit_text(self) -> str:
        return self.unit.name if self.unit_id else self.unit_other


class ProgrammeFile(RegistryFile):
    page = ParentalKey(WorkProgrammePage, related_name="files", on_delete=models.CASCADE)


class WeeklySchedulePage(RoutablePageMixin, PortalPage):
    """The leaders' schedule for one week (lịch làm việc của Lãnh đạo Sở)."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    week_start = models.DateField(_("Monday of the week"))
    notes = models.TextField(_("notes"), blank=True, max_length=1000)

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("week_start"),
        InlinePanel("entries", label=_("appointments")),
        FieldPanel("notes"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("search_entries"),
        FoldedSearchField("notes"),
        index.FilterField("week_start"),
    ]
    parent_page_types = ["schedules.WorkProgrammeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("weekly schedule of the leaders")
        verbose_name_plural = _("weekly schedules of the leaders")

    def clean(self):
        super().clean()
        from .selectors import schedule_for_week

        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("Choose the Monday the week starts on.")})
        if self.week_start:
            other = schedule_for_week(
                week_start=self.week_start, locale_id=self.locale_id, translation_key=self.translation_key
            )
            if other is not None:
                raise ValidationError(
                    {
                        "week_start": _("“%(title)s” is already the schedule of that week; edit it instead.")
                        % {"title": other.title}
                    }
                )

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def lead(self) -> str:
        return _("The leaders' schedule from %(start)s to %(end)s.") % {
            "start": self.week_start.strftime("%d/%m/%Y"),
            "end": (self.week_start + dt.timedelta(days=4)).strftime("%d/%m/%Y"),
        }

    @property
    def search_entries(self) -> str:
        return " ".join(f"{e.content} {e.chair} {e.attendees} {e.place}" for e in self.entries.all())

    def days(self):
        """[(date, [entries])] for each day of the week that has appointments, in order."""
        by_day: dict[dt.date, list] = {}
        for entry in sorted(self.entries.all(), key=lambda e: (e.day, e.start_time, e.sort_order or 0)):
            by_day.setdefault(entry.day, []).append(entry)
        return sorted(by_day.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = self.get_parent().specific
        context.update(week_navigation(index, self.week_start))
        context["days"] = self.days()
        return context

    @path("in/", name="print")
    def printable(self, request):
        return TemplateResponse(request, "schedules/weekly_schedule_print.html", self.get_context(request))

    @path("ical/", name="calendar")
    def calendar(self, request):
        from .calendar import schedule_calendar_response

        return schedule_calendar_response(request, schedule=self)


class ScheduleEntry(Orderable):
    page = ParentalKey(WeeklySchedulePage, related_name="entries", on_delete=models.CASCADE)
    day = models.DateField(pgettext_lazy("date", "day"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"), null=True, blank=True)
    content = models.TextField(_("content"), max_length=1000)
    chair = models.CharField(_("chaired by"), max_length=200)
    attendees = models.CharField(_("attended by"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=250)
    preparation = models.CharField(
        _("prepared by"), max_length=200, blank=True, help_text=_("The unit that prepares the content.")
    )

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("chair"), FieldPanel("attendees")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("preparation")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("appointment")

    def clean(self):
        super().clean()
        errors = {}
        week_start = getattr(getattr(self, "page", None), "week_start", None)
        if week_start and self.day and not week_start <= self.day <= week_start + dt.timedelta(days=6):
            errors["day"] = _("The day must fall within the week of the schedule.")
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must come after the start.")
        if errors:
            raise ValidationError(errors)
