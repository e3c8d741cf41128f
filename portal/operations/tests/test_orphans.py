"""Private uploads left without their rows (a request killed before it committed) are removed a
day later; files a row names, recent files and files outside the upload folders are kept."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.utils.functional import empty

from portal.applications.models import Upload, private_storage
from portal.testing.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_root(tmp_path, settings):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    private_storage._wrapped = empty  # the storage reads its folder again
    yield tmp_path
    private_storage._wrapped = empty


def _file(path, *, days_old: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 ho so")
    moment = (dt.datetime.now() - dt.timedelta(days=days_old)).timestamp()
    os.utime(path, (moment, moment))


def test_only_old_files_no_row_names_are_removed(private_root, capsys):
    application = ApplicationFactory()
    Upload.objects.create(
        application=application,
        document_key="to-khai",
        file="uploads/named.pdf",
        original_name="to-khai.pdf",
        kind="pdf",
        size=14,
        sha256="0" * 64,
    )
    _file(private_root / "uploads" / "named.pdf", days_old=30)  # its row names it
    _file(private_root / "uploads" / "left-by-a-killed-worker.pdf", days_old=2)
    _file(private_root / "uploads" / "being-submitted.pdf", days_old=0.01)  # its request may still commit
    _file(private_root / "questions" / "questions" / "2026" / "11" / "old-attachment.pdf", days_old=5)
    _file(private_root / "elsewhere" / "not-an-upload-folder.pdf", days_old=90)

    call_command("remove_orphan_files", "--dry-run")
    listed = capsys.readouterr().out
    assert "left-by-a-killed-worker.pdf" in listed and "old-attachment.pdf" in listed
    assert "2 trong số 4 tệp riêng tư không thuộc hồ sơ nào (chưa xoá gì)." in listed
    assert (private_root / "uploads" / "left-by-a-killed-worker.pdf").exists()

    call_command("remove_orphan_files")
    assert "đã được xoá" in capsys.readouterr().out
    assert not (private_root / "uploads" / "left-by-a-killed-worker.pdf").exists()
    assert not (private_root / "questions" / "questions" / "2026" / "11" / "old-attachment.pdf").exists()
    for kept in ("uploads/named.pdf", "uploads/being-submitted.pdf", "elsewhere/not-an-upload-folder.pdf"):
        assert (private_root / kept).exists(), kept


def test_media_in_a_bucket_are_passed_over_not_a_crash(private_root, s3_media, capsys):
    # Wagtail's images and documents then have a storage without paths: they are never private uploads.
    _file(private_root / "uploads" / "left-by-a-killed-worker.pdf", days_old=2)
    call_command("remove_orphan_files")
    assert "1 trong số 1 tệp riêng tư không thuộc hồ sơ nào và đã được xoá." in capsys.readouterr().out
