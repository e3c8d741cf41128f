"""The suite's three databases, each built once per run into a template that every pytest-xdist worker copies.

- **The skeleton**: migrated, with the example pack installed as `setup_portal` installs it (both
  languages' site trees, the categories, units, groups, the plan, the royalty schedule). Every test
  runs on it and makes the rest of what it is about (portal/testing/factories.py).
- **The demo**: the skeleton plus `load_demo`'s content and accounts, for the tests marked `demo` (the
  browser tests are). It is built from the skeleton by the first worker that meets such a test, while
  the other workers go on with theirs.
- **The agencies**: the skeleton plus a second department (the Lam Sơn pack, on its own site) and the
  province's own portal above them (`setup_portal PACK --site HOST`), for the tests marked `agencies`:
  isolation between agencies, and what the province sees across them (portal/testing/agencies.py).

On SQLite the skeleton starts from the migrated, empty schema kept under `var/test-migrated/` from an earlier
run of this checkout (keyed by every migration file and the versions of Django and Wagtail): migrating 318
migrations costs about 35 s of CPU, most of it Django rendering model states, while a run after a change
of code (not of a migration) only copies the file and lets `migrate` find nothing to apply, which still runs
every app's post-migrate handlers with the code as it is (`migrated_schema_kept`). A clean checkout, as in
CI, migrates in full.

A worker holds a copy of each (the demo's once it needs it) and points Django's connection at the one
the next test asks for; each test still runs in a transaction rolled back when it ends. Copies are a
second's work: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL.
"""

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from filelock import FileLock

# The templates' folders in the run's shared directory.
SKELETON, DEMO, AGENCIES = "skeleton-database", "demo-database", "agencies-database"


def template(run: Path, kind: str, build: Callable[[Path], dict]) -> dict:
    """The run's template of `kind`, {"vendor", "folder", "name"}: built by `build(folder)` by the first
    process that asks (under a lock the others wait on), read by the others."""
    folder = run / kind
    with FileLock(run / f"{kind}.lock"):
        ready = folder / "ready.json"
        if not ready.exists():  # a process that failed building it left no ready.json: built again
            folder.mkdir(exist_ok=True)
            ready.write_text(json.dumps(build(folder)))
        return json.loads(ready.read_text())


def save_template(folder: Path) -> dict:
    """What the connected database holds, and the worker's media, kept in `folder` as a template."""
    from portal.operations.testing import database_copy

    copy = database_copy(folder)  # SQLite: folder/portal.sqlite3; PostgreSQL: a database of its own
    for root, name in ((settings.MEDIA_ROOT, "media"), (settings.PRIVATE_STORAGE_ROOT, "private")):
        (folder / name).mkdir(exist_ok=True)
        if Path(root).exists():
            shutil.copytree(root, folder / name, dirs_exist_ok=True)
    return {"vendor": copy.vendor, "folder": str(folder), "name": str(copy.settings["NAME"])}


def _migrations_key() -> str:
    """A digest of every installed app's migration files and of the versions that run them."""
    import django
    import wagtail
    from django.apps import apps

    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__} {sqlite3.sqlite_version}".encode())
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        try:
            module = import_module(f"{app.name}.migrations")
        except ModuleNotFoundError:
            continue
        for path in sorted(Path(module.__file__).parent.glob("*.py")):
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def migrated_schema_kept() -> Iterator[None]:
    """Within it, Django's creation of the SQLite test database starts from the migrated schema an earlier
    run kept (then `migrate` applies nothing and runs the post-migrate handlers), or migrates in full and
    keeps what it migrated for the next run. Django's test database creation has no hook between creating
    the database and migrating it, so its call of `migrate` is wrapped; on PostgreSQL nothing changes."""
    from django.core import management

    if connection.vendor != "sqlite":
        yield
        return
    folder = Path(settings.VAR_DIR) / "test-migrated"
    kept = folder / f"{_migrations_key()}.sqlite3"
    migrate = management.call_command

    def call_command(name, *args, **options):
        if name != "migrate":
            return migrate(name, *args, **options)
        connection.ensure_connection()
        if kept.exists():
            with contextlib.closing(sqlite3.connect(kept)) as source:
                source.backup(connection.connection)
            return migrate(name, *args, **options)
        result = migrate(name, *args, **options)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.sqlite3"):  # another set of migrations' schema: not asked for again
            old.unlink(missing_ok=True)
        partial = folder / f"{kept.name}.{os.getpid()}"
        with contextlib.closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        partial.replace(kept)  # whole or not at all, whichever process of the run finishes first
        return result

    # create_test_db imports call_command from django.core.management when it runs
    with mock.patch.object(management, "call_command", call_command):
        yield


def install_skeleton() -> None:
    from portal.demo.services import DEMO_PACK
    from portal.packs.install import install_pack
    from portal.packs.loading import read_pack

    install_pack(read_pack(DEMO_PACK), hostname="localhost")  # the pack the demo is made of


def build_demo(skeleton: dict, folder: Path) -> dict:
    """The demo template: a copy of the skeleton's, with the demo loaded into it by this worker."""
    from portal.demo.services import load_demo

    return _build_from_skeleton(skeleton, folder, "demo", lambda: load_demo(report=lambda line: None))


