"""Data that the tests of one module share, made once for the module (Django's setUpTestData, for pytest).

A module-scoped fixture makes its records inside `shared_data(django_db_blocker)`: they are written in a
transaction that stays open around the module's tests, each of which still runs in its own (a savepoint
rolled back when the test ends), and the whole is rolled back when the module's last test ends. So every
test starts from the same records without paying for them again.

Only for modules whose tests all run in a transaction (no `django_db(transaction=True)`: it would empty
the database under the shared records) and on one database (the conftest switches databases between
tests of different markers only, before the module's first test). Hand tests fresh Python objects (read
again by key), never the fixture's own: a test that changed one would change it for the next.
"""

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction


@contextlib.contextmanager
def shared_data(django_db_blocker) -> Iterator[None]:
    """Open the module's transaction, let the block make its records, and keep them until the module ends:

    @pytest.fixture(scope="module")
    def _people(django_db_setup, django_db_blocker):
        with shared_data(django_db_blocker):
            with django_db_blocker.unblock():
                pks = ...  # make the records
            yield pks
    """
    with django_db_blocker.unblock():
        database = connection.settings_dict["NAME"]
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        # A test of another marker in the module would have moved the connection to another database
        # (closing it, and the module's transaction with it): say so rather than fail obscurely.
        assert connection.settings_dict["NAME"] == database, "a module with shared data ran on two databases"
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
