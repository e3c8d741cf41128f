"""Settings shared by every environment. Embedded defaults: nothing here needs the environment."""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))  # embedded database, media, mail

INSTALLED_APPS = [
    "portal.core",
    "portal.units",
    "portal.home",
    "portal.news",
    "portal.search",
    "portal.demo",
    "portal.packs",
    "portal.accounts",
    "portal.wordimport",
    "portal.collected",
    "portal.operations",
    "portal.archive",
    "portal.planning",
    "portal.visits",
    "portal.royalties",
    "portal.translations",
    "portal.procedures",
    "portal.applications",
    "portal.payments",
    "portal.documents",
    "portal.schedules",
    "portal.albums",
    "portal.organisation",
    "portal.recruitment",
    "portal.investment",
    "portal.handbook",
    "portal.disclosure",
    "portal.consultation",
    "portal.qa",
    "portal.opendata",
    "portal.board",
    "portal.formaldocs",
    "portal.province",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "portal.editorial",  # after wagtail.admin: it replaces Wagtail's workflow e-mails
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
# Wagtail's apps that register with its v3 API, which the portal does not serve: the same apps without
# that registration (its routers and schemas held some 20 MiB of each worker; portal.core.wagtail_apps).
for _app, _config in {
    "wagtail.contrib.redirects": "RedirectsAppConfig",
    "wagtail.snippets": "SnippetsAppConfig",
    "wagtail.images": "ImagesAppConfig",
    "wagtail.documents": "DocumentsAppConfig",
    "wagtail.locales": "LocalesAppConfig",
}.items():
    INSTALLED_APPS[INSTALLED_APPS.index(_app)] = f"portal.core.wagtail_apps.{_config}"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",  # PERMISSIONS_POLICY below
    "portal.core.middleware.MethodGuardMiddleware",  # before the page cache: TRACE/OPTIONS never get a page
    "csp.middleware.CSPMiddleware",
    "portal.visits.middleware.VisitCounterMiddleware",  # before the page cache: cached pages count too
    "portal.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.core.urlconfs.PublicURLConfMiddleware",  # a visitor's request: the public URLs alone
    "portal.core.middleware.KeptSiteMiddleware",  # Wagtail's site for the host, without a query
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.core.middleware.OwnNotFoundPageMiddleware",  # inside the redirects: an old address still redirects
    "portal.core.middleware.AdminInputGuardMiddleware",  # 404 / page 1, not 500, for bad ids and page numbers
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out accounts before checking passwords
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
# The public part of each whole URL configuration, which a visitor's request is resolved against
# (portal.core.urlconfs: a worker serving only visitors never loads the admin's routes).
PUBLIC_URLCONFS = {"portal.urls": "portal.public_urls"}
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "portal.sqlite3",
        # WAL: visitors keep reading while the newsroom or the scheduler writes. Connections are
        # kept (a new one re-reads the schema and starts with a cold page cache every request).
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32000",
        },
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
        "TIMEOUT": 60 * 60,
    }
}
# Whole public pages kept for anonymous visitors; any publish bumps the generation (core.page_cache).
PAGE_CACHE_SECONDS = 60 * 60
# Parts of pages rendered for visitors the page cache steps aside for (a session), the site and its
# home, kept under the same generation: forgotten at the next publication (core.per_request).
PUBLICATION_CACHE_SECONDS = int(os.environ.get("PUBLICATION_CACHE_SECONDS", 60 * 60))  # 0: off (bench/side_by_side.py)

# Tasks run as they are enqueued (Wagtail's own: reference and search index), except the long ones
# sent to "background" (an archive export): django-tasks-db's table as the queue, run by the worker
# that `manage.py run_scheduler` starts (operations.task_queue), never in a request.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: the public site at /, English at /en/, the admin in Vietnamese by default.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_admin"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
# The address only: the portal's own mails put the agency's name (its details, data) before it
# (portal.core.mail.sender); Django's and Wagtail's mails show this name.
DEFAULT_FROM_EMAIL = "Cổng thông tin điện tử <no-reply@localhost>"

