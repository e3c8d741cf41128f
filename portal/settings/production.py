"""Production: everything that differs from the embedded default comes from the environment."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SECRET_KEY = _env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _env("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = _env("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(_env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STATIC_ROOT = _env("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
MEDIA_ROOT = _env("MEDIA_ROOT", str(MEDIA_ROOT))  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible media (MinIO, Ceph, AWS) through django-storages: see portal/operations/storage.py. boto3
    # reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself. Private uploads stay in PRIVATE_STORAGE_ROOT.
    from portal.operations.storage import s3_storage

    STORAGES["default"] = s3_storage(  # noqa: F405
        bucket=os.environ["AWS_STORAGE_BUCKET_NAME"],
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL"),
        region=os.environ.get("AWS_S3_REGION_NAME"),
        custom_domain=os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
        addressing_style=os.environ.get("AWS_S3_ADDRESSING_STYLE"),  # "path" for most MinIO and Ceph
    )

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

if os.environ.get("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": [os.environ["OPENSEARCH_URL"]],
            "INDEX": os.environ.get("OPENSEARCH_INDEX", "portal"),
        }
    }

# One JSON object a line on standard error (LOG_FORMAT=text for plain lines), for journald or a collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "portal.operations.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": _env("LOG_FORMAT", "json")}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF step by step at INFO: only their warnings matter.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

# Uploaded documents and results (never under MEDIA_ROOT). Online payment only with the merchant's own keys.
PRIVATE_STORAGE_ROOT = _env("PRIVATE_STORAGE_ROOT", str(VAR_DIR / "private"))  # noqa: F405
# The scheduler of any app server makes the daily backup, and each server's Vận hành panel and /health/
# read them: with several servers, a folder they share (as PRIVATE_STORAGE_ROOT).
BACKUP_ROOT = _env("BACKUP_ROOT", str(BACKUP_ROOT))  # noqa: F405
PAYMENTS_SANDBOX_ENABLED = False
PAYMENTS_VNPAY = {
    "TMN_CODE": os.environ.get("VNPAY_TMN_CODE", ""),
    "HASH_SECRET": os.environ.get("VNPAY_HASH_SECRET", ""),  # empty: online payment is off, never the sandbox's
    "PAYMENT_URL": os.environ.get("VNPAY_PAYMENT_URL", "https://pay.vnpay.vn/vpcpay.html"),
    "EXPIRE_MINUTES": int(os.environ.get("VNPAY_EXPIRE_MINUTES", "15")),
}
# The "Pay online" form is answered by a redirect to the gateway: the CSP lets forms go there.
_gateway = urlsplit(PAYMENTS_VNPAY["PAYMENT_URL"])
CONTENT_SECURITY_POLICY = {  # noqa: F405 - a copy: base's dict is shared with every settings module
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
        "form-action": [
            *CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"],  # noqa: F405
            f"{_gateway.scheme}://{_gateway.netloc}",
        ],
    },
}
# Media in a bucket are fetched by the browser from the bucket's address: images may come from there.
from portal.operations.storage import media_origin  # noqa: E402

if _media := media_origin(STORAGES["default"]):  # noqa: F405
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [  # noqa: F405
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],  # noqa: F405
        _media,
    ]

# Wagtail's live preview frames our own pages in the admin, so frames stay SAMEORIGIN (the CSP's
# frame-ancestors 'self' says the same); no other origin may frame the site.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405

# Behind nginx (deploy/nginx.conf) the client's address is in X-Real-IP: the rate limits of the public
# forms count by it, or every citizen would look like the proxy.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "")
