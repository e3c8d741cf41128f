"""Test fixtures shared by every app: the demo site loaded once per test database (once per pytest-xdist
worker)."""

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


@pytest.fixture(scope="session")
def local_s3():
    # moto's S3 server, once for the run (each test has a bucket of its own): portal/operations/testing.py
    from portal.operations.testing import LocalS3

    server = LocalS3().start()
    yield server
    server.stop()


@pytest.fixture
def s3_media(local_s3, settings, monkeypatch):
    """Media kept in a fresh bucket of the local S3, as production keeps them with AWS_STORAGE_BUCKET_NAME.
    Yields the bucket's name; `local_s3` reads what the bucket holds."""
    for name, value in local_s3.CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    bucket = local_s3.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": local_s3.storage(bucket)}  # default_storage follows
    yield bucket


@pytest.hookimpl(trylast=True)  # after pytest-django's own order: plain tests, transactional ones, the rest
def pytest_collection_modifyitems(items):
    # Tests that copy the suite's database outside a test's transaction (they ask for django_db_setup
    # without the django_db mark: the backup tests) come first: on PostgreSQL the transactional tests
    # empty the database when they end.
    def copies_the_database(item) -> bool:
        return "django_db_setup" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("django_db")

    items.sort(key=lambda item: not copies_the_database(item))

