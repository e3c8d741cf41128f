"""The editorial board's own work, per year of the plan.

Meetings (plan IV.1: the secretariat "chuẩn bị nội dung, chương trình và các tài liệu phục vụ
các kỳ họp của Ban Biên tập"): date, place, chair, attendees, an ordered agenda (part of it drawn
from the plan dashboard, services.meeting_draw_agenda), documents and the minutes, exported in
the form of Decree 30/2020/NĐ-CP (exports.py).

News-writing training (plan II.4: "Đăng ký cử công chức, viên chức, thành viên Ban Biên tập tham
gia các lớp tập huấn nghiệp vụ viết tin, bài"): courses, who is registered and who attended.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .forms import MeetingForm, TrainingCourseForm


def _outside_plan_year(plan_id: int | None, day) -> int | None:
    """The plan's year when `day` falls outside it (None when it falls inside or cannot be told yet)."""
    from portal.planning.models import Plan

    if not plan_id or day is None:
        return None
    year = Plan.objects.filter(pk=plan_id).values_list("year", flat=True).first()
    return year if year is not None and day.year != year else None


class Meeting(ClusterableModel):
    """A meeting of the editorial board (kỳ họp của Ban Biên tập)."""

    plan = models.ForeignKey(
        "planning.Plan",
        verbose_name=_("year of the plan"),
        on_delete=models.PROTECT,
        related_name="board_meetings",
    )
    title = models.CharField(
        _("title"), max_length=300, help_text=_("What the meeting is about, e.g. the board's meeting of quarter II.")
    )
    number = models.CharField(
        _("number and symbol of the minutes"), max_length=60, blank=True, help_text=_("As filed, e.g. 05/BB-BBT.")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretary (takes the minutes)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendees = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("attendees"), blank=True, related_name="board_meetings"
    )
    guests = models.TextField(
        _("other participants"), blank=True, help_text=_("Invited people without an account, one a line.")
    )
    proceedings = models.TextField(
        _("proceedings"),
        blank=True,
        help_text=_("What was said, in the order of the meeting. Each line is a paragraph of the minutes."),
    )
    conclusions = models.TextField(_("conclusions"), blank=True, help_text=_("Each line is a paragraph."))
    recipients = models.TextField(
        _("recipients of the minutes"), blank=True, help_text=_('One a line, as under "Nơi nhận".')
    )

    base_form_class = MeetingForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("plan"),
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("chair"), FieldPanel("secretary")]),
                FieldPanel("attendees"),
                FieldPanel("guests"),
            ],
            heading=_("Meeting"),
        ),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("agenda item")),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("proceedings"), FieldPanel("conclusions"), FieldPanel("recipients")],
            heading=_("Minutes"),
        ),
    ]

    class Meta:
        ordering = ["-date", "-starts_at"]
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})" if self.date else self.title

    def clean(self):
        super().clean()
        errors = {}
        if (year := _outside_plan_year(self.plan_id, self.date)) is not None:
            errors["date"] = _("The meeting must fall in the year of its plan (%(year)s).") % {"year": year}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class AgendaItem(Orderable):
    """An item of a meeting's agenda; `drawn` items come from the dashboard and are replaced when drawn again."""

    meeting = ParentalKey(Meeting, related_name="agenda_items", on_delete=models.CASCADE)
    title = models.CharField(pgettext_lazy("agenda", "item"), max_length=300)
    details = models.TextField(pgettext_lazy("agenda", "details"), blank=True)
    presenter = models.CharField(_("presented by"), max_length=200, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True, help_text=_("What the board decided on this item."))
    drawn = models.BooleanField(_("drawn from the dashboard"), default=False, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("presenter")]),
        FieldPanel("details"),
        FieldPanel("conclusion"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class MeetingDocument(Orderable):
    meeting = ParentalKey(Meeting, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return str(self.document)


class TrainingCourse(ClusterableModel):
    """A news-writing course staff and board members are registered for (plan II.4)."""

    plan = models.ForeignKey(
        "planning.Plan",
        verbose_name=_("year of the plan"),
        on_delete=models.PROTECT,
        related_name="training_courses",
    )
    title = models.CharField(_("title"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=300)
    starts_on = models.DateField(pgettext_lazy("course", "first day"))
    ends_on = models.DateField(pgettext_lazy("course", "last day"))
    place = models.CharField(_("place"), max_length=300)
    note = models.TextField(_("note"), blank=True)

    base_form_class = TrainingCourseForm
    panels = [
        FieldPanel("plan"),
        FieldPanel("title"),
        FieldPanel("organiser"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("place"),
        FieldPanel("note"),
        InlinePanel("participants", heading=_("Registered"), label=_("person")),
    ]

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")

    def __str__(self) -> str:
        return self.title

    @property
    def begun(self) -> bool:
        return self.starts_on <= timezone.localdate()

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The course cannot end before it begins.")
        if (year := _outside_plan_year(self.plan_id, self.starts_on)) is not None:
            errors["starts_on"] = _("The course must begin in the year of its plan (%(year)s).") % {"year": year}
        if errors:
            raise ValidationError(errors)


class TrainingParticipant(Orderable):
    """A person registered for a course, and whether they attended."""

    course = ParentalKey(TrainingCourse, related_name="participants", on_delete=models.CASCADE)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_participations",
    )
    attended = models.BooleanField(_("attended"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("attended"), FieldPanel("note")])]

    class Meta(Orderable.Meta):
        verbose_name = _("registered person")
        verbose_name_plural = _("registered people")
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="one_registration_per_course")]

    def __str__(self) -> str:
        return str(self.person)
