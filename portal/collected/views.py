"""The inbox of collected items in the Wagtail admin. Thin: the rules live in services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied, user_passes_test

from . import services
from .forms import DraftForm, InboxFilterForm
from .models import InboxEntry

PAGE_SIZE = 30


@user_passes_test(services.can_use_inbox)
def inbox(request):
    data = request.GET.copy()
    data.setdefault("status", InboxEntry.STATUS_NEW)  # the inbox opens on what still needs a decision
    filters = InboxFilterForm(data)
    entries = InboxEntry.objects.select_related("source", "draft")
    if filters.is_valid():  # unknown values show the form's message and the whole inbox, never an error
        if filters.cleaned_data["source"]:
            entries = entries.filter(source=filters.cleaned_data["source"])
        if filters.cleaned_data["status"]:
            entries = entries.filter(status=filters.cleaned_data["status"])
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("p"))
    query = data.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "collected/inbox.html",
        {
            "page_title": _("Collected news inbox"),
            "header_icon": "tasks",
            "filters": filters,
            "entries": page,
            "query": query.urlencode(),
            "categories": services.categories_for(request.user),
            "next": request.get_full_path(),
        },
    )


@require_POST
@user_passes_test(services.can_use_inbox)
def make_draft(request, pk: int):
    entry = get_object_or_404(InboxEntry.objects.select_related("source"), pk=pk)
    form = DraftForm(request.POST, categories=services.categories_for(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a category where you may add items."))
        return _back(request)
    try:
        page = services.entry_to_draft(entry=entry, user=request.user, parent=form.cleaned_data["category"])
    except PermissionDenied:
        return permission_denied(request)
    except services.DraftError as error:
        messages.error(request, str(error))
        return _back(request)
    messages.success(request, _("Draft “%(title)s” is ready to edit.") % {"title": page.title})
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
@user_passes_test(services.can_use_inbox)
def dismiss(request, pk: int):
    entry = services.dismiss_entry(get_object_or_404(InboxEntry, pk=pk))
    messages.success(request, _("“%(title)s” was set aside.") % {"title": entry.title})
    return _back(request)


def _back(request):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("collected_inbox")
    return redirect(target)
