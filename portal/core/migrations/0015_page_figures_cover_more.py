"""On PostgreSQL, the plan's figures read a year's pages from indexes alone (issue 21, item 3).

- The cover of core.0004 carries the page's id and translation key too: the figures join items to
  their type's table by id and to their originals by translation key, which had PostgreSQL read each
  of a year's 14,000 rows of the page table (a bitmap heap scan per figure) for those two columns.
- By translation key, with language, state and first publication: "has a live original, published
  when?" for each translation, answered from the index.

SQLite has no INCLUDE and its planner keeps core.0004's cover.
"""

from django.db import connection, migrations

COVER = "portal_page_published_cover"
TRANSLATIONS = "portal_page_translations"


def _sql(forward: bool) -> list[str]:
    if connection.vendor != "postgresql":
        return []
    include = " INCLUDE (id, translation_key)" if forward else ""
    statements = [
        f"DROP INDEX IF EXISTS {COVER}",
        f"CREATE INDEX {COVER} ON wagtailcore_page (first_published_at, live, locale_id, content_type_id, path)"
        f"{include}",
    ]
    if forward:
        statements.append(
            f"CREATE INDEX IF NOT EXISTS {TRANSLATIONS} ON wagtailcore_page (translation_key) "
            "INCLUDE (locale_id, live, first_published_at)"
        )
    else:
        statements.append(f"DROP INDEX IF EXISTS {TRANSLATIONS}")
    return statements


class Migration(migrations.Migration):
    dependencies = [("core", "0014_agency_site_required")]

    operations = [migrations.RunSQL(_sql(True) or migrations.RunSQL.noop, _sql(False) or migrations.RunSQL.noop)]
