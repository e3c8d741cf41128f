"""On PostgreSQL, an item's unit and source date beside its id, for the plan's figures (issue 21,
item 3): counting a year's items per day and unit, and measuring deadlines from the source date,
read this small index instead of each item's row (whose body makes the table large: most of those
reads came from disk). SQLite has no INCLUDE."""

from django.db import connection, migrations

INDEX = "portal_article_unit_source"


def _sql(forward: bool) -> list[str]:
    if connection.vendor != "postgresql":
        return []
    if forward:
        return [f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_articlepage (page_ptr_id) INCLUDE (unit_id, source_date)"]
    return [f"DROP INDEX IF EXISTS {INDEX}"]


class Migration(migrations.Migration):
    dependencies = [("news", "0002_articlepage_source_date")]

    operations = [migrations.RunSQL(_sql(True) or migrations.RunSQL.noop, _sql(False) or migrations.RunSQL.noop)]
