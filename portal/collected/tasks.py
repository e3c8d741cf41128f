"""Background tasks of the collected items (django_tasks)."""

from django_tasks import task

from . import services


@task()
def fetch_all_sources_task() -> list[dict]:
    """The periodic fetch of every active source; returns one plain record per source (JSON for the task log)."""
    return [
        {"source": result.source.pk, "name": result.source.name, "added": result.added, "error": result.error}
        for result in services.fetch_all_sources()
    ]
