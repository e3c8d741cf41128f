"""A server error becomes an incident: the operations panel and the quarterly report count them."""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import DatabaseError

logger = logging.getLogger(__name__)


def record_incident(sender, request=None, **kwargs) -> None:
    """Sent by Django's handler once the view's exception has left every atomic block of the view."""
    from .models import Incident

    if request is None:
        return
    error = sys.exc_info()[1]
    try:
        Incident.objects.create(
            method=request.method[:10],
            path=request.get_full_path()[:500],
            exception=type(error).__name__[:200] if error else "",
        )
    except DatabaseError:  # the database itself may be what failed: the server log keeps the error
        logger.warning("Could not record the incident at %s", request.path, exc_info=True)


got_request_exception.connect(record_incident, dispatch_uid="operations-record-incident")
