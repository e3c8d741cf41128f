"""Background tasks of the archive (django_tasks): run by the worker of `manage.py run_scheduler`."""

from django_tasks import task

from portal.operations.task_queue import BACKGROUND

from . import services


@task(backend=BACKGROUND)  # minutes of work: never in the request that starts it
def archive_export_task(*, export_id: int, site_id: int | None = None) -> str:
    """Write the archive of an export's year (of the site `site_id`, by default its starter's agency's) and
    its ZIP file; the export's row follows its progress."""
    return services.archive_export_run(export_id=export_id, site_id=site_id)
