"""Plain-text e-mails read as typed: `Hợp tác "A & B" <x>` arrives as `Hợp tác "A & B" <x>`, never
`&quot;Hợp tác A &amp; B&quot;`, in the body and in the one-line subject, in every mail of the portal."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from portal.core.mail import render_subject, render_text

WHEN = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
TYPED = 'Hợp tác "A & B" <x>'
ESCAPED = ("&quot;", "&amp;", "&lt;", "&gt;", "&#x27;", "&#39;")


class Typed:
    """Whatever a template asks of it (a question, a page, a person, their title or name) is what was typed."""

    def __str__(self) -> str:
        return TYPED

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name.endswith(("_at", "_on", "date", "deadline")):  # dates are the clock's, not typed
            return WHEN
        if name.endswith(("days", "count", "amount")):
            return 5
        return self

    def __getitem__(self, key):
        raise KeyError(key)  # templates then ask for the attribute

    def __iter__(self):  # a list of pairs: `for application, url in entries`
        return iter([self, self])

    def __len__(self) -> int:
        return 2

    def __bool__(self) -> bool:
        return True


def mail_templates() -> list[Path]:
    return sorted(Path(settings.PROJECT_DIR).glob("*/templates/*/emails/*.txt"))


def test_every_mail_template_is_found():
    names = {f"{path.parent.parent.name}/{path.name}" for path in mail_templates()}
    for expected in ("qa/received.txt", "applications/receipt.txt", "editorial/published.txt", "planning/reminder.txt"):
        assert expected in names
    assert {path.parent.parent.name for path in mail_templates()} == {
        "applications",
        "editorial",
        "planning",
        "qa",
        "translations",
    }


@pytest.mark.parametrize("path", mail_templates(), ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_what_was_typed_arrives_as_typed(path):
    name = f"{path.parent.parent.name}/emails/{path.name}"
    context = {
        key: Typed()
        for key in (
            "question", "application", "version", "page", "task", "recipient", "actor", "comment", "note",
            "title", "name", "message", "reminder", "next_task", "agency_name", "entries", "reminders",
        )
    } | {"count": 2}  # fmt: skip
    text = render_subject(name, context) if path.stem.endswith("_subject") else render_text(name, context)
    assert not any(entity in text for entity in ESCAPED), text
    if path.stem.endswith("_subject"):
        assert "\n" not in text and text == text.strip()


def test_a_subject_is_one_line_and_not_escaped(tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]},
        *settings.TEMPLATES[1:],
    ]
    (tmp_path / "subject.txt").write_text("{% load i18n %}\n  Re: {{ title }}\n\n", encoding="utf-8")
    (tmp_path / "body.txt").write_text("«{{ title }}»\n{{ title|upper }}\n", encoding="utf-8")
    assert render_subject("subject.txt", {"title": TYPED}) == f"Re: {TYPED}"
    assert render_text("body.txt", {"title": TYPED}) == f"«{TYPED}»\n{TYPED.upper()}\n"


@pytest.mark.django_db
def test_the_asker_and_the_applicant_receive_what_they_typed(settings):
    from portal.applications import notifications as application_mail
    from portal.qa import notifications as question_mail
    from portal.testing.factories import QuestionFactory, SubmittedApplicationFactory

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    question = QuestionFactory()
    question.name, question.title, question.tracking_code = TYPED, TYPED, "ABC<&>"
    question_mail.to_asker(question, "received", private_url="https://example.test/q")
    application = SubmittedApplicationFactory()
    application.applicant_name, application.receipt_number = TYPED, "12/SNgV-LS & <1>"
    application_mail.to_applicant(application, "receipt")

    asked, applied = mail.outbox[-2:]
    assert asked.subject.endswith("ABC<&>") and '\n"' + TYPED + '"\n' in asked.body
    assert TYPED in asked.body and not any(entity in asked.body + asked.subject for entity in ESCAPED)
    assert "12/SNgV-LS & <1>" in applied.subject and TYPED in applied.body
    assert not any(entity in applied.body + applied.subject for entity in ESCAPED)
    assert all(not message.alternatives for message in (asked, applied) if hasattr(message, "alternatives"))
