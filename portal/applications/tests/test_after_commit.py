"""What happens once an application has committed stays done: an error after the commit deletes no file.

Found by bench/fault.py db-restart: the database went away right after an application's commit,
the e-mail to the officers (run after the commit) failed, the error came back out of the
transaction block, and its clean-up deleted the uploads of the application just stored: a
submitted application without its documents, and a server error shown to the applicant.

The test database never commits (each test is one transaction rolled back at its end), so the
services here see a `transaction` that runs each outermost block's after-commit callbacks as it
ends, in order, as Django's commit does (a robust callback's error is logged, the others raise).
"""

import logging
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import OperationalError, transaction

from portal.applications import services
from portal.applications.models import Application, ApplicationEvent

from .conftest import apply_url, form_data, ours

pytestmark = pytest.mark.django_db


class CommittingTransaction:
    def __init__(self):
        self.depth = 0
        self.callbacks: list[tuple] = []

    def on_commit(self, func, using=None, robust=False):
        self.callbacks.append((func, robust))

    @contextmanager
    def atomic(self, *args, **kwargs):
        self.depth += 1
        try:
            with transaction.atomic(*args, **kwargs):
                yield
        except BaseException:
            if self.depth == 1:
                self.callbacks = []  # rolled back: nothing runs
            raise
        finally:
            self.depth -= 1
        if self.depth == 0:
            callbacks, self.callbacks = self.callbacks, []
            for func, robust in callbacks:
                if not robust:
                    func()
                    continue
                try:
                    func()
                except Exception:
                    logging.getLogger("django.db.backends.base").exception("on_commit callback failed")


@pytest.fixture
def committing(monkeypatch):
    monkeypatch.setattr(services, "transaction", CommittingTransaction())


@pytest.fixture
def database_gone_after_commit(monkeypatch):
    def after_submit(pk, mail_applicant=True):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(services, "_after_submit", after_submit)


def test_an_application_committed_before_its_emails_fail_keeps_its_files(client, abtc, committing,
                                                                         database_gone_after_commit):  # fmt: skip
    response = client.post(apply_url(), form_data(abtc))
    # The applicant is told it is submitted (it is), not shown a server error.
    assert response.status_code == 302 and "?da-nop=1" in response["Location"]
    application = ours().get()
    assert application.status == Application.SUBMITTED and application.receipt_number
    assert application.events.filter(kind=ApplicationEvent.SUBMITTED).exists()
    uploads = list(application.uploads.all())
    assert len(uploads) == abtc.required_documents.filter(required=True).count()
    for upload in uploads:
        assert Path(upload.file.path).is_file(), f"{upload.document_key}: the file was deleted after the commit"


def test_a_submission_refused_inside_its_transaction_still_leaves_no_file(client, abtc, committing, settings,
                                                                          monkeypatch):  # fmt: skip
    # The clean-up still happens when the transaction does not commit: the files of a refused try go.
    def refuse(application, version, **kwargs):
        raise services.ApplicationError("Hồ sơ bị từ chối khi nộp.")

    monkeypatch.setattr(services, "_submit", refuse)
    response = client.post(apply_url(), form_data(abtc))
    assert response.status_code == 200
    assert "Hồ sơ bị từ chối khi nộp." in response.content.decode()
    assert not ours().exists()
    uploads = Path(settings.PRIVATE_STORAGE_ROOT) / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())


def test_files_of_a_committed_transaction_survive_an_error_after_the_commit(committing):
    # The services' pattern: watch, store, and an after-commit step that fails (not robust).
    from portal.applications.models import private_storage

    stored = services._StoredFiles()

    def fails():
        raise OperationalError("terminating connection due to administrator command")

    with pytest.raises(OperationalError):
        try:
            with services.transaction.atomic():
                stored.watch()
                name = stored.save("uploads/", b"%PDF-1.4 committed", "pdf")
                services.transaction.on_commit(fails)
        except BaseException:
            stored.discard()
            raise
    assert private_storage.exists(name)
