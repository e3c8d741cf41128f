"""Schemathesis against the served OpenAPI description, in process (WSGI, no network).

Every operation gets examples that fit the description and examples that break it (bad dates,
words for numbers, unknown enum values...): none may answer 5xx, and every answer must be one
the description documents, with its content type, headers and body schema. The examples are
fixed (derandomized, no example database) so that a CI failure reproduces on any machine.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.django_db

# The examples of the fuzzing phase, per operation (derandomized: the same ones on every machine). Every
# parameter's boundaries and bad values come from schemathesis' coverage phase whatever this number (889
# requests, the same at 25 and at 10); the fuzzing phase adds random combinations on top. At 25 it made
# 300 requests and the test took 21.7 s of CPU; at 10, 120 requests and 17.7 s.
MAX_EXAMPLES = 10


@pytest.fixture
def api_schema(db, settings):
    settings.OPENDATA_RATE_LIMIT = 0  # the fuzzer sends hundreds of requests from one address
    # The site and the agency's settings kept until the next publication, as in production: nothing is
    # published during the run, and they were looked up again for each of its ~1200 requests (a third
    # of the test's time). The suite's cache is emptied after every test (conftest.py).
    settings.PUBLICATION_CACHE_SECONDS = 60 * 60
    # A real WSGI request closes the database connection when it ends; the test's transaction
    # lives on that connection (Django's own test client keeps it open the same way).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_every_operation_conforms(case):
    case.call_and_validate()
