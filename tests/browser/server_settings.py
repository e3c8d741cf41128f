"""The portal as the browser suite serves it: the demo settings, but with DEBUG off.

With DEBUG on, Django answers a missing page with its technical 404 page instead of the
portal's own, and the suite must see what a citizen sees. Static files are served by
``runserver --insecure``; uploaded media by the portal itself (``SERVE_MEDIA``).
"""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
SERVE_MEDIA = True
