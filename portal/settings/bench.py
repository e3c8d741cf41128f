"""The benchmark server (bench/run.py): production settings, served locally over plain HTTP.

Everything else (DEBUG off, manifest static files, database and cache from the environment)
is production's, so the figures are those of a deployed portal.
"""

import os

# Production reads these at import and refuses to start without them.
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .production import *  # noqa: E402, F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105 - a throwaway database on the loopback
ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False  # the load generator speaks plain HTTP to 127.0.0.1
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "portal.bench_urls"
PUBLIC_URLCONFS = {**PUBLIC_URLCONFS, "portal.bench_urls": "portal.bench_public_urls"}  # noqa: F405
DEMO_ALLOWED = True  # bench/run.py loads the demo and the synthetic items into its own database
