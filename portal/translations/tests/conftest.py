import pytest
from django.db import transaction
from django.utils import timezone

from portal.accounts.testing import login_with_second_factor
from portal.packs.install import plan_next_year
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit


@pytest.fixture
def translator(db):
    """A contributor of the International Cooperation Division (which translates its categories)."""
    return StaffFactory(role=roles.CONTRIBUTOR, unit=Unit.objects.get(code="hop-tac-quoc-te"))


@pytest.fixture
def chief(db):
    return StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=Unit.objects.get(code="van-phong"))


@pytest.fixture
def this_years_plan(db):
    """This year's plan (its row 18 gives the time to translate), copied as `setup_portal --plan YEAR` does."""
    return plan_next_year(year=timezone.localdate().year)


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
