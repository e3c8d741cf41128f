"""Media in S3-compatible storage, against moto's S3 server on 127.0.0.1 (the `s3_media` fixture): Wagtail's
images and renditions are kept in the bucket and shown from it, a document only through Wagtail's
permission-checked view, and /health/ checks the bucket and fails fast when it does not answer."""

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from portal.archive.tests.factories import make_archive_year
from portal.news.pdf import LocalFilesFetcher
from portal.operations.storage import PUBLIC_PREFIXES, S3_ATTEMPTS, S3_CONNECT_TIMEOUT, S3_READ_TIMEOUT, media_name
from portal.operations.testing import LocalS3

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def anonymous_get(url: str) -> tuple[int, bytes]:
    """What a browser gets from the bucket: no credentials, no signature."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a URL of the local S3
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _local_media() -> dict[Path, int]:
    """The files under MEDIA_ROOT with their times: other tests of the worker leave theirs there."""
    root = Path(settings.MEDIA_ROOT)
    return {path: path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()} if root.exists() else {}


def test_images_and_renditions_are_kept_in_the_bucket_and_pages_show_them_from_it(client, s3_media, local_s3):
    on_disk = _local_media()
    year = make_archive_year()
    html = client.get(year.article.url).content.decode()

    rendition = year.image.get_rendition("width-960")
    bucket_url = f"{local_s3.endpoint_url}/{s3_media}/"
    assert rendition.url == f"{bucket_url}{rendition.file.name}"
    assert f'src="{rendition.url}"' in html
    assert f'content="{year.image.get_rendition("fill-1200x630").url}"' in html  # og:image, absolute as it is
    stored = local_s3.objects(s3_media)
    assert year.image.file.name.startswith("original_images/") and year.image.file.name in stored
    with default_storage.open(rendition.file.name) as file:
        assert stored[rendition.file.name] == file.read()
    assert _local_media() == on_disk  # nothing written on this machine's disk (a same-named file may be older)
    assert anonymous_get(rendition.url) == (200, stored[rendition.file.name])  # the bucket policy lets browsers in
    assert media_name(rendition.url) == rendition.file.name  # what the article's PDF and the archive read
    fetched = LocalFilesFetcher().fetch(rendition.url)  # the PDF's images: from the storage, never fetched
    assert fetched.read() == stored[rendition.file.name]


def test_a_document_is_served_only_by_the_permission_checked_view_never_from_the_bucket(client, s3_media, local_s3):
    year = make_archive_year()
    public, private = year.document, year.private_document
    stored = local_s3.objects(s3_media)
    assert stored[private.file.name] == b"internal only\n"

    # The bucket gives no document to a browser, whatever its collection: the policy opens only the images.
    for document in (public, private):
        assert anonymous_get(default_storage.url(document.file.name))[0] == 403
    policy = json.loads((ROOT / "deploy" / "s3-bucket-policy.json").read_text())
    assert [resource.split(":::portal-media/")[1] for resource in policy["Statement"][0]["Resource"]] == [
        f"{prefix}*" for prefix in PUBLIC_PREFIXES
    ]

    # Wagtail's view streams the file from the bucket once the collection's restriction is satisfied.
    assert private.url == f"/documents/{private.pk}/{private.filename}"
    refused = client.get(private.url)
    assert refused.status_code == 200 and not refused.has_header("Content-Disposition")  # the password form
    assert "mật khẩu" in refused.content.decode().lower()
    served = client.get(public.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == "Quy chế lưu trữ: toàn văn\n".encode()
    html = client.get(year.article.url).content.decode()
    assert f"{local_s3.endpoint_url}/{s3_media}/documents/" not in html


def test_health_checks_the_bucket(client, s3_media, local_s3):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"]["ok"] is True
    assert not [key for key in local_s3.objects(s3_media) if key.startswith("health/")]  # its probe removed


def _health_with_storage_at(client, settings, endpoint_url: str) -> tuple[object, float]:
    dead = LocalS3()
    dead.endpoint_url = endpoint_url
    settings.STORAGES = {**settings.STORAGES, "default": dead.storage("portal-media")}
    started = time.monotonic()
    response = client.get("/health/")
    return response, time.monotonic() - started


def test_health_answers_503_naming_the_storage_quickly_when_s3_is_down(client, settings, monkeypatch):
    for name, value in LocalS3.CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    stopped = LocalS3().start()
    endpoint = stopped.endpoint_url
    stopped.stop()  # nothing listens there any more: connections are refused

    response, seconds = _health_with_storage_at(client, settings, endpoint)
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == {"ok": False}
    assert response.json()["checks"]["database"]["ok"] is True
    assert seconds < 3, f"/health/ took {seconds:.1f} s with S3 down"


def test_production_s3_client_gives_up_after_its_timeouts_and_attempts():
    """A hung S3 costs a request at most S3_ATTEMPTS x the read timeout, never botocore's 60 s a read."""
    config = LocalS3().storage("portal-media")["OPTIONS"]["client_config"]
    assert (config.connect_timeout, config.read_timeout) == (S3_CONNECT_TIMEOUT, S3_READ_TIMEOUT) == (2, 3)
    assert config.retries == {"total_max_attempts": S3_ATTEMPTS, "mode": "standard"}


def test_health_answers_503_after_its_attempts_when_s3_accepts_but_never_answers(client, settings, monkeypatch):
    for name, value in LocalS3.CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    # the same client as production's with a shorter wait for a byte: what is checked is that it gives up
    # after its attempts, not how long a loaded machine takes (the wait itself is the test above's)
    monkeypatch.setattr("portal.operations.storage.S3_READ_TIMEOUT", 0.5)
    accepted = []
    with socket.socket() as hung:  # connections are taken and held open; nothing is ever answered
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        hung.settimeout(0.2)

        def hold():
            while len(accepted) < 8:
                try:
                    accepted.append(hung.accept()[0])
                except OSError:
                    if hung.fileno() == -1:
                        return

        holder = threading.Thread(target=hold, daemon=True)
        holder.start()
        response, seconds = _health_with_storage_at(client, settings, f"http://127.0.0.1:{hung.getsockname()[1]}")
        for connection in accepted:
            connection.close()
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == {"ok": False}
    assert response.json()["checks"]["database"]["ok"] is True
    assert len(accepted) == S3_ATTEMPTS, f"S3 was asked {len(accepted)} times"
    assert seconds < 30, f"/health/ took {seconds:.1f} s with a hung S3"  # botocore's default: 60 s a read
