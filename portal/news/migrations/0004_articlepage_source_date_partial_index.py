"""On PostgreSQL, the items with a source date, for the plan's deadlines (issue 21, item 3): the
dashboard measures each item published under a deadline rule from its source date, and only those
with one can be measured; few items have one (31 of 140,000 in the benchmark's set), and without
this index PostgreSQL read every item's entry of news.0003's to find them (a full index scan on
every dashboard worked out). SQLite has no INCLUDE."""

from django.db import connection, migrations

INDEX = "portal_article_with_source_date"


def _sql(forward: bool) -> list[str]:
    if connection.vendor != "postgresql":
        return []
    if forward:
        return [
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_articlepage (page_ptr_id) INCLUDE (unit_id, source_date) "
            "WHERE source_date IS NOT NULL"
        ]
    return [f"DROP INDEX IF EXISTS {INDEX}"]


class Migration(migrations.Migration):
    dependencies = [("news", "0003_articlepage_figures_cover")]

    operations = [migrations.RunSQL(_sql(True) or migrations.RunSQL.noop, _sql(False) or migrations.RunSQL.noop)]
