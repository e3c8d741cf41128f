"""Test helpers: the portal's URL routes, enumerated from the URL configuration; a local S3; a copy of the
suite's database for an installation of its own."""

import re
import uuid
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

# Open to anyone by design: signing in, resetting a password, the admin's translations and icons.
OPEN = re.compile(r"^/admin/(login|logout|password_reset|jsi18n|sprite)/|^/django-admin/(login|logout)/")
# str parameters are most often primary keys (Wagtail's snippet and chooser routes): a number.
SAMPLE = {"int": "1", "str": "1", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")  # a route's parameter: its converter, its name


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def url_routes() -> list[str]:
    """Every route of the URL configuration, as written (`ho-so/<uuid:public_id>/<str:secret>/`)."""
    return list(_walk(get_resolver().url_patterns))


def _concrete(route: str) -> str | None:
    """A path for `route` with sample values; None for regular-expression routes (their shapes vary)."""
    if "^" in route or "$" in route or "(?P<" in route:
        return None
    path = PARAMETER.sub(lambda match: SAMPLE.get(match.group(1) or "str", "x"), route)
    return "/" + path.lstrip("/")


def fill_route(route: str, values: dict[str, str]) -> str:
    """`route` with each parameter replaced by the value for its name, else for its converter (str
    when it names none)."""

    def value(match: re.Match) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        return values[name] if name in values else values[converter]

    return "/" + PARAMETER.sub(value, route).lstrip("/")


def admin_routes_with_arguments() -> list[str]:
    """The staff routes that take arguments (not the open ones, not regular expressions)."""
    routes = {route for route in url_routes() if PARAMETER.search(route)}
    return sorted(
        route
        for route in routes
        if route.startswith(("admin/", "django-admin/")) and _concrete(route) and not OPEN.match(_concrete(route))
    )


def staff_paths(*, arguments: bool = True) -> list[str]:
    """Every path under /admin/ and /django-admin/ but the open ones; `arguments=False`: only routes that take none."""
    routes = [route for route in url_routes() if arguments or not PARAMETER.search(route)]
    paths = {_concrete(route) for route in routes}
    return sorted(p for p in paths if p and p.startswith(("/admin/", "/django-admin/")) and not OPEN.match(p))


class LocalS3:
    """moto's S3 server on a free port of 127.0.0.1 (no network), with buckets as production has them:
    private, but for the image folders that browsers read (deploy/s3-bucket-policy.json)."""

    REGION = "us-east-1"
    CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}  # noqa: S105 - moto's

    def __init__(self):
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.endpoint_url = ""

    def start(self) -> "LocalS3":
        import logging

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line a request otherwise
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint_url = f"http://{host}:{port}"
        return self

    def stop(self) -> None:
        self.server.stop()

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.REGION,
            aws_access_key_id=self.CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def new_bucket(self) -> str:
        bucket = f"portal-media-{uuid.uuid4().hex[:12]}"
        client = self.client()
        client.create_bucket(Bucket=bucket)
        client.put_bucket_policy(Bucket=bucket, Policy=bucket_policy(bucket))
        return bucket

    def objects(self, bucket: str) -> dict[str, bytes]:
        """Every object of the bucket and its bytes."""
        client = self.client()
        found = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for entry in page.get("Contents", ()):
                found[entry["Key"]] = client.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
        return found

    def empty(self, bucket: str) -> None:
        client = self.client()
        for key in self.objects(bucket):
            client.delete_object(Bucket=bucket, Key=key)

    def storage(self, bucket: str) -> dict:
        """The STORAGES entry production would make for this bucket (portal.operations.storage.s3_storage)."""
        from portal.operations.storage import s3_storage

        return s3_storage(bucket=bucket, endpoint_url=self.endpoint_url, region=self.REGION)

    def environment(self, bucket: str) -> dict[str, str]:
        """What portal.settings.production reads to keep its media in this bucket."""
        return {
            **self.CREDENTIALS,
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": self.REGION,
        }


def bucket_policy(bucket: str) -> str:
    """deploy/s3-bucket-policy.json for `bucket`: anonymous reads of images only."""
    template = Path(__file__).resolve().parents[2] / "deploy" / "s3-bucket-policy.json"
    return template.read_text().replace("portal-media", bucket)


def made_backup(root, *, when=None):
    """A backup folder as backup_create leaves it (the test database, in memory, cannot be copied)."""
    from django.utils import timezone

    from .backups import MANIFEST, STAMP

    folder = root / timezone.localtime(when or timezone.now()).strftime(STAMP)
    folder.mkdir(parents=True)
    (folder / "database.sqlite3").write_bytes(b"x" * 2048)
    (folder / MANIFEST).write_text("{}")
    return folder


def database_copy(folder):
    """A database of its own holding what the suite's database holds committed (the demo the session
    loaded, already migrated), for an installation beside the suite's: on SQLite `portal.sqlite3` in
    `folder` (where the embedded default keeps it), on PostgreSQL a new database made from the suite's
    as a template. Seconds, where migrating and loading the demo again takes minutes.
    Needs database access; drop it with drop_database()."""
    import sqlite3

    from django.db import connection, connections

    from .backups import Database

    if connection.vendor == "sqlite":
        target = Path(folder) / "portal.sqlite3"
        # The suite's in-memory database is shared by name (`file:memorydb_default?mode=memory&cache=shared`).
        source, copy = sqlite3.connect(str(connection.settings_dict["NAME"]), uri=True), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return Database("sqlite", {"NAME": str(target)})
    template, name = connection.settings_dict["NAME"], f"portal_copy_{uuid.uuid4().hex[:8]}"
    connections.close_all()  # PostgreSQL copies a template only while no session is connected to it
    _postgres_admin(connection.settings_dict, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return Database("postgresql", {**connection.settings_dict, "NAME": name})


def drop_database(database) -> None:
    """Remove a database_copy() (the SQLite one goes with its folder)."""
    if database.vendor == "postgresql":
        _postgres_admin(database.settings, f'DROP DATABASE IF EXISTS "{database.settings["NAME"]}" WITH (FORCE)')


def lose_database(database) -> None:
    """Lose a database_copy(), as a failed disk would: the SQLite file is gone, the PostgreSQL database empty."""
    if database.vendor == "sqlite":
        for path in Path(database.settings["NAME"]).parent.glob(Path(database.settings["NAME"]).name + "*"):
            path.unlink()
        return
    drop_database(database)
    _postgres_admin(database.settings, f'CREATE DATABASE "{database.settings["NAME"]}"')


def database_rows(database) -> dict[str, list]:
    """Every row of every table of a database_copy(), in a stable order: {table: [row, ...]}."""
    if database.vendor == "sqlite":
        import sqlite3

        connection = sqlite3.connect(database.settings["NAME"])
        listing = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        import psycopg

        connection = psycopg.connect(**_postgres_parameters(database.settings, database.settings["NAME"]))
        listing = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    try:
        tables = sorted(row[0] for row in connection.execute(listing).fetchall())
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
    finally:
        connection.close()


def _postgres_parameters(settings_dict: dict, database_name: str) -> dict:
    names = {"host": "HOST", "port": "PORT", "user": "USER", "password": "PASSWORD"}
    parameters = {key: settings_dict.get(name) for key, name in names.items() if settings_dict.get(name)}
    return {**parameters, "dbname": database_name}


def _postgres_admin(settings_dict: dict, statement: str) -> None:
    import psycopg

    with psycopg.connect(autocommit=True, **_postgres_parameters(settings_dict, "postgres")) as admin:
        admin.execute(statement)
