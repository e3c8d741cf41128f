"""The full-text indexes of Wagtail's search index (the title and body vectors) take each change at
once, on PostgreSQL, rather than through their list of pending entries.

With the pending list on (PostgreSQL's default), every publication's index entry goes to a list
that every search reads in full, entry by entry, until the next vacuum folds it into the index: up
to 4 MB (gin_pending_list_limit) read per index and search. After a day of publications, or a
bulk load, that list was most of the time a rare word took. Written at once, a publication costs
the index a few more page writes; a search reads only the words' posting lists.
"""

from django.db import connection, migrations

INDEXES = ("wagtailsear_title_9caae0_gin", "wagtailsear_body_90c85d_gin")  # wagtailsearch 0006_customise_indexentry


def _sql(fastupdate: str) -> list[str]:
    if connection.vendor != "postgresql":
        return []
    statements = [f"ALTER INDEX IF EXISTS {index} SET (fastupdate = {fastupdate})" for index in INDEXES]
    if fastupdate == "off":  # what is pending already goes into the index now
        statements += [
            f"SELECT gin_clean_pending_list(to_regclass('{index}')) WHERE to_regclass('{index}') IS NOT NULL"
            for index in INDEXES
        ]
    return statements


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunSQL(_sql("off") or migrations.RunSQL.noop, _sql("on") or migrations.RunSQL.noop)]
