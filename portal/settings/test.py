"""The test suite: fast hashing, e-mail in memory, a private cache per run, files of its own."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Every file the suite writes goes under var/test/, in a folder of each pytest-xdist worker (gw0,
# gw1...) when the suite runs in parallel: two workers never share media, uploads, backups or mail.
TEST_VAR_DIR = VAR_DIR / "test" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
MEDIA_ROOT = TEST_VAR_DIR / "media"
PRIVATE_STORAGE_ROOT = TEST_VAR_DIR / "private"
BACKUP_ROOT = TEST_VAR_DIR / "backups"
EMAIL_FILE_PATH = TEST_VAR_DIR / "mail"
STATIC_ROOT = TEST_VAR_DIR / "static"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    import uuid
    from urllib.parse import urlsplit

    CACHES["default"]["KEY_PREFIX"] = f"portal-test-{uuid.uuid4().hex[:8]}"  # noqa: F405
    # The suite clears the cache around every test, which empties the whole Redis database: each
    # xdist worker uses the next database of its own (REDIS_URL's /1: gw0 /1, gw1 /2...).
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _redis = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
        _number = int(_redis.path.strip("/") or 0) + int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
        CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_number}").geturl()  # noqa: F405
SERVE_MEDIA = True
DEMO_ALLOWED = True  # the tests load the demo
PAYMENTS_SANDBOX_IPN_TRANSPORT = "inprocess"  # no server listens in the test suite
BACKUP_DAILY = False  # the scheduler's daily backup: the backup tests make theirs explicitly
DASHBOARD_CACHE_SECONDS = 0  # the tests publish inside transactions, which never commit: no stale figures
PUBLICATION_CACHE_SECONDS = 0  # the same: tests of it turn it on and end their changes with committed()
# A task runs as it is enqueued, the background ones too.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
