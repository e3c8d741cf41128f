"""Backups restore: an installation is backed up, destroyed and restored, and found identical.

The installation is one of its own beside the suite's: a copy of the suite's database (the demo,
migrated and loaded once for the session) and folders of files, driven through the operator's
commands (`backup`, `verify_backup`, `restore_backup`) in this process; only the test of production
settings runs them as manage.py would, in a process of their own.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from portal.operations.backups import (
    BackupError,
    Database,
    backup_create,
    backup_verify,
    backups_in,
    daily_backup,
    sha256_of,
)
from portal.operations.testing import database_copy, database_rows, drop_database, lose_database

BASE_DIR = Path(__file__).resolve().parents[3]


class Installation:
    """A portal of its own: a copy of the demo's database, its media and private uploads in `var_dir`."""

    def __init__(self, var_dir: Path):
        var_dir.mkdir(parents=True)
        self.var_dir = var_dir
        self.media, self.private, self.backups = var_dir / "media", var_dir / "private", var_dir / "backups"
        self.database = database_copy(var_dir)

    def command(self, *args: str) -> tuple[str, str]:
        """An operator's command on this installation (the `installation` fixture points the settings
        and the backups' database at it): (stdout, stderr); a refusal raises CommandError."""
        out, err = io.StringIO(), io.StringIO()
        call_command(*args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def rows(self) -> dict[str, list]:
        return database_rows(self.database)

    def files(self) -> dict[str, str]:
        found = {}
        for root in (self.media, self.private):
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                found[f"{root.name}/{path.relative_to(root).as_posix()}"] = sha256_of(path)
        return found

    def destroy(self) -> None:
        """Lose the database and every file: what a restore must bring back."""
        for root in (self.media, self.private):
            for path in root.rglob("*"):
                if path.is_file():
                    path.unlink()
        lose_database(self.database)


@pytest.fixture
def installation(tmp_path, settings, monkeypatch, django_db_setup, django_db_blocker):
    """An Installation the operator's commands work on: its folders in the settings, its database
    where the backups take theirs (the suite's own database stays the suite's). `suite_roots`: the
    suite's media and private folders, where the session's demo left its files."""
    with django_db_blocker.unblock():
        site = Installation(tmp_path / "site")
        try:
            site.suite_roots = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_STORAGE_ROOT)
            settings.MEDIA_ROOT, settings.PRIVATE_STORAGE_ROOT = site.media, site.private
            settings.BACKUP_ROOT = site.backups
            monkeypatch.setattr(Database, "default", classmethod(lambda cls: site.database))
            yield site
        finally:
            drop_database(site.database)


# A whole installation's rows and files (the ledger publishing fills, applicants' uploads, images and their
# renditions): the demo is the suite's only installation that holds them all, committed, for the copy.
@pytest.mark.demo
def test_backup_destroy_restore_gives_back_every_row_and_every_file(installation):
    from portal.news.models import ArticlePage
    from portal.royalties.models import RoyaltyEntry

    site = installation
    # The demo's images and application files, as the session loaded them.
    shutil.copytree(site.suite_roots[0], site.media)
    shutil.copytree(site.suite_roots[1], site.private)
    upload = site.private / "ho-so" / "giay-phep.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4\n" + os.urandom(2048) + b"\n%%EOF\n")
    rows_before, files_before = site.rows(), site.files()
    assert rows_before[ArticlePage._meta.db_table]
    assert rows_before[RoyaltyEntry._meta.db_table]  # the ledger the demo fills by publishing
    assert any(name.startswith("private/uploads/") for name in files_before)  # the demo's application files
    assert "private/ho-so/giay-phep.pdf" in files_before
    assert any(name.startswith("media/original_images/") for name in files_before)

    folder = Path(site.command("backup")[0].strip())
    assert folder.parent == site.backups
    assert "OK:" in site.command("verify_backup", str(folder))[0]

    site.destroy()
    assert site.files() == {}

    site.command("restore_backup", str(folder))
    assert site.files() == files_before
    assert site.rows() == rows_before

    # The restored installation is not empty any more: a second restore asks for --force, in the
    # operator's language (Vietnamese).
    with pytest.raises(CommandError, match="Bản cài đặt không trống"):
        site.command("restore_backup", str(folder))


