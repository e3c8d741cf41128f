"""What whoever runs the portal reads: the scheduler's runs, server errors.

These moved here from core (JobRun) and planning (Incident) keeping their tables (`db_table`) and
their rows: migrations/0001 takes them over in Django's state only. The background task queue is
django-tasks-db's table (migrations/0002 moved the rows of the portal's own into it).
"""

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """The scheduler's latest run of each periodic job (one row a job), kept so that whoever runs the
    portal can see that the scheduler runs and which job keeps failing (the operations panel, /health/).

    The row is also the job's claim (operations.scheduler): a scheduler runs a job only after moving
    `next_due_at` on and setting `claimed_until` in one conditional update, so that however many
    schedulers run, each due run of a job is made by one of them."""

    name = models.CharField(_("job"), max_length=100, primary_key=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_due_at = models.DateTimeField(_("next due"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)  # set while it runs
    claimed_by = models.CharField(_("claimed by"), max_length=200, blank=True)  # host:process of the scheduler

    class Meta:
        db_table = "core_jobrun"
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")

    def __str__(self) -> str:
        return self.name

    @property
    def failing(self) -> bool:
        """Its latest run failed (a later success clears it)."""
        return bool(
            self.last_failed_at and (not self.last_succeeded_at or self.last_failed_at > self.last_succeeded_at)
        )


class Incident(models.Model):
    """A server error (HTTP 500), kept for the quarterly report's technical incidents.

    Minimal on purpose: the time, the site and address asked, and the exception's type; the traceback
    stays in the server's log. An incident of no site (recorded before sites were kept, or where the
    site could not be told) is the default site's (`site_incidents`).
    """

    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a site removed: its incidents stay, of no site
        related_name="+",
    )
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("address"), max_length=500)
    exception = models.CharField(_("error"), max_length=200)

    # Its site is no "usage" of the site to track: recording a server error stays one insert and a lookup.
    wagtail_reference_index_ignore = True

    class Meta:
        db_table = "planning_incident"  # its table from before it moved from planning
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("technical incident")
        verbose_name_plural = _("technical incidents")

    def __str__(self) -> str:
        return f"{self.occurred_at:%d/%m/%Y %H:%M} {self.path}"


def site_incidents(site) -> QuerySet:
    """The server errors of `site` (a Wagtail Site): those of requests made to it and, for the default
    site, those of no site (recorded before sites were kept, or by a job); so each agency counts its own."""
    own = Q(site=site)
    if site.is_default_site:
        own |= Q(site__isnull=True)
    return Incident.objects.filter(own)
