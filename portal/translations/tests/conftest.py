import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from portal.accounts.testing import login_with_second_factor


@pytest.fixture
def translator(db):
    """The demo contributor of the International Cooperation Division (translates its categories)."""
    return get_user_model().objects.get(username="congtacvien")


@pytest.fixture
def chief(db):
    return get_user_model().objects.get(username="truongban")


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        login_with_second_factor(client, user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _on_commit_at_once(monkeypatch):
    """Each test runs in one transaction that is rolled back, never committed: run what waits for the
    commit (the publication handlers, their e-mails) at once, as a committed publication would."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
