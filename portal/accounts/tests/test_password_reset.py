"""Password reset: throttled per address and per e-mail typed, and the same work and answer whether or
not the address belongs to a staff member (the mail leaves in the background, after the answer)."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal.accounts import services

pytestmark = pytest.mark.django_db

RESET = reverse("wagtailadmin_password_reset")
DONE = reverse("wagtailadmin_password_reset_done")


def throttle_message() -> str:
    with translation.override("vi"):
        message = services.password_reset_throttle_message()
    with translation.override("en"):
        assert message != services.password_reset_throttle_message(), "no Vietnamese translation"
    return message


def ask(client, email: str, address: str = "198.51.100.20"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def shape(queries) -> list[str]:
    """The statements run, without their values: the work done, whoever was asked about."""
    return [re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]) for query in queries]


def test_known_and_unknown_addresses_get_the_same_answer_after_the_same_work(
    client, make_user, django_capture_on_commit_callbacks
):
    make_user("ctvquenmatkhau", email="quen.matkhau@demo.invalid")
    answers = {}
    for email in ("quen.matkhau@demo.invalid", "khong.co.ai@demo.invalid"):
        with django_capture_on_commit_callbacks() as queued, CaptureQueriesContext(connection) as queries:
            response = ask(client, email)
        assert mail.outbox == []  # nothing sent, nothing looked up while the visitor waits
        answers[email] = (response.status_code, response["Location"], len(queued), shape(queries.captured_queries))
    known, unknown = answers.values()
    assert known == unknown == (302, DONE, 1, known[3])
    assert not any("auth_user" in statement for statement in known[3])  # nobody's account is read in the request

    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "quen.matkhau@demo.invalid", address="198.51.100.21")
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "khong.co.ai@demo.invalid", address="198.51.100.21")
    assert [message.to for message in mail.outbox] == [["quen.matkhau@demo.invalid"]]  # in the background
    assert "/admin/password_reset/" in mail.outbox[0].body


def test_one_email_address_is_throttled_with_a_message(client, make_user):
    make_user("ctvbiphienha", email="bi.phien.ha@demo.invalid")
    for number in range(services.PASSWORD_RESET_PER_EMAIL):
        assert ask(client, "Bi.Phien.Ha@demo.invalid", address=f"198.51.100.{30 + number}")["Location"] == DONE
    refused = ask(client, "bi.phien.ha@demo.invalid", address="198.51.100.99")  # from yet another address
    assert refused.status_code == 200
    html = refused.content.decode()
    assert throttle_message() in html
    assert 'value="bi.phien.ha@demo.invalid"' in html  # what was typed is kept
    assert ask(client, "nguoi.khac@demo.invalid", address="198.51.100.99")["Location"] == DONE


def test_one_address_is_throttled_over_many_emails(client):
    for number in range(services.PASSWORD_RESET_PER_ADDRESS):
        assert ask(client, f"thu{number}@demo.invalid", address="203.0.113.5")["Location"] == DONE
    refused = ask(client, "thu-nua@demo.invalid", address="203.0.113.5")
    assert refused.status_code == 200 and throttle_message() in refused.content.decode()
    assert ask(client, "thu-nua@demo.invalid", address="203.0.113.6")["Location"] == DONE
