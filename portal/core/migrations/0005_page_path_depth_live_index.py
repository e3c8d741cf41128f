"""The tree index by (path, depth) gains the live flag and the page type: a category's listing
counts its items (for the pages of the list) from the index alone. Counted through the page rows,
the largest category of ten years (35,000 items) took 400 ms a request on SQLite; from the index,
a few milliseconds. It serves everything the (path, depth) index served."""

from django.db import migrations

OLD = "portal_page_path_depth"
NEW = "portal_page_tree"


class Migration(migrations.Migration):
    dependencies = [("core", "0004_page_publication_indexes")]

    operations = [
        migrations.RunSQL(
            [
                f"CREATE INDEX IF NOT EXISTS {NEW} ON wagtailcore_page (path, depth, live, content_type_id)",
                f"DROP INDEX IF EXISTS {OLD}",
            ],
            [
                f"CREATE INDEX IF NOT EXISTS {OLD} ON wagtailcore_page (path, depth)",
                f"DROP INDEX IF EXISTS {NEW}",
            ],
        )
    ]
