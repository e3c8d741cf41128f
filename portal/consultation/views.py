from django.shortcuts import redirect
from django.template.response import TemplateResponse

from portal.core import clients

from .forms import CommentForm
from .services import CommentRefused, comment_submit


def comment_view(request, draft):
    """A comment sent from the draft's page: accepted for moderation, or the page again with the reason."""
    form = CommentForm.for_draft(draft, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment_submit(
                draft=draft,
                name=data["name"],
                email=data["email"],
                body=data["body"],
                organisation=data["organisation"],
                provision=data["provision"],
                honeypot=data["website"],
                token=data["token"],
                address=clients.client_address(request),
            )
        except CommentRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            return redirect(draft.url + "?da-gui=1")
    context = draft.get_context(request)
    context["form"] = form
    response = TemplateResponse(request, draft.get_template(request), context, status=400)
    response["Cache-Control"] = "no-store"
    return response