def build_agencies(skeleton: dict, folder: Path) -> dict:
    """The agencies template: a copy of the skeleton's with the other agencies of portal/testing/agencies.py."""
    from portal.testing.agencies import install_other_agencies

    return _build_from_skeleton(skeleton, folder, "agencies", install_other_agencies)


BUILDERS = {DEMO: build_demo, AGENCIES: build_agencies}


def _build_from_skeleton(skeleton: dict, folder: Path, suffix: str, fill: Callable[[], object]) -> dict:
    if skeleton["vendor"] == "sqlite":
        name = str(folder / "portal.sqlite3")
        shutil.copyfile(skeleton["name"], name)
    else:
        name = f"{skeleton['name']}_{suffix}"
        with FileLock(folder.parent / "copy.lock"):
            _postgres(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}" TEMPLATE "{skeleton["name"]}"')
    for part in ("media", "private"):
        shutil.copytree(Path(skeleton["folder"]) / part, folder / part, dirs_exist_ok=True)
    previous = connection.settings_dict["NAME"]
    point_at(name)
    try:
        fill()
    finally:
        point_at(previous)
    for root, part in ((settings.MEDIA_ROOT, "media"), (settings.PRIVATE_STORAGE_ROOT, "private")):
        if Path(root).exists():  # what the fill wrote (the skeleton's files were there already)
            shutil.copytree(root, folder / part, dirs_exist_ok=True)
    return {"vendor": skeleton["vendor"], "folder": str(folder), "name": name}


class WorkerDatabases:
    """This worker's copies of the templates, and which one Django's connection points at."""

    def __init__(self, run: Path, test_name: str, skeleton: dict):
        self.run, self.skeleton = run, skeleton
        self.names = {SKELETON: test_name}
        self.current = SKELETON
        self._keepers: list[sqlite3.Connection] = []  # an in-memory SQLite database lives while a connection does

    def copy_skeleton(self) -> None:
        self._copy(self.skeleton, self.names[SKELETON])
        point_at(self.names[SKELETON])

    def keep_built(self) -> None:
        """This worker built the skeleton in its own test database: kept open while it points elsewhere."""
        if self.skeleton["vendor"] == "sqlite":
            self._keepers.append(sqlite3.connect(self.names[SKELETON], uri=True))

    def use(self, kind: str, template_of: Callable[[str], dict]) -> None:
        """Django's connection on this worker's copy of `kind`, made from the run's template the first time."""
        if kind == self.current:
            return
        if kind not in self.names:
            source = template_of(kind)
            self.names[kind] = self._copy_name(kind)
            self._copy(source, self.names[kind])
        if kind != SKELETON:  # its files beside the skeleton's (tests of either never list them all)
            folder = Path(template_of(kind)["folder"])
            shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
            shutil.copytree(folder / "private", settings.PRIVATE_STORAGE_ROOT, dirs_exist_ok=True)
        point_at(self.names[kind])
        self.current = kind

    def copy_again(self, template_of: Callable[[str], dict]) -> None:
        """The copy Django's connection is on, made again from its template: a transactional test empties
        the database when it ends, and the tests after it on this worker need what the template holds."""
        kind = self.current
        BaseDatabaseWrapper.close(connection)  # PostgreSQL drops a database only with no session on it
        connection.connection = None
        self._copy(self.skeleton if kind == SKELETON else template_of(kind), self.names[kind])
        point_at(self.names[kind])

    def drop_copies(self) -> None:
        point_at(self.names[SKELETON])
        if self.skeleton["vendor"] == "postgresql":
            for kind, name in self.names.items():
                if kind != SKELETON:
                    _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for keeper in self._keepers:
            keeper.close()

    def _copy_name(self, kind: str) -> str:
        test_name, suffix = self.names[SKELETON], kind.split("-")[0]  # demo, agencies
        if self.skeleton["vendor"] == "sqlite":
            if "memorydb_" in test_name:
                return test_name.replace("memorydb_", f"memorydb_{suffix}_")
            return f"{test_name}-{suffix}"
        return f"{test_name}_{suffix}"

    def _copy(self, source: dict, name: str) -> None:
        if source["vendor"] == "sqlite":
            keeper = sqlite3.connect(name, uri=name.startswith("file:"))
            self._keepers.append(keeper)
            origin = sqlite3.connect(source["name"])
            try:
                origin.backup(keeper)
            finally:
                origin.close()
        else:  # one copy at a time: PostgreSQL copies a template only while no other session is on it
            with FileLock(self.run / "copy.lock"):
                _postgres(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}" TEMPLATE "{source["name"]}"')
        folder = Path(source["folder"])
        shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
        shutil.copytree(folder / "private", settings.PRIVATE_STORAGE_ROOT, dirs_exist_ok=True)


def point_at(name: str) -> None:
    """Django's default connection, from its next query on, on database `name`; what Django and the
    portal keep in memory of the previous one is forgotten."""
    from django.contrib.contenttypes.models import ContentType

    from portal.core.workdays import forget_calendar

    BaseDatabaseWrapper.close(connection)  # SQLite's own close() keeps an in-memory database open
    connection.connection = None
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()
    forget_calendar()


def _postgres(*statements: str) -> None:
    with connection._nodb_cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
