"""Test fixtures shared by every app: the demo site, migrated and loaded once per run into a template
that every test database (one per pytest-xdist worker) and the browser suite's served portal copy."""

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

DEMO_TEMPLATE = "demo-database"  # the template's folder in the run's shared temporary directory


def _run_directory(request, tmp_path_factory) -> Path:
    # The folder every worker of this run shares (pytest-xdist's documented pattern for session data).
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(request.config, "workerinput") else base


@pytest.fixture(scope="session")
def demo_database(request, tmp_path_factory, django_db_setup) -> dict:
    """The run's demo template: {"vendor", "folder", "name"}; on SQLite `folder` holds `portal.sqlite3`,
    `media/` and `private/` as an installation keeps them (PORTAL_VAR_DIR), on PostgreSQL `name` is
    the template database and `folder` its files."""
    return json.loads((_run_directory(request, tmp_path_factory) / DEMO_TEMPLATE / "ready.json").read_text())


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    tmp_path_factory,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_modify_db_settings,
):
    """Every test sees the real demo: both languages, every category, the demo accounts. The first worker
    to get here migrates and loads it (a minute or two) and keeps a template of it; every other test
    database is a copy of the template (a second): a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
    PostgreSQL. Tests still run in a transaction each; a transactional one empties the database when it
    ends, as pytest-django does (they run last)."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from filelock import FileLock
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    assert set(aliases) <= {"default"}, f"the demo template knows the default database only, not {aliases}"
    aliases = {"default"}  # the browser tests ask for the demo without a database mark
    connection = connections["default"]
    run = _run_directory(request, tmp_path_factory)
    template = run / DEMO_TEMPLATE
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_STORAGE_ROOT):
        shutil.rmtree(root, ignore_errors=True)  # the worker's files of an earlier run: the demo's are copied in

    with django_db_blocker.unblock(), FileLock(run / f"{DEMO_TEMPLATE}.lock"):
        if (template / "ready.json").exists():
            db_cfg = [(connection, connection.settings_dict["NAME"], not django_db_keepdb)]
            _copy_demo_template(connection, json.loads((template / "ready.json").read_text()))
        else:
            db_cfg = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases=aliases,
                serialized_aliases=(),
                keepdb=django_db_keepdb,
            )
            _build_demo_template(connection, template)
        if "default" in serialized_aliases:  # what serialized_rollback restores: the demo too
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()

    yield

    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


def _build_demo_template(connection, template: Path) -> None:
    from portal.demo.services import DEMO_PACK, load_demo
    from portal.operations.testing import database_copy
    from portal.packs.install import install_pack
    from portal.packs.loading import read_pack

    if os.environ.get("PORTAL_TEST_DATABASE") == "skeleton":  # the example pack's installation, no demo content
        install_pack(read_pack(DEMO_PACK), hostname="localhost")
    else:
        load_demo(report=lambda line: None)
    template.mkdir(exist_ok=True)  # a worker that failed here before leaves no ready.json: built again
    copy = database_copy(template)  # SQLite: template/portal.sqlite3; PostgreSQL: a database of its own
    for root, name in ((settings.MEDIA_ROOT, "media"), (settings.PRIVATE_STORAGE_ROOT, "private")):
        (template / name).mkdir(exist_ok=True)
        if Path(root).exists():
            shutil.copytree(root, template / name, dirs_exist_ok=True)
    ready = {"vendor": copy.vendor, "folder": str(template), "name": str(copy.settings["NAME"])}
    (template / "ready.json").write_text(json.dumps(ready))  # last: the others wait for it under the lock


def _copy_demo_template(connection, ready: dict) -> None:
    """This worker's test database as a copy of the template, under the name Django's test runner gives it."""
    test_name = connection.creation._get_test_db_name()
    if ready["vendor"] == "sqlite":
        connection.close()
        settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = test_name
        connection.ensure_connection()  # in memory: the database lives as long as this connection
        source = sqlite3.connect(ready["name"])
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}"')  # a run that was cut short left it
            cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{ready["name"]}"')
        connection.close()
        settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = test_name
    folder = Path(ready["folder"])
    shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    shutil.copytree(folder / "private", settings.PRIVATE_STORAGE_ROOT, dirs_exist_ok=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache and Wagtail's caches must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_visits_of_earlier_tests(monkeypatch):
    # The visit counter keeps page views in the process's memory and, with the tests' local cache, writes
    # them into the database from within a request once a minute: a few queries per page earlier tests
    # visited, counted in this test's query bound (61 > 30 on the documents registry in a full run).
    import time

    from portal.visits import services as visits

    monkeypatch.setattr(visits, "_pending", visits.Counter())
    monkeypatch.setattr(visits, "_last_push", time.monotonic())
    monkeypatch.setattr(visits, "_last_local_flush", time.monotonic())


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


def pytest_sessionfinish(session):
    # The PostgreSQL template outlives the workers: the run's first process (xdist's controller, or the
    # only one) drops it once they are done. SQLite's goes with pytest's temporary directories.
    if hasattr(session.config, "workerinput"):
        return
    factory = session.config._tmp_path_factory
    ready = Path(str(factory._basetemp or "")) / DEMO_TEMPLATE / "ready.json"
    if factory._basetemp is None or not ready.exists():
        return
    template = json.loads(ready.read_text())
    if template["vendor"] == "postgresql":
        from portal.operations.backups import Database
        from portal.operations.testing import drop_database

        drop_database(Database("postgresql", {**settings.DATABASES["default"], "NAME": template["name"]}))
