from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .agenda import dashboard_agenda
from .exports import minutes_document, minutes_docx, minutes_pdf
from .models import Meeting
from .services import can_change_meeting, can_view_meeting, meeting_draw_agenda

EXPORTS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", minutes_docx),
    "pdf": ("application/pdf", minutes_pdf),
}


def draw_agenda(request, pk: int):
    """GET: the items the dashboard calls for, to look at; POST: put them on the agenda."""
    if not can_change_meeting(request.user):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting.objects.select_related("plan"), pk=pk)
    if request.method == "POST":
        drawn = meeting_draw_agenda(meeting=meeting, user=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d item drawn from the dashboard is at the top of the agenda.",
                "%(count)d items drawn from the dashboard are at the top of the agenda.",
                len(drawn),
            )
            % {"count": len(drawn)},
        )
        return redirect(reverse("board_meetings:edit", args=[meeting.pk]))
    return render(
        request,
        "board/draw_agenda.html",
        {
            "page_title": _("Draw the agenda from the dashboard"),
            "header_title": _("Draw the agenda from the dashboard"),
            "header_icon": "list-ol",
            "meeting": meeting,
            "items": dashboard_agenda(meeting.plan),
        },
    )


def minutes(request, pk: int, extension: str):
    if not can_view_meeting(request.user):
        raise PermissionDenied
    if extension not in EXPORTS:
        raise Http404(_("The minutes are exported as DOCX or PDF."))
    meeting = get_object_or_404(Meeting.objects.select_related("plan", "chair", "secretary"), pk=pk)
    content_type, render_minutes = EXPORTS[extension]
    response = HttpResponse(render_minutes(meeting), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{minutes_document(meeting).filename}.{extension}"'
    return response
