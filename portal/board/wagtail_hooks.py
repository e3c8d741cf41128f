from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.admin.views.generic.models import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from portal.planning.wagtail_hooks import PLAN_MENU_HOOK

from . import views
from .forms import person_name
from .models import Meeting, TrainingCourse
from .services import DRAW_AGENDA_ACTION, can_change_meeting


def meeting_actions(user, meeting) -> list[tuple[str, str, str]]:
    """(label, url, icon) of what `user` may do with `meeting` beyond editing it."""
    actions = []
    if can_change_meeting(user):
        actions.append(
            (_("Draw the agenda from the dashboard"), reverse("board_draw_agenda", args=[meeting.pk]), "list-ol")
        )
    actions += [
        (_("Minutes (DOCX)"), reverse("board_minutes", args=[meeting.pk, "docx"]), "doc-full"),
        (_("Minutes (PDF)"), reverse("board_minutes", args=[meeting.pk, "pdf"]), "download"),
    ]
    return actions


class MeetingIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(meeting_actions(self.request.user, instance), start=30):
            buttons.append(ListingMenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class MeetingButtonsMixin:
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for priority, (label, url, icon) in enumerate(meeting_actions(self.request.user, self.object), start=30):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class MeetingEditView(MeetingButtonsMixin, EditView):
    pass


class MeetingInspectView(MeetingButtonsMixin, InspectView):
    """What the editor-in-chief reads: the meeting, its attendees by name, its agenda and documents."""

    template_name = "board/meeting_inspect.html"

    def get_attendees_display_value(self):
        names = [person_name(user) for user in self.object.attendees.order_by("last_name", "first_name")]
        return ", ".join(names) or "-"

    def get_chair_display_value(self):
        return person_name(self.object.chair)

    def get_secretary_display_value(self):
        return person_name(self.object.secretary) if self.object.secretary else "-"


class MeetingViewSet(ModelViewSet):
    """The board's meetings, under the plan's menu: the secretariat prepares them, the editor-in-chief reads them."""

    model = Meeting
    name = "board_meetings"
    url_prefix = "board/meetings"
    icon = "group"
    menu_label = _("Board meetings")
    menu_hook = PLAN_MENU_HOOK
    menu_order = 10
    index_view_class = MeetingIndexView
    edit_view_class = MeetingEditView
    inspect_view_class = MeetingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "title",
        "date",
        "place",
        Column("chair", label=_("chair"), accessor=lambda meeting: person_name(meeting.chair)),
        "plan",
    ]
    list_filter = ["plan"]
    search_fields = ["title", "place"]
    ordering = ["-date", "-starts_at"]
    inspect_view_fields = [
        "plan",
        "title",
        "date",
        "starts_at",
        "ends_at",
        "place",
        "chair",
        "secretary",
        "attendees",
        "guests",
        "number",
        "proceedings",
        "conclusions",
    ]


class TrainingCourseViewSet(ModelViewSet):
    """News-writing courses and who is registered and attended (plan II.4)."""

    model = TrainingCourse
    name = "board_training"
    url_prefix = "board/training"
    icon = "user"
    menu_label = _("News-writing training")
    menu_hook = PLAN_MENU_HOOK
    menu_order = 11
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["title", "organiser", "starts_on", "ends_on", "place", "plan"]
    list_filter = ["plan"]
    list_export = ["title", "organiser", "starts_on", "ends_on", "place", "plan"]
    search_fields = ["title", "organiser", "place"]
    ordering = ["-starts_on", "title"]


@hooks.register("register_admin_viewset")
def register_board_viewsets():
    return [MeetingViewSet(), TrainingCourseViewSet()]


@hooks.register("register_admin_urls")
def register_board_urls():
    return [
        path("board/meetings/<int:pk>/draw-agenda/", views.draw_agenda, name="board_draw_agenda"),
        path("board/meetings/<int:pk>/minutes.<str:extension>", views.minutes, name="board_minutes"),
    ]


class _NothingToSave(forms.Form):
    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)

    def save(self):
        pass


class TrainingSettingsPanel(BaseSettingsPanel):
    """The signed-in person's own training record on their account page (read only)."""

    name = "board_training"
    title = _("News-writing training")
    order = 700
    form_class = _NothingToSave
    template_name = "board/account_training.html"

    def get_context_data(self):
        return {**super().get_context_data(), "person": self.user}


@hooks.register("register_account_settings_panel")
def training_settings_panel(request, user, profile):
    return TrainingSettingsPanel(request, user, profile)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(DRAW_AGENDA_ACTION, _("Agenda drawn"), _("Agenda drawn from the plan dashboard"))
