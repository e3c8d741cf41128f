"""Nothing that is not public reaches the API: drafts, unpublished and private pages, questions
that are unanswered, spam or not consented to, and the askers' personal data."""

import json

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal.qa import services
from portal.qa.models import AnswerPage, Question
from portal.testing.factories import (
    ArticleFactory,
    DocumentPageFactory,
    QuestionFactory,
    SectionFactory,
    StaffFactory,
    UnitFactory,
)
from portal.units import roles

from .helpers import all_records

pytestmark = pytest.mark.django_db
RESOURCES = ["items", "documents", "procedures", "schedules", "programmes", "questions"]


def everything(client) -> str:
    """Every record of every resource, lists and details, as one text."""
    parts = []
    for name in RESOURCES:
        for record in all_records(client, name):
            parts.append(json.dumps(record, ensure_ascii=False))
            ident = record.get("id") or record["code"]
            detail = client.get(f"/api/v1/{name}/{ident}/")
            assert detail.status_code == 200
            parts.append(detail.content.decode())
    return "\n".join(parts)


def ids(client, name: str) -> set[int]:
    return {record["id"] for record in all_records(client, name)}


def test_a_draft_never_appears(client):
    draft = ArticleFactory(title="Bản nháp chưa duyệt", lead="Chưa đăng.", publish=False)
    draft.save_revision()
    assert draft.pk not in ids(client, "items")
    assert client.get(f"/api/v1/items/{draft.pk}/").status_code == 404


def test_an_unpublished_item_and_the_new_draft_of_a_published_one_stay_out(client):
    withdrawn = ArticleFactory(title="Tin đã gỡ xuống")
    withdrawn.unpublish()
    published = ArticleFactory(title="Tiêu đề đã đăng")
    published.title = "Tiêu đề bản nháp mới"
    published.save_revision()  # a draft over a live page: the API shows the live version
    response = client.get(f"/api/v1/items/{published.pk}/")
    assert response.json()["title"] == "Tiêu đề đã đăng"
    assert withdrawn.pk not in ids(client, "items")
    assert client.get(f"/api/v1/items/{withdrawn.pk}/").status_code == 404


@pytest.mark.parametrize(
    "restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS, PageViewRestriction.LOGIN]
)
def test_a_page_in_a_restricted_section_never_appears(client, restriction):
    hidden_section = SectionFactory()
    item = ArticleFactory(parent=hidden_section, title="Tin trong mục bị hạn chế")
    document = DocumentPageFactory(number="99/QĐ-HANCHE")
    view = PageViewRestriction.objects.create(page=hidden_section, restriction_type=restriction, password="mat-khau")
    if restriction == PageViewRestriction.GROUPS:
        view.groups.add(Group.objects.first())
    PageViewRestriction.objects.create(page=document, restriction_type=restriction, password="mat-khau")
    assert item.pk not in ids(client, "items")
    assert client.get(f"/api/v1/items/{item.pk}/").status_code == 404
    assert document.pk not in ids(client, "documents")
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    assert client.get("/api/v1/items/", {"section": hidden_section.pk}).json()["count"] == 0


def test_only_consented_answered_questions_appear_without_personal_data(client, settings):
    settings.OPENDATA_RATE_LIMIT = 0  # it reads every record of every resource
    chief = StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=UnitFactory())
    consented = QuestionFactory(title="Câu hỏi được phép đăng", consent_to_publish=True)
    refused = QuestionFactory(title="Câu hỏi không cho đăng", consent_to_publish=False)
    unanswered = QuestionFactory(title="Câu hỏi chưa trả lời", consent_to_publish=True)
    for question in (consented, refused):
        question.status = Question.Status.ANSWERED
        question.answer = "Câu trả lời của Sở."
        question.answered_at = timezone.now()
        question.save()
    page = services.publish_answer(question=consented, user=chief)
    # Even a page somehow left over for a refused question is not shown.
    leftover = services.publish_answer(question=refused, user=chief)

    titles = {record["title"] for record in all_records(client, "questions")}
    assert page.title in titles
    assert leftover.title not in titles and unanswered.title not in titles
    assert client.get(f"/api/v1/questions/{leftover.pk}/").status_code == 404
    # Nor, on the demo, its question whose asker did not consent.
    assert not any("mất liên lạc" in title for title in titles)

    text = everything(client)
    for question in Question.objects.all():
        for private in (question.email, question.phone, question.tracking_code, question.name):
            if private:
                assert private not in text, private
    for private_field in ("email", "phone", "tracking_code", "secret", "consent", "redactions", "routing_note"):
        assert f'"{private_field}' not in text


def test_a_spam_question_drops_out_of_the_api(client):
    chief = StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=UnitFactory())
    question = QuestionFactory(title="Câu hỏi sau bị đánh dấu", consent_to_publish=True)
    question.status = Question.Status.ANSWERED
    question.answer = "Trả lời."
    question.answered_at = timezone.now()
    question.save()
    page = services.publish_answer(question=question, user=chief)
    assert client.get(f"/api/v1/questions/{page.pk}/").status_code == 200
    Question.objects.filter(pk=question.pk).update(status=Question.Status.SPAM)
    assert client.get(f"/api/v1/questions/{page.pk}/").status_code == 404
    assert AnswerPage.objects.filter(pk=page.pk, live=True).exists()  # the page itself is the staff's to retire


def test_files_of_a_restricted_collection_are_not_listed(client):
    from wagtail.models import Collection, CollectionViewRestriction

    document = DocumentPageFactory(number="98/QĐ-TEP", with_file=True)
    record = client.get(f"/api/v1/documents/{document.pk}/").json()
    assert len(record["files"]) == 1
    private = Collection.get_first_root_node().add_child(name="Tệp nội bộ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    file = document.files.get().document
    file.collection = private
    file.save()
    assert client.get(f"/api/v1/documents/{document.pk}/").json()["files"] == []
