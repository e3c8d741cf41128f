"""The demo fills every Q&A page in both languages, with questions in every state, and loads idempotently."""

import pytest

from portal.demo.services import load_demo
from portal.qa.models import AnswerPage, Question

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_demo_has_questions_in_every_state_in_both_languages():
    states = set(Question.objects.values_list("status", flat=True))
    assert states == {choice for choice, _label in Question.Status.choices}
    assert Question.objects.filter(language="vi").count() >= 12
    assert Question.objects.filter(language="en").count() >= 3
    answered = Question.objects.filter(status=Question.Status.ANSWERED)
    assert answered.filter(answered_on_time=False).exists() and answered.filter(answered_on_time=True).exists()
    assert answered.filter(consent_to_publish=False).exists()  # answered by e-mail only
    for language in ("vi", "en"):
        assert AnswerPage.objects.live().filter(locale__language_code=language).count() >= 4


def test_published_demo_answers_hold_no_personal_data():
    for page in AnswerPage.objects.live().exclude(question=None).select_related("question"):
        public = " ".join([page.title, page.question_text, page.answer_text, page.asker_label])
        question = page.question
        for private in filter(None, (question.name, question.email, question.phone)):
            assert private not in public, (page.title, private)


def test_loading_the_demo_again_adds_nothing_and_keeps_edits():
    question = Question.objects.get(tracking_code="N2DT-4WPH")
    question.title = "Tiêu đề đã sửa"
    question.save()
    counts = (Question.objects.count(), AnswerPage.objects.count())
    lines = []
    load_demo(report=lines.append)
    assert (Question.objects.count(), AnswerPage.objects.count()) == counts
    assert Question.objects.get(tracking_code="N2DT-4WPH").title == "Tiêu đề đã sửa"
    assert any(
        line.startswith("Q&A: 0 new demo questions; an asker's private link: /hoi-dap/theo-doi/") for line in lines
    )
