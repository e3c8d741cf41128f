"""The public Q&A pages (routes of QuestionIndexPage). Thin: the rules live in services and selectors."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core import clients
from portal.core.models import AgencySettings
from portal.core.selectors import home_for_request

from . import attachments, guards, selectors, services
from .forms import AskForm, TrackForm
from .models import Question, QuestionIndexPage

REFUSALS = {
    guards.TokenProblem.MISSING: _(
        "The form could not be checked. Please send it again from this page (your text has been kept)."
    ),
    guards.TokenProblem.TOO_FAST: _(
        "The form was sent faster than a person can fill it in. Please check your question and send it again."
    ),
    guards.TokenProblem.EXPIRED: _(
        "The form was open for too long. Please check your question and send it again (your text has been kept)."
    ),
}
HONEYPOT_REFUSAL = _("Your question could not be accepted. Please leave the field “Leave this field empty” empty.")
FLOOD_REFUSAL = _(
    "Too many attempts have come from your connection in a short time. Please wait ten minutes and try again."
)
LINK_NOT_FOUND = _(
    "This link does not lead to any question. Check that you copied the whole link from the e-mail we sent you; "
    "a link only opens the question it was sent for."
)


def _private(response: HttpResponse, *, secret_in_url: bool = False) -> HttpResponse:
    """Pages with personal data or a per-visitor form: never cached, never indexed.

    A page whose address holds the private link's secret sends no referrer, so that the secret
    never leaves in a Referer header. The form keeps the site's policy: with no referrer at all,
    browsers post it with `Origin: null`, which Django's CSRF check rightly refuses.
    """
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    if secret_in_url:
        response["Referrer-Policy"] = "no-referrer"
    return response


def _context(index: QuestionIndexPage, **extra) -> dict:
    return {"page": index, "self": index, **extra}


def answer_list(request: HttpRequest, index: QuestionIndexPage) -> HttpResponse:
    topics = selectors.topics_with_answers(index)
    topic = None
    try:
        wanted = int(request.GET.get("topic", ""))
        topic = next((candidate for candidate, _count in topics if candidate.pk == wanted), None)
    except ValueError:
        pass  # an unknown topic shows every answer rather than an error
    query = request.GET.get("q", "")[: settings.PORTAL_SEARCH_MAX_QUERY]
    answers = selectors.published_answers(index, topic=topic, query=query)
    paginator = Paginator(answers, settings.PORTAL_PAGE_SIZE)
    try:
        page_of_answers = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_of_answers = paginator.page(1)
    page_of_answers.object_list = list(page_of_answers.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "qa/question_index_page.html",
        _context(
            index,
            answers=page_of_answers,
            topics=topics,
            topic=topic,
            query=query,
            query_prefix=f"{params.urlencode()}&" if params else "",
        ),
    )


def _ask_form(request: HttpRequest, index: QuestionIndexPage, data=None, files=None) -> AskForm:
    topics = selectors.topics_for(home_for_request(request))
    form = AskForm(data, files, topics=topics, initial={"form_token": guards.form_token()})
    return form


def _render_ask(request, index, form, *, status=200, refusal=None) -> HttpResponse:
    if form.is_bound:
        # A fresh time stamp each time the form is shown again, so that a corrected form can be sent.
        form.data = form.data.copy()
        form.data["form_token"] = guards.form_token()
    response = TemplateResponse(
        request,
        "qa/ask.html",
        _context(index, form=form, refusal=refusal),
        status=status,
    )
    return _private(response)


def ask(request: HttpRequest, index: QuestionIndexPage) -> HttpResponse:
    if request.method != "POST":
        return _render_ask(request, index, _ask_form(request, index))
    address = clients.client_address(request)
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.PORTAL_MAX_REQUEST_BYTES:
        # Past the hard cap (the web server's) nothing is read: the form comes back empty, with the reason.
        # Below it an attachment over its limit is the form's error on that field, everything typed kept.
        form = _ask_form(request, index)
        return _render_ask(request, index, form, status=413, refusal=attachments.too_large_message())
    form = _ask_form(request, index, request.POST, request.FILES)
    if not guards.post_allowed(address):
        return _render_ask(request, index, form, status=429, refusal=FLOOD_REFUSAL)
    if not form.is_valid():  # the person's own mistakes first: the time check means nothing to them yet
        return _render_ask(request, index, form)
    if form.is_honeypot_filled:
        return _render_ask(request, index, form, status=400, refusal=HONEYPOT_REFUSAL)
    problem = guards.check_form_token(request.POST.get("form_token", ""))
    if problem:
        return _render_ask(request, index, form, status=400, refusal=REFUSALS[problem])
    data = form.cleaned_data
    submission = services.Submission(
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        organisation=data["organisation"],
        topic=data["topic"],
        title=data["title"],
        body=data["body"],
        consent_to_publish=data["consent_to_publish"],
        attachment=data["attachment"],
        attachment_kind=getattr(form, "attachment_kind", None),
        language=get_language() or "vi",
    )

    def link_for(code: str, secret: str) -> str:
        return request.build_absolute_uri(index.route_url("private", code, secret))

    try:
        question, secret = services.question_submit(
            submission=submission, address=address, link_for=link_for, agency=AgencySettings.for_request(request)
        )
    except services.QuestionRefused as refusal:
        return _render_ask(request, index, form, status=refusal.status, refusal=refusal.message)
    return _private(
        redirect(index.route_url("private", question.tracking_code, secret) + "?sent=1"), secret_in_url=True
    )


def track(request: HttpRequest, index: QuestionIndexPage) -> HttpResponse:
    """Status by tracking code alone: where it stands and its dates, nothing the asker wrote."""
    form = TrackForm(request.GET or None)
    question = None
    not_found = False
    status = 200
    if form.is_bound:
        if not guards.lookup_allowed(clients.client_address(request)):
            form = TrackForm()
            return _private(
                TemplateResponse(
                    request, "qa/track.html", _context(index, form=form, refusal=FLOOD_REFUSAL), status=429
                )
            )
        if form.is_valid():
            question = selectors.question_by_code(form.cleaned_data["code"], agency=AgencySettings.for_request(request))
            not_found = question is None
            status = 404 if not_found else 200
    deadline = selectors.deadline_of(question) if question else None
    return _private(
        TemplateResponse(
            request,
            "qa/track.html",
            _context(index, form=form, question=question, deadline=deadline, not_found=not_found),
            status=status,
        )
    )


def private_status(request: HttpRequest, index: QuestionIndexPage, code: str, secret: str) -> HttpResponse:
    """The asker's own page: their question, where it stands and, once approved, the answer."""
    if not guards.lookup_allowed(clients.client_address(request)):
        return _private(
            TemplateResponse(request, "qa/link_not_found.html", _context(index, message=FLOOD_REFUSAL), status=429)
        )
    question = selectors.question_for_link(code.upper(), secret, agency=AgencySettings.for_request(request))
    if question is None:
        return _private(
            TemplateResponse(request, "qa/link_not_found.html", _context(index, message=LINK_NOT_FOUND), status=404),
            secret_in_url=True,
        )
    answered = question.status == Question.Status.ANSWERED
    return _private(
        secret_in_url=True,
        response=TemplateResponse(
            request,
            "qa/private.html",
            _context(
                index,
                question=question,
                deadline=selectors.deadline_of(question),
                answered=answered,
                published_page=question.published_page if answered else None,
                just_sent=request.GET.get("sent") == "1",
            ),
        ),
    )
