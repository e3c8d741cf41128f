"""Citizens' questions on an installation of several agencies: a question belongs to the agency whose site
it was asked on; its code and link open there only, its mails speak for that agency, its staff alone see it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from portal.accounts.testing import login_with_second_factor
from portal.qa import selectors, services
from portal.qa.models import Question
from portal.testing.agencies import agency, site, visitor
from portal.units.models import Unit

from .conftest import ask_data, submit_question

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

NOT_FOUND_CODE = "Không có câu hỏi nào có mã theo dõi này."
NOT_FOUND_LINK = "Đường dẫn này không dẫn đến câu hỏi nào."


def index_path(key: str) -> str:
    index = selectors.index_page_for("vi", agency=agency(key))
    return index.get_url(current_site=site(key))


def second_agency_person(username: str):
    """A person the second agency's pack names (secretariat: phamvanan; editor-in-chief: lequangcuong)."""
    return get_user_model().objects.get(username=username)


@pytest.fixture
def asked_on_second_site(django_capture_on_commit_callbacks):
    """A question sent through the second agency's public form: (question, its private link's path)."""
    browser = visitor("second")
    topic = selectors.topics_for(site("second").root_page.specific)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            index_path("second") + "gui-cau-hoi/", ask_data(topic=str(topic.pk), title="Hợp tác A & B")
        )
    assert response.status_code == 302
    code = re.search(r"/([0-9A-Z]{4}-[0-9A-Z]{4})/", response["Location"]).group(1)
    return Question.objects.get(tracking_code=code), response["Location"].split("?")[0]


def test_a_question_asked_on_the_second_agencys_site_is_the_second_agencys(asked_on_second_site):
    question, _link = asked_on_second_site
    assert question.agency == agency("second")
    # Its deadline is counted by the one clock with the second agency's plan ("Chậm nhất 5 ngày làm việc"),
    # not the first's two days.
    assert selectors.deadline_of(question).allowed_days == 5
    assert question.due_at == services.due_at_for(question.received_at, agency_id=agency("second").pk)
    first_question, _secret = submit_question(title="Câu hỏi gửi Sở Ngoại vụ về hộ chiếu công vụ")
    assert selectors.deadline_of(first_question).allowed_days == 2


def test_its_receipt_names_and_signs_as_the_second_agency_and_reaches_its_own_secretariat(
    asked_on_second_site, secretariat
):
    question, _link = asked_on_second_site
    receipt = next(message for message in mail.outbox if message.to == [question.email])
    second = agency("second")
    assert f"{second.name_vi} đã nhận câu hỏi" in receipt.body
    assert "Số 5 đường Lê Lợi, thành phố Lam Sơn" in receipt.body and "0200 3 812 345" in receipt.body
    assert "(5 ngày làm việc)" in receipt.body  # the answer time its own plan gives
    assert agency("first").name_vi not in receipt.body
    assert second.name_vi in receipt.from_email
    assert '"Hợp tác A & B"' in receipt.body  # plain text: the asker's words as typed, not HTML-escaped
    told = [message.to[0] for message in mail.outbox if message.to != [question.email]]
    assert second_agency_person("phamvanan").email in told  # the second agency's secretariat
    assert secretariat.email not in told  # not the first's


def test_its_code_and_link_open_on_its_own_site_only(asked_on_second_site):
    question, link = asked_on_second_site
    assert visitor("second").get(link).status_code == 200
    assert (
        visitor("second").get(index_path("second") + "theo-doi/", {"code": question.tracking_code}).status_code == 200
    )
    # On the first agency's site: exactly what a wrong code or link gets.
    wrong_code = visitor("first").get(index_path("first") + "theo-doi/", {"code": question.tracking_code})
    assert wrong_code.status_code == 404 and NOT_FOUND_CODE in wrong_code.content.decode()
    secret = link.rstrip("/").rsplit("/", 1)[1]
    wrong_link = visitor("first").get(f"{index_path('first')}theo-doi/{question.tracking_code}/{secret}/")
    html = wrong_link.content.decode()
    assert wrong_link.status_code == 404 and NOT_FOUND_LINK in html
    assert question.title not in html and agency("second").name_vi not in html


def test_the_first_agencys_qa_staff_do_not_see_it_and_the_seconds_do(client, asked_on_second_site, secretariat):
    question, _link = asked_on_second_site
    mine, _secret = submit_question(title="Câu hỏi gửi Sở Ngoại vụ về thẻ ABTC")
    login_with_second_factor(client, secretariat)
    listing = client.get("/admin/qa/questions/").content.decode()
    assert question.tracking_code not in listing and mine.tracking_code in listing
    assert client.get(f"/admin/qa/questions/inspect/{question.pk}/").status_code == 404
    theirs = second_agency_person("phamvanan")
    login_with_second_factor(client, theirs)
    listing = client.get("/admin/qa/questions/").content.decode()
    assert question.tracking_code in listing and mine.tracking_code not in listing
    assert client.get(f"/admin/qa/questions/inspect/{mine.pk}/").status_code == 404


def test_a_question_is_routed_to_a_unit_of_its_own_agency_only(asked_on_second_site):
    question, _link = asked_on_second_site
    theirs = second_agency_person("phamvanan")
    first_agency_unit = Unit.objects.filter(agency=agency("first")).first()
    with pytest.raises(services.PermissionDenied):
        services.question_route(question=question, unit=first_agency_unit, user=theirs)
    own_unit = Unit.objects.filter(agency=agency("second")).first()
    routed = services.question_route(question=question, unit=own_unit, user=theirs)
    assert routed.status == Question.Status.ASSIGNED and routed.unit == own_unit


def test_the_one_agency_site_keeps_asking_and_tracking_as_before(client):
    question, secret = submit_question(title="Câu hỏi gửi cơ quan của trang mặc định")
    assert question.agency == agency("first")
    assert client.get(f"{index_path('first')}theo-doi/{question.tracking_code}/{secret}/").status_code == 200
