from portal.applications.tests.conftest import (  # noqa: F401 - the same fixtures: the ABTC procedure, a submitted application
    _private_storage,
    _vietnamese,
    abtc,
    approver,
    client,
    committed,
    officer,
    submitted,
)
