"""On PostgreSQL, a BRIN index on the search table's entry ids (as `entry + 0`), for the windows read
through the GIN indexes (`portal/search/ranked.py`): their range of the newest entries was a bitmap of
the primary key, one item per entry (26 ms for a window of 73,000 entries on a loaded machine); as
ranges of pages (the rows lie in the order of their ids) it costs a few. Written `entry + 0`, so that
only these windows use it and the entries read one by one keep the primary key.

And statistics of ten times more words for the title and body vectors: the search reads them to tell
rare words (`ranked.first_window`), and with the default target the least common of the 1,000 body
words listed was in 9.8% of the entries at 100,000 items, so no word could be told rare; with 1,000,
in 0.18% (ANALYZE of the table: 14 s at 100,000 items, loaded machine)."""

from django.db import connection, migrations

FORWARD = """
CREATE INDEX IF NOT EXISTS portal_search_entry_recent ON portal_search_entry
    USING brin ((entry + 0)) WITH (pages_per_range = 4);
ALTER TABLE portal_search_entry ALTER COLUMN title SET STATISTICS 1000, ALTER COLUMN body SET STATISTICS 1000;
ANALYZE portal_search_entry;
"""
BACKWARD = """
ALTER TABLE portal_search_entry ALTER COLUMN title SET STATISTICS -1, ALTER COLUMN body SET STATISTICS -1;
DROP INDEX IF EXISTS portal_search_entry_recent;
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_search_entries")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
