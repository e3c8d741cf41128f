"""A server error becomes an incident the quarterly report counts."""

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


got_request_exception.connect(record_incident, dispatch_uid="planning-record-incident")


def forget_dashboard_figures(sender, **kwargs) -> None:
    """A change to a plan (its rows, tasks, minimums, budget) or the anniversaries shows at once."""
    from .selectors import bump_planning_generation

    bump_planning_generation()


def _connect_plan_models() -> None:
    from django.db.models.signals import post_delete, post_save

    from . import models

    for model in (
        models.Plan,
        models.PlanRow,
        models.KeyTask,
        models.UnitMinimum,
        models.BudgetLine,
        models.Anniversary,
    ):
        for signal in (post_save, post_delete):
            signal.connect(forget_dashboard_figures, sender=model, dispatch_uid=f"planning-dashboard-{model.__name__}")


_connect_plan_models()
