"""Citizens' questions (Hỏi đáp): the private question, its public page once answered, the Q&A page.

A question is not a page: it holds personal data and lives on the staff side. When the
editor-in-chief approves an answer and the asker consented, a redacted copy is published as an
`AnswerPage` below the language's `QuestionIndexPage`, so that the site search, the sitemap,
the page cache and the menu know it like any other page.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.core.models import AgencyOwned
from portal.core.pages import PortalPage, RoutesInTwoLanguages
from portal.core.search_fields import FoldedSearchField

from . import conf


class PrivateStorage(FileSystemStorage):
    """Files kept outside the public media area; they have no URL and reach staff only through a view."""

    @property
    def base_location(self):
        return str(conf.private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private_storage


class QuestionIndexPage(RoutesInTwoLanguages, RoutablePageMixin, PortalPage):
    """The public Q&A (Appendix I row 15): answered questions by topic, the form to ask, status look-up."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    search_fields = [*PortalPage.search_fields, FoldedSearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["qa.AnswerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("questions and answers page")
        verbose_name_plural = _("questions and answers pages")

    def route_url(self, name: str, *args) -> str:
        return self.url + self.own_route(name, *args)

    @property
    def ask_url(self) -> str:
        return self.route_url("ask")

    @property
    def track_url(self) -> str:
        return self.route_url("track")

    @path("")
    def answers(self, request):
        from .views import answer_list

        return answer_list(request, self)

    @path("gui-cau-hoi/", name="ask")
    @path("ask/", name="ask-en")
    def ask(self, request):
        from .views import ask

        return ask(request, self)

    @path("theo-doi/", name="track")
    @path("track/", name="track-en")
    def track(self, request):
        from .views import track

        return track(request, self)

    @path("theo-doi/<str:code>/<str:secret>/", name="private")
    @path("track/<str:code>/<str:secret>/", name="private-en")
    def private(self, request, code, secret):
        from .views import private_status

        return private_status(request, self, code, secret)


class AnswerPage(PortalPage):
    """A published answer: the question as the agency shows it (personal data removed) and its answer."""

    # An item of the annual plan (portal.planning), counted with no deadline rule of its own.
    plan_item = {}

    question = models.ForeignKey(
        "qa.Question",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_pages",
        editable=False,
    )
    topic = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asker_label = models.CharField(
        _("asker as shown"),
        max_length=150,
        blank=True,
        help_text=_("How the asker is named in public, without personal data, e.g. “A reader in Huế”."),
    )
    question_text = models.TextField(_("question"))
    answer_text = models.TextField(_("answer"))
    answered_at = models.DateTimeField(_("answered on"), default=timezone.now)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("answered by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("topic"), FieldPanel("unit"), FieldPanel("answered_at")]),
        FieldPanel("asker_label"),
        FieldPanel("question_text"),
        FieldPanel("answer_text"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        FoldedSearchField("question_text", boost=2),
        FoldedSearchField("answer_text"),
        index.FilterField("topic"),
        index.FilterField("answered_at"),
    ]

    parent_page_types = ["qa.QuestionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")

    @property
    def lead(self) -> str:
        """What lists and the site search show under the title (the question)."""
        return self.question_text


class Question(AgencyOwned):
    """A question sent through the public form, with its routing, answer, approval and deadline.

    It belongs to the agency whose site it was asked on: only that site opens its tracking code and link,
    only that agency's staff see it, and its mails speak for that agency."""

    class Status(models.TextChoices):
        NEW = "new", _("received, waiting to be routed")
        ASSIGNED = "assigned", _("with the unit")
        IN_REVIEW = "in_review", _("waiting for approval")
        ANSWERED = "answered", _("answered")
        SPAM = "spam", _("spam")

    OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.IN_REVIEW)

    tracking_code = models.CharField(
        pgettext_lazy("question", "tracking code"), max_length=16, unique=True, editable=False
    )
    # Only a digest of the private link's secret is kept: a copy of the database opens no link.
    secret_digest = models.CharField(max_length=64, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="vi")

    name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    topic = models.ForeignKey(
        "news.SectionPage", verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("question"))
    attachment = models.FileField(_("attachment"), storage=private_storage, upload_to="questions/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("attachment's file name"), max_length=150, blank=True)
    attachment_type = models.CharField(_("attachment's type"), max_length=50, blank=True)
    attachment_size = models.PositiveIntegerField(_("attachment's size (bytes)"), null=True, blank=True)
    consent_to_publish = models.BooleanField(_("agrees to publication of the answer"), default=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    status_before_spam = models.CharField(max_length=20, blank=True, editable=False)
    received_at = models.DateTimeField(_("received on"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("due on"))
    # Duplicate detection and spam purging, without keeping the address itself.
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    address_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField(_("routed on"), null=True, blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("routed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    routing_note = models.TextField(_("note to the unit"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answer_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answer drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_submitted_at = models.DateTimeField(_("answer submitted on"), null=True, blank=True)
    review_comment = models.TextField(_("approver's comment"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True, db_index=True)
    working_days_to_answer = models.FloatField(_("working days to answer"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("answered on time"), null=True, blank=True)

    # What the public page shows once published (defaults: the asker's own title and words).
    public_title = models.CharField(_("public title"), max_length=200, blank=True)
    public_question = models.TextField(_("question as published"), blank=True)
    public_asker = models.CharField(_("asker as shown"), max_length=150, blank=True)
    redactions = models.TextField(
        _("personal data to remove"),
        blank=True,
        help_text=_(
            "Words to hide in the published text, one per line (names, addresses, ID numbers...). "
            "E-mail addresses, phone numbers and the asker's name are removed anyway."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("title"), FieldPanel("body")], heading=_("Question")),
    ]

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("citizen's question")
        verbose_name_plural = _("citizens' questions")
        permissions = [
            ("route_question", _("Can route citizens' questions to a unit")),
            ("answer_question", _("Can draft answers to the questions of one's own unit")),
            ("approve_answer", _("Can approve answers to citizens' questions")),
            ("mark_spam_question", _("Can mark citizens' questions as spam and purge spam")),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="qa_question_status_due")]

    def __str__(self) -> str:
        return f"{self.tracking_code} · {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def public_status(self) -> str:
        """The status as the asker sees it: who inside the Department holds it is not their concern."""
        if self.status == self.Status.ANSWERED:
            return _("answered")
        if self.status == self.Status.NEW:
            return _("received")
        return _("being answered")

    @property
    def answer_working_days(self) -> int:
        """The working days its agency's plan allows to answer it (the days its clock counts)."""
        from . import conf

        return conf.answer_working_days(self.agency_id)

    @cached_property
    def published_page(self):
        return self.published_pages.filter(live=True, locale__language_code=self.language).first()


class QuestionReminder(models.Model):
    """One reminder per question and day: the scheduler may run the job as often as it likes."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "day"], name="qa_one_reminder_per_day")]

    def __str__(self) -> str:
        return f"{self.question_id} {self.day:%d/%m/%Y}"
