from django.shortcuts import render
from django.utils.translation import gettext as _

from .selectors import review_queue


def review_queue_view(request):
    return render(
        request,
        "editorial/review_queue.html",
        {
            "entries": review_queue(user=request.user),
            "page_title": _("Review queue"),
            "header_title": _("Review queue"),
            "header_icon": "tasks",
        },
    )