# Wagtail shows the site's own name (set from the agency pack) wherever it has a site; this is
# only its fallback, so that no agency is named in code.
WAGTAIL_SITE_NAME = "Cổng thông tin điện tử"
# The approval workflow publishes an item (nobody but a superuser publishes outside it).
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.editorial.workflows.publish_approved"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "txt"]
# Documents are always served by Wagtail's view, which checks their collection's privacy first: never a
# redirect to the file's own URL (Wagtail's default for S3), where a private collection's file would be
# read by anyone who has the link. The web server and the bucket serve no document (deploy/).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILEMBEDS_FINDERS = []  # embeds would call third-party APIs; nothing is fetched at run time
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # staff avatars: uploaded ones or Wagtail's default, never gravatar.com

SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
SESSION_COOKIE_HTTPONLY = True
# Wagtail 8's admin takes the CSRF token from the page (wagtailConfig, the forms' hidden field) and
# the portal's own scripts read no cookie, so no script needs the CSRF cookie either.
CSRF_COOKIE_HTTPONLY = True
# A form sent without a valid token (left open past its cookie, cookies blocked) gets a page in the site's
# look and language that says nothing was sent and links back to the form, not Django's English 403.
CSRF_FAILURE_VIEW = "portal.core.views.csrf_failure"

# Security headers. CSP has no inline scripts on the public site; the admin (Wagtail's own
# inline scripts) is excluded and protected by login instead.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Behind a reverse proxy, the request header that carries the visitor's address (e.g. "HTTP_X_REAL_IP"):
# the public forms' per-address limits count by it (portal.core.clients). Empty: REMOTE_ADDR.
CLIENT_ADDRESS_HEADER = ""
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview frames the site from the admin
# Browser features no page of the portal uses, refused to it and to anything it frames. Paying a fee
# is a redirect to the gateway's own page, not the Payment Request API: payment is refused too.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb",
    )
}  # fmt: skip

# Backups (portal.operations): the database, MEDIA_ROOT, PRIVATE_STORAGE_ROOT and any other
# folders of files named here; one backup a day, the newest fourteen kept.
BACKUP_ROOT = VAR_DIR / "backups"
BACKUP_DAILY = True
BACKUP_FILE_ROOTS: dict = {}
BACKUP_KEEP = 14

SERVE_MEDIA = False  # the embedded default and tests serve media themselves
PORTAL_PAGE_SIZE = 12
# The board's dashboard sums up the year: its figures are kept this long (or until a publication
# or a change to the plans), so that the first page staff see after signing in comes at once.
DASHBOARD_CACHE_SECONDS = 300
PORTAL_SEARCH_MAX_QUERY = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The path past one machine: engines chosen by environment variables only.


import dj_database_url  # noqa: E402

if os.environ.get("DATABASE_URL"):
    # Kept connections are checked before reuse: after a database restart, the first request of each
    # worker would otherwise fail on the connection the restart cut (bench/fault.py db-restart).
    DATABASES["default"] = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        "TIMEOUT": 60 * 60,
    }

VAR_DIR.mkdir(parents=True, exist_ok=True)
# Our page types replace Page's title SearchField by a folded one (core.search_fields); the
# check compares field objects by identity and cannot see that the title is still indexed.
SILENCED_SYSTEM_CHECKS = ["wagtailsearch.W001"]

# --- Staff security (portal.accounts) ---
# Staff profiles on Wagtail's user forms: wagtail.users with our user viewset (Wagtail's documented way).
INSTALLED_APPS[INSTALLED_APPS.index("wagtail.users")] = "portal.accounts.apps.StaffUsersAppConfig"
# Approvers, publishers and superusers pass a TOTP code before any admin page (portal.accounts.services).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1, "portal.accounts.middleware.SecondFactorMiddleware"
)


def OTP_TOTP_ISSUER(device):  # noqa: N802 (a setting django-otp calls): the agency's name from its details
    from portal.core.models import AgencySettings

    return AgencySettings.load().name_vi


