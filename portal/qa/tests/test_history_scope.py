"""Site history and the dashboard show a citizen's question (its title and tracking code) only to those who
may see the question: the secretariat, the editor-in-chief and the unit it is routed to (issue 18, item 9)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.log_actions import registry as log_registry

from portal.accounts.testing import login_with_second_factor
from portal.qa import services

from .conftest import submit_question

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


def history_of(client, viewer) -> str:
    login_with_second_factor(client, viewer)
    response = client.get(SITE_HISTORY)
    assert response.status_code == 200
    return response.content.decode()


def viewable(viewer) -> set[str]:
    """The labels of the entries site history would give `viewer`, every page of it."""
    labels = set()
    for model in log_registry.get_log_entry_models():
        labels.update(model.objects.viewable_by_user(viewer).values_list("label", flat=True))
    return labels


@pytest.fixture
def new_question():
    question, _secret = submit_question(title="Câu hỏi mới: giấy phép hội thảo quốc tế")
    return question


def test_a_new_question_stays_out_of_every_units_history(
    client, new_question, cooperation_member, unit_head, consular_member, secretariat, chief
):
    label = str(new_question)
    for viewer in (cooperation_member, unit_head, consular_member):
        html = history_of(client, viewer)
        assert new_question.tracking_code not in html and new_question.title not in html, viewer.username
        assert label not in viewable(viewer)
    for viewer in (secretariat, chief):
        html = history_of(client, viewer)
        assert new_question.tracking_code in html and new_question.title in html, viewer.username
        assert label in viewable(viewer)


def test_a_routed_question_shows_to_its_unit_only(
    client,
    new_question,
    secretariat,
    cooperation_unit,
    cooperation_member,
    unit_head,
    consular_member,
    consular_question,
):
    services.question_route(question=new_question, unit=cooperation_unit, user=secretariat)
    for viewer in (cooperation_member, unit_head):
        html = history_of(client, viewer)
        assert new_question.tracking_code in html and new_question.title in html, viewer.username
        assert str(new_question) in viewable(viewer)
    html = history_of(client, consular_member)
    assert new_question.tracking_code not in html and new_question.title not in html
    assert str(new_question) not in viewable(consular_member)
    assert client.get(f"/admin/qa/questions/history/{new_question.pk}/").status_code == 404
    # The unit's own questions stay in its members' history: one routed to the consular division.
    assert any(consular_question.tracking_code in label for label in viewable(consular_member))


def test_the_history_filters_name_no_one_the_user_may_not_see_and_queries_stay_bounded(
    client, new_question, consular_member
):
    login_with_second_factor(client, consular_member)
    client.get(SITE_HISTORY)
    with CaptureQueriesContext(connection) as few:
        client.get(SITE_HISTORY)
    for number in range(5):
        submit_question(title=f"Câu hỏi thêm số {number}", address=f"198.51.100.{20 + number}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(SITE_HISTORY).content.decode()
    assert "Câu hỏi thêm số" not in html
    assert len(many) <= len(few)


def test_the_dashboard_panel_lists_the_units_questions_only(
    client, new_question, secretariat, cooperation_unit, unit_head, consular_question
):
    services.question_route(question=new_question, unit=cooperation_unit, user=secretariat)
    login_with_second_factor(client, unit_head)
    html = client.get("/admin/").content.decode()
    assert new_question.tracking_code in html
    assert consular_question.tracking_code not in html  # routed to the consular division


def test_the_secretariat_still_reads_the_entries_of_purged_spam(client, secretariat, cooperation_member):
    spam, _secret = submit_question(title="Quảng cáo bán hàng giảm giá", address="198.51.100.40")
    services.question_mark_spam(question=spam, user=secretariat)
    label = str(spam)
    assert services.spam_purge(user=secretariat) >= 1
    assert label in viewable(secretariat)
    assert label not in viewable(cooperation_member)
