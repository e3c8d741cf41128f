"""The open data API's tunable values: each can be set in the settings; these are the defaults.

Read through a function (not module constants) so that a test's `settings` fixture changes them.
"""

from django.conf import settings

DEFAULTS = {
    # Requests per client address and window; 0 turns the limit off.
    "OPENDATA_RATE_LIMIT": 120,
    "OPENDATA_RATE_WINDOW_SECONDS": 60,
    # Results per page: what a list gives without `limit`, and the most it gives with one.
    "OPENDATA_PAGE_SIZE": 20,
    "OPENDATA_MAX_PAGE_SIZE": 100,
    # How long a client or a proxy may keep an answer (Cache-Control: public, max-age).
    "OPENDATA_CACHE_SECONDS": 300,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
