"""The test suite: fast hashing, e-mail in memory, a private cache per run."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    import uuid

    CACHES["default"]["KEY_PREFIX"] = f"portal-test-{uuid.uuid4().hex[:8]}"  # noqa: F405
SERVE_MEDIA = True
DEMO_ALLOWED = True  # the tests load the demo
PRIVATE_STORAGE_ROOT = VAR_DIR / "test-private"  # noqa: F405
PAYMENTS_SANDBOX_IPN_TRANSPORT = "inprocess"  # no server listens in the test suite
BACKUP_DAILY = False  # the scheduler's daily backup: the backup tests make theirs explicitly
DASHBOARD_CACHE_SECONDS = 0  # the tests publish inside transactions, which never commit: no stale figures
# A task runs as it is enqueued, the background ones too.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
