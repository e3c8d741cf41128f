"""A server error becomes an incident: the operations panel and the quarterly report count them."""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


def record_incident(sender, request=None, **kwargs) -> None:
    """Sent by Django's handler once the view's exception has left every atomic block of the view."""
    from .models import Incident

    if request is None:
        return
    error = sys.exc_info()[1]
    try:
        Incident.objects.create(
            site=_site_of(request),
            method=request.method[:10],
            path=request.get_full_path()[:500],
            exception=type(error).__name__[:200] if error else "",
        )
    except DatabaseError:  # the database itself may be what failed: the server log keeps the error
        logger.warning("Could not record the incident at %s", request.path, exc_info=True)


def _site_of(request):
    """The Wagtail site the failing request was for (Wagtail keeps it on the request once found: mostly no
    query); None where it cannot be told, for the error path must not fail on it."""
    from wagtail.models import Site

    try:
        with transaction.atomic():  # a failed query here leaves the incident's own insert possible
            return Site.find_for_request(request)
    except Exception:  # noqa: BLE001 - whatever went wrong, the incident is kept without its site
        logger.warning("Could not tell the site of the incident at %s", request.path, exc_info=True)
        return None


got_request_exception.connect(record_incident, dispatch_uid="operations-record-incident")
