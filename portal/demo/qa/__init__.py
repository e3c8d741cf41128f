"""Demo of the Q&A: the public page in both languages and questions in every state.

Idempotent like the rest of the demo: the Q&A page is found by its slug, a question by its
tracking code; what exists (perhaps edited) is left alone.
"""

import datetime as dt
import hashlib
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Locale

from portal.home.models import HomePage
from portal.news.models import SectionPage
from portal.qa import selectors, services
from portal.qa.models import AnswerPage, Question, QuestionIndexPage
from portal.qa.text import fingerprint
from portal.units.models import Unit

QUESTIONS = Path(__file__).with_name("questions.json")
ROUTER, APPROVER = "thuongtruc", "truongban"
# Who in each unit drafts the demo answers (units without a demo account: the secretariat's name).
DRAFTERS = {"hop-tac-quoc-te": "truongphong"}


def demo_secret(code: str) -> str:
    """The demo askers' private link secrets: public like the demo passwords, never used for real questions."""
    return hashlib.sha256(f"demo-question:{code}".encode()).hexdigest()[:32]


def ensure_demo_questions(*, report=print) -> None:
    index_vi = QuestionIndexPage.objects.filter(locale__language_code="vi").first()
    if index_vi is None:
        return
    _quick_link(index_vi)
    User = get_user_model()
    users = {user.username: user for user in User.objects.filter(username__in=[ROUTER, APPROVER, *DRAFTERS.values()])}
    units = {unit.code: unit for unit in Unit.objects.all()}
    topics = {section.slug: section for section in SectionPage.objects.filter(locale__language_code="vi")}
    existing = set(Question.objects.values_list("tracking_code", flat=True))
    now = timezone.now()
    created = 0
    for item in json.loads(QUESTIONS.read_text(encoding="utf-8")):
        if item["code"] in existing:
            continue
        _question(item, now=now, users=users, units=units, topics=topics)
        created += 1
    sample = Question.objects.filter(tracking_code="C8PK-3DZR").first()
    link = index_vi.route_url("private", sample.tracking_code, demo_secret(sample.tracking_code)) if sample else ""
    report(f"Q&A: {created} new demo questions; an asker's private link: {link}")


def _quick_link(index_vi: QuestionIndexPage) -> None:
    for home in HomePage.objects.filter(questions_page__isnull=True):
        home.questions_page = index_vi  # the English home shows its translation (HomePage.quick_links)
        home.save_revision().publish()


def _question(item: dict, *, now, users: dict, units: dict, topics: dict) -> Question:
    received = now - dt.timedelta(hours=item["received_hours_ago"])
    status = item["status"]
    topic = topics.get(item["topic"]) if item["topic"] else None
    if topic is not None and item["language"] != "vi":
        topic = topic.get_translation_or_none(Locale.objects.get(language_code=item["language"])) or topic
    unit = units.get(item["unit"]) if item["unit"] else None
    router, approver = users.get(ROUTER), users.get(APPROVER)
    drafter = users.get(DRAFTERS.get(item["unit"] or "", ""), router)
    question = Question(
        tracking_code=item["code"],
        secret_digest=selectors.secret_digest(demo_secret(item["code"])),
        language=item["language"],
        name=item["name"],
        email=item["email"],
        phone=item["phone"],
        organisation=item["organisation"],
        topic=topic,
        title=item["title"],
        body=item["body"],
        consent_to_publish=item["consent"],
        status=status,
        received_at=received,
        due_at=services.due_at_for(received),
        fingerprint=fingerprint(item["title"], item["body"]),
        public_title="",
        public_question=item["public_question"],
        public_asker=item["public_asker"],
        redactions="\n".join(item["redactions"]),
        answer=item["answer"],
    )
    if status == Question.Status.SPAM:
        question.status_before_spam = Question.Status.NEW
    if unit is not None:
        question.unit, question.routed_by = unit, router
        question.routed_at = received + dt.timedelta(hours=2)
        question.routing_note = item["routing_note"]
    if status in (Question.Status.IN_REVIEW, Question.Status.ANSWERED):
        question.answer_drafted_by = drafter
        question.answer_submitted_at = received + dt.timedelta(hours=5)
    if status == Question.Status.ANSWERED:
        answered = now - dt.timedelta(hours=item["answered_hours_ago"])
        question.answered_at, question.approved_by = answered, approver
        question.working_days_to_answer = round(selectors.clock_of(question).working_days_waited(answered), 2)
        question.answered_on_time = answered <= question.due_at
        question.answer_submitted_at = min(question.answer_submitted_at, answered)
    question.save()
    _history(question, router=router, drafter=drafter, approver=approver)
    if status == Question.Status.ANSWERED and question.consent_to_publish and approver is not None:
        page = services.publish_answer(question=question, user=approver)
        if page is not None and item.get("english"):
            _english_translation(page, item["english"])
    return question


def _history(question: Question, *, router, drafter, approver) -> None:
    """The audit trail the question would have, at the times it would have them."""
    log(question, "qa.submit", user=None, timestamp=question.received_at)
    if question.routed_at:
        log(
            question,
            "qa.route",
            user=router,
            timestamp=question.routed_at,
            data={"unit": question.unit.name_vi, "unit_id": question.unit_id, "note": question.routing_note},
        )
    if question.answer_submitted_at:
        log(question, "qa.answer_submit", user=drafter, timestamp=question.answer_submitted_at)
    if question.answered_at:
        data = {"working_days": question.working_days_to_answer, "on_time": question.answered_on_time}
        log(question, "qa.approve", user=approver, timestamp=question.answered_at, data=data)
    if question.status == Question.Status.SPAM:
        log(question, "qa.spam", user=router, timestamp=question.received_at + dt.timedelta(hours=1))


def _english_translation(page: AnswerPage, english: dict) -> None:
    en = Locale.objects.get(language_code="en")
    if page.get_translations().filter(locale=en).exists():
        return
    translation = page.copy_for_translation(en).specific
    translation.title = english["title"]
    translation.slug = slugify(english["title"])[:70].strip("-")
    translation.asker_label = english["asker"]
    translation.question_text = english["question"]
    translation.answer_text = english["answer"]
    if page.topic is not None:
        translation.topic = page.topic.get_translation_or_none(en) or page.topic
    translation.first_published_at = page.first_published_at + dt.timedelta(hours=20)
    translation.save()
    translation.save_revision().publish()