# Not even a superuser reads another person's TOTP secret or QR code in the Django admin: staff
# enrol their own device when they first sign in.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Login throttling (portal.accounts.lockout): 5 failures for one user name from one address lock that
# name from that address for 30 minutes (an attacker elsewhere cannot lock the real user out), and
# 30 failures from one address over any user names block that address; each failure is kept in
# axes' AccessFailureLog (admin report "Sign-in failures").
import datetime as _dt  # noqa: E402

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = _dt.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "portal.accounts.lockout.SignInLockoutHandler"
SIGN_IN_FAILURES_PER_ADDRESS = 30
# The address the public forms count by (CLIENT_ADDRESS_HEADER behind a proxy), not a header the client writes.
AXES_CLIENT_IP_CALLABLE = "portal.core.clients.client_ip"
AXES_RESET_ON_SUCCESS = True  # a successful sign-in forgets earlier failures (the failure log keeps them)
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "portal.accounts.views.locked_out"  # Wagtail's sign-in page with the reason
# Sessions end when the browser closes; "Remember me" on Wagtail's sign-in keeps one for at most
# SESSION_COOKIE_AGE (8 h), after which the server refuses it anyway.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
WAGTAILADMIN_USER_LOGIN_FORM = "portal.accounts.login.StaffLoginForm"  # labels every field in the user's language
# --- end of staff security ---

# The largest request a public form reads: deploy/nginx.conf's client_max_body_size. Below it, a file
# over its form's limit is read (to a temporary file: FILE_UPLOAD_MAX_MEMORY_SIZE, Django's 2.5 MB, keeps
# memory small; DATA_UPLOAD_MAX_MEMORY_SIZE counts the typed fields only) and refused by the form, which
# comes back with everything typed; above it the request is refused unread.
PORTAL_MAX_REQUEST_BYTES = 30 * 1024 * 1024

# --- Online public services (portal.procedures, portal.applications, portal.payments) ---
# Uploaded documents and results: outside MEDIA_ROOT, served only by the permission-checked views.
PRIVATE_STORAGE_ROOT = VAR_DIR / "private"
APPLICATIONS_MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # per file
APPLICATIONS_MAX_FILES = 30  # per application
APPLICATIONS_RECEIPT_PREFIX = "SNV"  # receipt numbers SNV-yymmdd-nnnn
APPLICATIONS_LOOKUP_LIMIT = 20  # look-ups by receipt number per address per 10 minutes
APPLICATIONS_SIGN_IN_LIMIT = 10  # sign-in links per address per hour
# Fees are paid online through the provider named here (payments.registry). The embedded default pays
# through the portal's own VNPay sandbox with a fixed, public sandbox secret; production reads the
# merchant's code and secret from the environment (settings/production.py).
PAYMENTS_PROVIDER = "vnpay"
PAYMENTS_VNPAY = {
    "TMN_CODE": "SNVHUE01",
    "HASH_SECRET": "SANDBOX-ONLY-SECRET-SO-NGOAI-VU-HUE-2026",  # noqa: S105 - the sandbox's, public on purpose
    "PAYMENT_URL": "",  # empty: the portal's own sandbox gateway
    "EXPIRE_MINUTES": 15,
}
PAYMENTS_SANDBOX_ENABLED = True
PAYMENTS_SANDBOX_IPN_TRANSPORT = "http"  # the sandbox calls the IPN over HTTP, as VNPay does
PAYMENTS_SANDBOX_IPN_ATTEMPTS = 3
# --- end of online public services ---

# --- Settings the portal's code reads, declared here with their defaults (one home for each) ---
DEMO_ALLOWED = False  # load_demo, generate_dataset and demo_otp_code also run with DEBUG off (tests, bench)
PORTAL_PUBLIC_BASE_URL = ""  # the public site's address in mails to citizens; empty: WAGTAILADMIN_BASE_URL
QA_PRIVATE_ROOT = None  # citizens' attachments to questions; None: PRIVATE_STORAGE_ROOT / "questions"
PAYMENTS_SANDBOX_IPN_BASE_URL = ""  # where the sandbox gateway calls the IPN; empty: WAGTAILADMIN_BASE_URL
WORDIMPORT_MAX_BYTES = 20 * 1024 * 1024  # a Word file's upload size (its content has its own bounds)
COLLECTED_FETCH_TIMEOUT = 10  # seconds for one feed of collected news
COLLECTED_FETCH_MAX_BYTES = 5 * 1024 * 1024  # one feed's size
COLLECTED_MAX_ENTRIES = 100  # entries kept from one fetch
