"""Test fixtures shared by every app: the test databases (the example pack's skeleton, and the demo for
the tests marked `demo`: portal/testing/databases.py), a fresh cache and the site's language per test."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from portal.testing import databases  # noqa: E402 - after Django's settings, which pytest-django sets up first

_worker: databases.WorkerDatabases | None = None  # this worker's databases, once django_db_setup made them
_wanted = databases.SKELETON  # the database the test being set up asks for


def _run_directory(config, tmp_path_factory) -> Path:
    # The folder every worker of this run shares (pytest-xdist's documented pattern for session data).
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def _template(config, kind: str) -> dict:
    run = _run_directory(config, config._tmp_path_factory)
    return databases.template(run, kind, lambda folder: databases.BUILDERS[kind](_worker.skeleton, folder))


def _database_of(item) -> str:
    if item.get_closest_marker("demo"):
        return databases.DEMO
    return databases.AGENCIES if item.get_closest_marker("agencies") else databases.SKELETON


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test marked `demo` runs on this worker's copy of the demo, one marked `agencies` on its copy of the
    agencies, any other on its copy of the skeleton."""
    global _wanted
    _wanted = _database_of(item)
    if _worker is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _worker.use(_wanted, lambda kind: _template(item.config, kind))


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied this worker's database (pytest-django flushes it), the copy is
    made again, so that the next test on this worker finds the skeleton (or the agencies) it expects."""
    yield
    if _worker is not None and _transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _worker.copy_again(lambda kind: _template(item.config, kind))


@pytest.fixture(scope="session")
def skeleton_database(django_db_setup) -> dict:
    """The run's skeleton template, as `demo_database` describes the demo's; copy it under the run's
    `copy.lock` (PostgreSQL copies a template only while no other session is on it)."""
    return _worker.skeleton


@pytest.fixture(scope="session")
def demo_database(request, django_db_setup, django_db_blocker) -> dict:
    """The run's demo template: {"vendor", "folder", "name"}; on SQLite `folder` holds `portal.sqlite3`,
    `media/` and `private/` as an installation keeps them (PORTAL_VAR_DIR), on PostgreSQL `name` is
    the template database and `folder` its files. Built here if no test marked `demo` built it yet."""
    with django_db_blocker.unblock():
        return _template(request.config, databases.DEMO)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    tmp_path_factory,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_modify_db_settings,
):
    """The first worker to get here migrates and installs the example pack (the skeleton) and keeps a
    template of it; every other worker's test database is a copy of the template (portal/testing/databases.py).
    Tests still run in a transaction each; a transactional one empties the database when it ends, as
    pytest-django does (they run last), and the worker's copy is then made again (`pytest_runtest_teardown`)."""
    global _worker
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    assert set(aliases) <= {"default"}, f"the test templates know the default database only, not {aliases}"
    assert "default" not in serialized_aliases, "serialized_rollback would restore one of the two databases only"
    run = _run_directory(request.config, tmp_path_factory)
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_STORAGE_ROOT):
        shutil.rmtree(root, ignore_errors=True)  # the worker's files of an earlier run: the template's are copied in
    built = []

    def build_skeleton(folder: Path) -> dict:
        with databases.migrated_schema_kept():
            built.extend(
                setup_databases(
                    verbosity=request.config.option.verbose,
                    interactive=False,
                    aliases={"default"},  # the browser tests ask for the demo without a database mark
                    serialized_aliases=(),
                    keepdb=django_db_keepdb,
                )
            )
        databases.install_skeleton()
        return databases.save_template(folder)

    with django_db_blocker.unblock():
        skeleton = databases.template(run, databases.SKELETON, build_skeleton)
        # The test database's name: the one setup_databases gave it, or the one it would give.
        test_name = connection.settings_dict["NAME"] if built else connection.creation._get_test_db_name()
        _worker = databases.WorkerDatabases(run, test_name, skeleton)
        if built:
            _worker.keep_built()
        else:
            _worker.copy_skeleton()
        _worker.use(_wanted, lambda kind: _template(request.config, kind))

    yield

    with django_db_blocker.unblock():
        _worker.drop_copies()
        if not django_db_keepdb:
            teardown_databases(built or [(connection, connection.settings_dict["NAME"], True)], verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache and Wagtail's caches must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _visit_counts_wait_for_the_test(monkeypatch):
    # A page view pushes the process's visit counts to the cache every 10 s and, with a local cache, into
    # the database every 60 s, by the clock: in a slow run that landed inside a test's query count (two
    # queries per page visited before). Counts move only when a test moves them (portal/visits/tests).
    from portal.visits import services

    monkeypatch.setattr(services, "PUSH_SECONDS", 10**9)
    monkeypatch.setattr(services, "LOCAL_FLUSH_SECONDS", 10**9)
    services._pending.clear()


@pytest.fixture(autouse=True)
def _requests_end_with_the_test():
    # A streamed answer a test never read is never closed, so Django never ended its request: the
    # request's memo (portal/core/per_request.py) and URL configuration would pass into the next test.
    yield
    from django.urls import set_urlconf

    from portal.core import per_request

    per_request._request_finished()
    set_urlconf(None)


@pytest.fixture(autouse=True)
def _agencies_hosts(request):
    # The other agencies' sites answer on their own host names (portal/testing/agencies.py). `settings` is
    # asked for here only then: asked by every test, it was set up before _fresh_cache and so restored after
    # it, and a test that pointed the cache at a server that does not exist failed in _fresh_cache's clear.
    if request.node.get_closest_marker("agencies"):
        from portal.testing.agencies import HOSTS

        settings = request.getfixturevalue("settings")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, *HOSTS.values()]


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
    # The first chain of browser tests comes before everything: it is the run's longest chain and its worker
    # builds the skeleton and the demo at once, while the other worker runs the tests that need no database
    # (it would otherwise wait for the skeleton idle), then those that copy the database; the second
    # chain comes next, when the demo is most likely built (its worker would otherwise wait for it idle).
    # pytest-xdist hands the chains and modules out in this order (--no-loadscope-reorder). The other
    # tests marked `demo` come last, when the demo is built. In a run without the browser tests (the
    # PostgreSQL pass), one test on the demo takes the first chain's place, so that its worker builds
    # the demo while the other works: last, both workers waited for it (about 35 s).
    def needs_a_database(item) -> bool:
        names = getattr(item, "fixturenames", ())
        return bool(item.get_closest_marker("django_db")) or "django_db_setup" in names or "db" in names

    def copies_the_database(item) -> bool:
        return "django_db_setup" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("django_db")

    def rank(item) -> int:
        if item.get_closest_marker("browser"):
            chain = item.get_closest_marker("xdist_group")
            return 0 if chain is None or chain.args[0] == "browser-1" else 3
        if item.get_closest_marker("demo"):
            return 5
        if not needs_a_database(item):
            return 1
        return 2 if copies_the_database(item) else 4

    ranks = {item: rank(item) for item in items}
    if 0 not in ranks.values():
        first_on_the_demo = next((item for item in items if ranks[item] == 5), None)
        if first_on_the_demo is not None:
            ranks[first_on_the_demo] = 0
    items.sort(key=ranks.__getitem__)


def pytest_sessionfinish(session):
    # The PostgreSQL templates outlive the workers: the run's first process (xdist's controller, or the
    # only one) drops them once they are done. SQLite's go with pytest's temporary directories.
    if hasattr(session.config, "workerinput"):
        return
    factory = session.config._tmp_path_factory
    if factory._basetemp is None:
        return
    for kind in (databases.DEMO, databases.AGENCIES, databases.SKELETON):
        ready = Path(str(factory._basetemp)) / kind / "ready.json"
        template = json.loads(ready.read_text()) if ready.exists() else {}
        if template.get("vendor") == "postgresql":
            from portal.operations.backups import Database
            from portal.operations.testing import drop_database

            drop_database(Database("postgresql", {**settings.DATABASES["default"], "NAME": template["name"]}))
