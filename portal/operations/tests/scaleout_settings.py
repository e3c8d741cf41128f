"""The settings of the app servers and schedulers that test_scale_out starts: the suite's, on the test
database and Redis the test hands them (environment), under the test's own cache key prefix (every
process the same, as every server of an installation), with the caches of publications on as in
production."""

import os

from portal.settings.test import *  # noqa: F403

CACHES["default"]["LOCATION"] = os.environ["PORTAL_SHARED_CACHE_LOCATION"]  # noqa: F405
CACHES["default"]["KEY_PREFIX"] = os.environ["PORTAL_SHARED_CACHE_PREFIX"]  # noqa: F405
PUBLICATION_CACHE_SECONDS = 60 * 60
DASHBOARD_CACHE_SECONDS = 5 * 60
