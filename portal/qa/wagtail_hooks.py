from django.urls import path
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from portal.core.history import InstanceScopedPolicy

from . import admin_views, permissions, selectors
from .models import Question


class QuestionPermissionPolicy(InstanceScopedPolicy):
    """Questions come from citizens and change through their actions only: nobody adds, edits or
    deletes one with the generic forms (spam is purged through its own action). Each role sees the
    questions `visible_questions` gives it, in the list and in site history alike."""

    def visible_instances(self, user):
        return permissions.visible_questions(user)

    def sees_every_instance(self, user):
        # Reading the entries of deleted questions too is for who sees every question of the installation.
        return permissions.sees_every_question(user) and permissions.only_agency(user)

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Question, QuestionPermissionPolicy(Question))


class QuestionHistoryView(HistoryView):
    any_permission_required = ["view"]

    def get_base_object_queryset(self):
        return permissions.visible_questions(self.request.user)


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "qa_questions"
    url_prefix = "qa/questions"
    icon = "help"
    menu_label = _("Citizens' questions")
    menu_order = 160
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = admin_views.QuestionIndexView
    inspect_view_class = admin_views.QuestionDetailView
    history_view_class = QuestionHistoryView
    list_display = [
        "tracking_code",
        "title",
        Column("status", label=_("status"), accessor="get_status_display"),
        "unit",
        Column("received_at", label=_("received on"), accessor=lambda q: f"{localtime(q.received_at):%d/%m/%Y %H:%M}"),
        admin_views.DeadlineColumn("due_at", label=_("deadline"), sort_key="due_at"),
    ]
    list_filter = ["status", "unit", "language", "consent_to_publish"]
    list_export = [
        "tracking_code",
        "title",
        "status",
        "language",
        "unit",
        "received_at",
        "due_at",
        "answered_at",
        "working_days_to_answer",
        "answered_on_time",
    ]
    export_headings = {
        "tracking_code": pgettext_lazy("question", "tracking code"),
        "working_days_to_answer": _("working days to answer"),
    }
    search_fields = ["tracking_code", "title", "body", "name", "email"]
    ordering = ["-received_at"]
    form_fields = ["title", "body"]

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect", "history", "history_results"}
        urls = [url for url in super().get_urlpatterns() if url.name in kept]
        return [
            *urls,
            path("route/<int:pk>/", admin_views.route, name="route"),
            path("answer/<int:pk>/", admin_views.answer, name="answer"),
            path("approve/<int:pk>/", admin_views.approve, name="approve"),
            path("send-back/<int:pk>/", admin_views.send_back, name="send_back"),
            path("spam/<int:pk>/", admin_views.spam, name="spam"),
            path("attachment/<int:pk>/", admin_views.attachment, name="attachment"),
            path("purge-spam/", admin_views.purge_spam, name="purge_spam"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        # Only the views kept above exist: no links to add, edit or delete.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name", "copy_url_name"):
            view_kwargs.pop(name, None)
        return view_kwargs


question_viewset = QuestionViewSet()


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return question_viewset


class _RouteFormatter(LogFormatter):
    label = _("Route to a unit")

    def format_message(self, log_entry):
        return _("Sent to %(unit)s") % {"unit": log_entry.data.get("unit", "?")}


class _ApproveFormatter(LogFormatter):
    label = _("Approve the answer")

    def format_message(self, log_entry):
        data = log_entry.data
        if data.get("on_time"):
            return _("Answer approved and sent, on time (%(days)s working days)") % {"days": data.get("working_days")}
        return _("Answer approved and sent, late (%(days)s working days)") % {"days": data.get("working_days")}


class _ReturnFormatter(LogFormatter):
    label = _("Send the answer back")

    def format_message(self, log_entry):
        return _("Answer sent back to the unit: %(comment)s") % {"comment": log_entry.data.get("comment", "")}


@hooks.register("register_log_actions")
def register_qa_log_actions(actions):
    actions.register_action("qa.submit", _("Receive a question"), _("Question received from the public form"))
    actions.register_action("qa.route")(_RouteFormatter)
    actions.register_action("qa.answer_draft", _("Save a draft answer"), _("Draft answer saved"))
    actions.register_action("qa.answer_submit", _("Submit the answer"), _("Answer submitted for approval"))
    actions.register_action("qa.answer_return")(_ReturnFormatter)
    actions.register_action("qa.approve")(_ApproveFormatter)
    actions.register_action("qa.spam", _("Mark as spam"), _("Marked as spam"))
    actions.register_action("qa.not_spam", _("Not spam"), _("No longer marked as spam"))
    actions.register_action("qa.remind", _("Reminder"), _("Reminder sent to whoever holds the question"))


class QuestionsPanel(Component):
    """On the dashboard: the open questions the user may act on, with their deadline light."""

    name = "qa_questions"
    order = 60
    template_name = "qa/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        questions = list(
            permissions.visible_questions(self.user)
            .filter(status__in=Question.OPEN_STATUSES)
            .select_related("unit")
            .order_by("due_at")[:10]
        )
        return {
            "entries": [(question, selectors.deadline_of(question)) for question in questions],
            # The user's agency's weeks (every agency's for a superuser).
            "chart": weekly_chart(selectors.weekly_counts(agency_id=permissions.agency_of_user(self.user))),
        }


def weekly_chart(weeks: list, *, height: int = 120, bar: int = 14) -> dict:
    """Bar positions for the dashboard's inline SVG: received beside answered (on time below, late on top)."""
    peak = max([1, *(max(week.received, week.on_time + week.late) for week in weeks)])
    scale = height / peak
    columns = []
    for number, week in enumerate(weeks):
        x = 30 + number * (bar * 2 + 16)
        on_time, late = week.on_time * scale, week.late * scale
        columns.append(
            {
                "week": week,
                "x": x,
                "received_y": height - week.received * scale,
                "received_h": week.received * scale,
                "answered_x": x + bar,
                "on_time_y": height - on_time,
                "on_time_h": on_time,
                "late_y": height - on_time - late,
                "late_h": late,
                "label_x": x + bar,
            }
        )
    return {"columns": columns, "bar": bar, "height": height, "width": 30 + len(weeks) * (bar * 2 + 16), "peak": peak}


@hooks.register("construct_homepage_panels")
def add_questions_panel(request, panels):
    if permissions.visible_questions(request.user).exists():
        panels.append(QuestionsPanel(request.user))
