"""Media in S3-compatible storage (MinIO, Ceph, AWS S3), and the file name behind a media URL.

production.py sets STORAGES["default"] to s3_storage(...) where AWS_STORAGE_BUCKET_NAME is set; the
tests build theirs with the same function against a local moto server (portal/operations/testing.py).
The bucket is private but for Wagtail's image folders (deploy/s3-bucket-policy.json): images are
fetched by browsers from the bucket, documents only through Wagtail's permission-checked view
(WAGTAILDOCS_SERVE_METHOD = "serve_view"), so a document of a private collection stays private.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
# A dead or hung S3 must fail a request (and /health/) in seconds, not after botocore's defaults
# (60 s to connect, 60 s per read, retried): 2 s to connect, 3 s without a byte, two attempts in all.
S3_CONNECT_TIMEOUT = 2
S3_READ_TIMEOUT = 3
S3_ATTEMPTS = 2
# Wagtail's folders that browsers read straight from the bucket: originals and renditions of images.
PUBLIC_PREFIXES = ("original_images/", "images/")


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str | None = None,
    region: str | None = None,
    custom_domain: str | None = None,
    addressing_style: str | None = None,
) -> dict:
    """A STORAGES entry for media in `bucket`. Credentials are boto3's own: AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY in the environment (or an instance profile)."""
    from botocore.config import Config

    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "custom_domain": custom_domain or None,  # e.g. nginx or a CDN in front of the bucket
            "default_acl": None,  # no per-object ACL (AWS refuses them by default): the bucket policy decides
            # Plain URLs: cached pages keep image URLs, which signed ones would make expire.
            "querystring_auth": False,
            "file_overwrite": False,  # a second upload of "anh.jpg" gets a name of its own, as on disk
            "client_config": Config(
                connect_timeout=S3_CONNECT_TIMEOUT,
                read_timeout=S3_READ_TIMEOUT,
                retries={"total_max_attempts": S3_ATTEMPTS, "mode": "standard"},
                s3={"addressing_style": addressing_style or "auto"},
            ),
        },
    }


def media_origin(storage: dict) -> str | None:
    """The origin ("https://s3.example.vn") the browser fetches media from, for the CSP; None for local media.

    Worked out as S3Storage.url() does, by botocore without any request (an unsigned URL is local work)."""
    if storage["BACKEND"] != S3_BACKEND:
        return None
    options = storage["OPTIONS"]
    if options.get("custom_domain"):
        return f"https://{options['custom_domain']}"
    import boto3
    import botocore
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3",
        endpoint_url=options.get("endpoint_url"),
        region_name=options.get("region_name") or "us-east-1",
        config=options["client_config"].merge(Config(signature_version=botocore.UNSIGNED)),
    )
    parts = urlsplit(client.generate_presigned_url("get_object", Params={"Bucket": options["bucket_name"], "Key": "x"}))
    return f"{parts.scheme}://{parts.netloc}"


def media_name(url: str) -> str | None:
    """The default storage's name for a media URL found in a page ("images/a.width-800.jpg"), or None.

    Local media are under MEDIA_URL (`/media/...`, with or without the site's host); media in a
    bucket have its absolute URL. Readers of pages (the PDF of an article, the archive) take the
    file from the storage by this name rather than fetching it."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, default_storage

    parts = urlsplit(url.strip())
    if isinstance(default_storage, FileSystemStorage):
        path = unquote(parts.path)
        return (path[len(settings.MEDIA_URL) :] or None) if path.startswith(settings.MEDIA_URL) else None
    base = urlsplit(default_storage.url("x"))  # the bucket's (or custom domain's) address of a name
    prefix = base.path[:-1]
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(prefix):
        return None
    return unquote(parts.path[len(prefix) :]) or None
