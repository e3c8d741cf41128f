"""Test fixtures shared by every app: the demo site loaded once per test database."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Every test sees the real demo: both languages, every category, the demo accounts.
    from portal.demo.services import load_demo

    with django_db_blocker.unblock():
        load_demo(report=lambda line: None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache and Wagtail's caches must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # Each test starts in the site's language (Vietnamese): one that activated English and did not
    # put it back made a later test's Vietnamese message come out in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
