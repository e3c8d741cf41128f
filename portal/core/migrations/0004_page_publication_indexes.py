"""Two indexes on Wagtail's page table for the figures of the plan (the board's dashboard and the
quarterly report) on ten years of content.

- By first publication, with what those figures filter and group on beside it (live, language,
  type, path): a year's items are counted per category, day and language from the index alone,
  without reading each item's row (100,000 items: a year's counts read 14,000 rows of the
  table, most of the dashboard's time).
- The drafts, by path: the dashboard looks for drafts past their deadline in a few categories;
  without it, every page of the site was read to find the few that are not live.
"""

from django.db import migrations

COVER = "portal_page_published_cover"
DRAFTS = "portal_page_drafts"


class Migration(migrations.Migration):
    dependencies = [("core", "0003_page_path_depth_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {COVER} ON wagtailcore_page "
            "(first_published_at, live, locale_id, content_type_id, path)",
            f"DROP INDEX IF EXISTS {COVER}",
        ),
        # The same condition as Django writes for live=False, so that the databases see it applies.
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS {DRAFTS} ON wagtailcore_page (path) WHERE NOT "live"',
            f"DROP INDEX IF EXISTS {DRAFTS}",
        ),
    ]