def test_verify_names_the_damaged_file(installation):
    site = installation
    site.media.mkdir()
    (site.media / "anh.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * 100)
    folder = Path(site.command("backup")[0].strip())

    archive = folder / "files-media.tar"
    damaged = bytearray(archive.read_bytes())
    damaged[600] ^= 0xFF
    archive.write_bytes(bytes(damaged))
    with pytest.raises(CommandError, match="files-media.tar không khớp mã kiểm tra"):
        site.command("verify_backup", str(folder))

    (folder / "manifest.json").unlink()
    with pytest.raises(CommandError, match="không có manifest.json"):
        site.command("restore_backup", str(folder))


def _small_database(tmp_path) -> Database:
    """A database file of its own: the suite's own database is held open in a transaction by each test."""
    path = tmp_path / "small.sqlite3"
    with sqlite3.connect(path) as small:
        small.execute("CREATE TABLE note (text TEXT)")
        small.execute("INSERT INTO note VALUES ('Sổ Ngoại vụ')")
    return Database("sqlite", {"NAME": str(path)})


@pytest.mark.django_db
def test_the_daily_backup_is_made_once_a_day_and_old_ones_are_pruned(tmp_path, settings):
    import datetime as dt

    from django.utils import timezone

    settings.MEDIA_ROOT, settings.PRIVATE_STORAGE_ROOT = tmp_path / "media", tmp_path / "private"
    settings.BACKUP_DAILY = True
    root, database = tmp_path / "backups", _small_database(tmp_path)
    day = timezone.make_aware(dt.datetime(2026, 12, 1, 2, 0))
    made = [daily_backup(root=root, keep=3, now=day + dt.timedelta(days=n), database=database) for n in range(5)]
    again = daily_backup(root=root, keep=3, now=day + dt.timedelta(days=4, hours=3), database=database)

    assert all(made) and again is None  # one a day: the second call that day makes none
    settings.BACKUP_DAILY = False
    assert daily_backup(root=root, keep=3, now=day + dt.timedelta(days=9), database=database) is None
    assert [folder.name for folder in backups_in(root)] == ["20261203-020000", "20261204-020000", "20261205-020000"]
    manifest = backup_verify(backups_in(root)[-1])
    assert manifest["database"]["vendor"] == "sqlite"
    assert "news" in manifest["migrations"]
    copy = sqlite3.connect(backups_in(root)[-1] / "database.sqlite3")
    assert copy.execute("SELECT text FROM note").fetchall() == [("Sổ Ngoại vụ",)]
    copy.close()


@pytest.mark.django_db
def test_an_unfinished_backup_leaves_nothing_that_looks_like_one(tmp_path, settings, monkeypatch):
    from portal.operations import backups

    settings.MEDIA_ROOT, settings.PRIVATE_STORAGE_ROOT = tmp_path / "media", tmp_path / "private"

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(backups, "_archive_folder", fail)
    with pytest.raises(OSError):
        backup_create(root=tmp_path / "backups", database=_small_database(tmp_path))
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_backup_of_one_database_kind_is_not_restored_into_another(tmp_path):
    from portal.operations.backups import backup_restore

    folder = tmp_path / "20261201-020000"
    folder.mkdir()
    (folder / "database.pgdump").write_bytes(b"PGDMP")
    manifest = {
        "format": 1,
        "created_at": "2026-12-01T02:00:00+07:00",
        "database": {
            "vendor": "postgresql",
            "file": "database.pgdump",
            "sha256": sha256_of(folder / "database.pgdump"),
        },
        "files": [],
        "migrations": {},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    sqlite = Database("sqlite", {"NAME": str(tmp_path / "target.sqlite3")})
    with pytest.raises(BackupError, match="pg_restore không đọc được|bản sao lưu của cơ sở dữ liệu postgresql"):
        backup_restore(folder, database=sqlite, roots={})


# --- media in S3-compatible storage (moto's server on 127.0.0.1) ---

# Run in a production installation whose media are in a bucket: an image with a rendition, a document.
MAKE_MEDIA = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from portal.demo.images import demo_picture

image = get_image_model().objects.create(
    title="Hội nghị đối ngoại", file=ImageFile(io.BytesIO(demo_picture("s3")), name="hoi-nghi.jpg")
)
image.get_rendition("width-400")
get_document_model().objects.create(title="Quy chế", file=ContentFile(b"%PDF-1.4 quy che", name="quy-che.pdf"))
"""


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    """manage.py as an operator runs it on the installation, in a process of its own."""
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    if result.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result


def test_an_installation_with_media_in_a_bucket_is_backed_up_and_restored_with_every_object(
    tmp_path, local_s3, django_db_setup, django_db_blocker
):
    # Production settings read the bucket from the environment; the commands take it from there.
    bucket = local_s3.new_bucket()
    with django_db_blocker.unblock():
        site = Installation(tmp_path / "site")
    env = {
        **os.environ,
        "PORTAL_VAR_DIR": str(site.var_dir),  # where the embedded default keeps its database: the copy
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "test-only-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "snv.thuathienhue.gov.vn",
        "LOG_LEVEL": "WARNING",
        **local_s3.environment(bucket),
    }
    env.pop("REDIS_URL", None)
    if site.database.vendor == "postgresql":
        env["DATABASE_URL"] = f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{site.database.settings['NAME']}"
    try:
        manage(env, "shell", "-c", MAKE_MEDIA)
        objects_before, rows_before = local_s3.objects(bucket), site.rows()
        assert {key.split("/")[0] for key in objects_before} == {"original_images", "images", "documents"}
        assert not site.media.exists()  # nothing of the media on this machine's disk

        made = manage(env, "backup")
        folder = Path(made.stdout.strip())
        assert f"files: media: {len(objects_before)} objects in s3://{bucket}" in made.stderr

        site.destroy()
        local_s3.empty(bucket)
        restored = manage(env, "restore_backup", str(folder))
        assert f"files: media: {len(objects_before)} objects written to s3://{bucket}" in restored.stderr
        assert local_s3.objects(bucket) == objects_before  # every object, byte for byte
        assert site.rows() == rows_before  # and the rows that name them
    finally:
        drop_database(site.database)


@pytest.mark.django_db
def test_every_object_of_the_bucket_is_backed_up_checked_and_restored_byte_for_byte(tmp_path, s3_media, local_s3):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from portal.operations.backups import backup_restore, file_roots

    for name, data in {
        "original_images/hoi-nghi.jpg": b"\xff\xd8\xff" + os.urandom(3000),
        "images/hoi-nghi.width-400.jpg": b"\xff\xd8\xff" + os.urandom(500),
        "documents/Quyết định số 12.pdf": b"%PDF-1.4 " + os.urandom(200),
        "documents/2026/11/bao-cao.docx": b"PK\x03\x04",
    }.items():
        assert default_storage.save(name, ContentFile(data)) == name
    objects = local_s3.objects(s3_media)
    roots = file_roots() | {"private": tmp_path / "private"}
    assert roots["media"] is default_storage  # media not on disk: the bucket itself
    lines = []
    folder = backup_create(
        root=tmp_path / "backups", database=_small_database(tmp_path), roots=roots, report=lines.append
    )

    assert f"files: media: 4 objects in s3://{s3_media}" in lines
    manifest = backup_verify(folder)
    media = next(files for files in manifest["files"] if files["name"] == "media")
    assert media["source"] == f"s3://{s3_media}"
    assert {member["path"]: member["sha256"] for member in media["members"]} == {
        key: hashlib.sha256(data).hexdigest() for key, data in objects.items()
    }

    local_s3.empty(s3_media)
    target = Database("sqlite", {"NAME": str(tmp_path / "restored.sqlite3")})
    backup_restore(folder, database=target, roots=roots, report=lines.append)
    assert local_s3.objects(s3_media) == objects
    assert f"files: media: 4 objects written to s3://{s3_media}" in lines

    # A bucket that holds objects is not written over without --force, as a folder that holds files.
    with pytest.raises(BackupError, match=rf"Bản cài đặt không trống \(s3://{s3_media} đang có tệp\)"):
        backup_restore(folder, database=target, roots=roots)
    default_storage.delete("images/hoi-nghi.width-400.jpg")
    with default_storage.open("original_images/hoi-nghi.jpg", "wb") as changed:
        changed.write(b"changed since")
    backup_restore(folder, database=target, roots=roots, force=True)
    assert local_s3.objects(s3_media) == objects  # over the objects there, under their own names


@pytest.mark.django_db
def test_the_archive_zips_are_left_out_of_backups_and_a_restore_keeps_them_out(tmp_path, settings):
    from portal.archive.services import EXPORTS_FOLDER
    from portal.operations.backups import NOT_BACKED_UP, backup_restore

    assert NOT_BACKED_UP == {"private": (EXPORTS_FOLDER,)}
    media, private = tmp_path / "media", tmp_path / "private"
    for path, data in {
        private / "uploads" / "don.pdf": b"%PDF-1.4 don",
        private / EXPORTS_FOLDER / "luu-tru-2016-abc.zip": b"PK\x03\x04 zip",
        private / EXPORTS_FOLDER / "work" / "1-abcd" / "index.html": b"<html>",
        private / "archives-cu" / "ghi-chu.txt": b"not the exports' folder",
        media / "images" / "anh.jpg": b"\xff\xd8\xff",
    }.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    roots = {"media": media, "private": private}
    folder = backup_create(root=tmp_path / "backups", database=_small_database(tmp_path), roots=roots)

    manifest = backup_verify(folder)
    kept = {files["name"]: sorted(member["path"] for member in files["members"]) for files in manifest["files"]}
    assert kept == {"media": ["images/anh.jpg"], "private": ["archives-cu/ghi-chu.txt", "uploads/don.pdf"]}
    assert next(files for files in manifest["files"] if files["name"] == "private")["left_out"] == ["archives/"]

    # Exports left in the folder do not make the installation "not empty", and the restore leaves them be.
    (private / "uploads" / "don.pdf").unlink()
    (private / "archives-cu" / "ghi-chu.txt").unlink()
    (media / "images" / "anh.jpg").unlink()
    target = Database("sqlite", {"NAME": str(tmp_path / "restored.sqlite3")})
    backup_restore(folder, database=target, roots=roots)
    assert (private / "uploads" / "don.pdf").read_bytes() == b"%PDF-1.4 don"
    assert (private / EXPORTS_FOLDER / "luu-tru-2016-abc.zip").read_bytes() == b"PK\x03\x04 zip"
