"""The staff side of the Q&A in the Wagtail admin: the list, one question with its actions, attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView

from . import permissions, selectors, services
from .forms import AnswerForm, ReturnForm, RouteForm
from .models import Question


class DeadlineColumn(Column):
    cell_template_name = "qa/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["deadline"] = selectors.deadline_of(instance)
        context["question"] = instance
        return context


class QuestionIndexView(IndexView):
    """Everyone sees the questions they may act on; spam only when asked for."""

    def get_base_queryset(self):
        questions = permissions.visible_questions(self.request.user).select_related("unit", "topic")
        if self.request.GET.get("status") != Question.Status.SPAM:
            questions = questions.exclude(status=Question.Status.SPAM)
        return questions

    @property
    def header_buttons(self):
        from wagtail.admin.widgets import HeaderButton

        buttons = list(super().header_buttons)
        if self.request.user.has_perm(permissions.MARK_SPAM):
            buttons.append(
                HeaderButton(_("Purge spam"), url=reverse("qa_questions:purge_spam"), icon_name="bin", priority=50)
            )
        return buttons


class QuestionDetailView(InspectView):
    """One question: what the citizen asked, where it stands, and the actions the user may take."""

    template_name = "qa/admin/question_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            permissions.visible_questions(self.request.user).select_related(
                "unit", "topic", "routed_by", "answer_drafted_by", "approved_by"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return f"{self.object.tracking_code} · {self.object.title}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question, user = self.object, self.request.user
        answer_initial = {
            "answer": question.answer,
            "public_title": question.public_title,
            "public_question": question.public_question,
            "public_asker": question.public_asker,
            "redactions": question.redactions,
        }
        context.update(
            question=question,
            deadline=selectors.deadline_of(question),
            can_route=permissions.can_route(user, question),
            can_answer=permissions.can_answer(user, question),
            can_approve=permissions.can_approve(user, question),
            can_mark_spam=permissions.can_mark_spam(user, question),
            route_form=RouteForm(initial={"unit": question.unit_id}, question=question),
            answer_form=AnswerForm(initial=answer_initial),
            return_form=ReturnForm(),
            public_preview=services.public_texts(question) if question.answer else None,
            published_page=question.published_page,
            history_url=reverse("qa_questions:history", args=[question.pk]),
        )
        return context


def _question_for(request, pk: int) -> Question:
    return get_object_or_404(permissions.visible_questions(request.user), pk=pk)


def _back(question: Question):
    return redirect("qa_questions:inspect", question.pk)


def _run(request, question: Question, action, success: str):
    try:
        action()
    except PermissionDenied:
        return permission_denied(request)
    except services.ActionRefused as refusal:
        messages.error(request, str(refusal.message))
    else:
        messages.success(request, success)
    return _back(question)


def _form_error(request, question: Question, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
def route(request, pk: int):
    question = _question_for(request, pk)
    form = RouteForm(request.POST, question=question)
    if not form.is_valid():
        _form_error(request, question, form)
        return _back(question)
    unit = form.cleaned_data["unit"]
    return _run(
        request,
        question,
        lambda: services.question_route(
            question=question, unit=unit, user=request.user, note=form.cleaned_data["note"]
        ),
        _("The question was sent to %(unit)s.") % {"unit": unit.name},
    )


@require_POST
def answer(request, pk: int):
    question = _question_for(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        _form_error(request, question, form)
        return _back(question)
    submit = "submit" in request.POST
    return _run(
        request,
        question,
        lambda: services.answer_save(question=question, user=request.user, submit=submit, **form.cleaned_data),
        _("The answer was sent for approval.") if submit else _("The draft answer was saved."),
    )


def _second_factor_passed(request) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


@require_POST
def approve(request, pk: int):
    question = _question_for(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        _form_error(request, question, form)
        return _back(question)
    return _run(
        request,
        question,
        lambda: services.answer_approve(
            question=question,
            user=request.user,
            second_factor_passed=_second_factor_passed(request),
            edits=form.cleaned_data,
        ),
        _("The answer was approved and sent to the asker."),
    )


@require_POST
def send_back(request, pk: int):
    question = _question_for(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _form_error(request, question, form)
        return _back(question)
    return _run(
        request,
        question,
        lambda: services.answer_return(
            question=question,
            user=request.user,
            comment=form.cleaned_data["comment"],
            second_factor_passed=_second_factor_passed(request),
        ),
        _("The answer was sent back to the unit."),
    )


@require_POST
def spam(request, pk: int):
    question = _question_for(request, pk)
    if request.POST.get("restore"):
        return _run(
            request,
            question,
            lambda: services.question_restore(question=question, user=request.user),
            _("The question is no longer marked as spam."),
        )
    return _run(
        request,
        question,
        lambda: services.question_mark_spam(question=question, user=request.user),
        _("The question was marked as spam."),
    )


def purge_spam(request):
    if not request.user.has_perm(permissions.MARK_SPAM):
        return permission_denied(request)
    if request.method == "POST":
        count = services.spam_purge(user=request.user)
        messages.success(request, _("%(count)d spam question(s) deleted.") % {"count": count})
        return redirect("qa_questions:index")
    return TemplateResponse(
        request,
        "qa/admin/purge_spam.html",
        {
            "page_title": _("Purge spam"),
            "header_icon": "bin",
            "count": Question.objects.filter(status=Question.Status.SPAM).count(),
        },
    )


def attachment(request, pk: int):
    """The attachment, to staff who may see the question only: downloaded, never shown inline."""
    question = _question_for(request, pk)
    if not question.attachment:
        raise Http404(gettext_lazy("This question has no attachment."))
    try:
        handle = question.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404(gettext_lazy("The attachment's file is missing.")) from error
    response = FileResponse(
        handle, as_attachment=True, filename=question.attachment_name, content_type=question.attachment_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
