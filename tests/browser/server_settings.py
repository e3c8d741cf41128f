"""The portal as the browser suite serves it: the demo settings, but with DEBUG off.

With DEBUG on, Django answers a missing page with its technical 404 page instead of the
portal's own, and the suite must see what a citizen sees. Static files are served by
``runserver --insecure``; uploaded media by the portal itself (``SERVE_MEDIA``).
"""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
SERVE_MEDIA = True
DEMO_ALLOWED = True  # load_demo with DEBUG off, when the suite has no SQLite demo to copy (PostgreSQL)
# The served database is a copy of the suite's demo, whose accounts the suite's fast hasher hashed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
