"""On PostgreSQL, a table of what a public search can find, kept by the database itself: one row per
live page in Wagtail's search index, with its title and body vectors (copied from Wagtail's) and where
and when it is (path, depth, first publication).

A search matched Wagtail's index table (`wagtailsearch_indexentry`), whose rows carry the texts of
fuzzy search (1.3 kB) and a body vector stored out of line (3 kB, compressed), and joined each match
to its page for the site, the language and the date: a common word read tens of thousands of those
rows, each body fetched from the TOAST table and decompressed, and the candidates' bodies again to
rank them. Here a row answers the match, every filter and the rank itself (`portal/search/ranked.py`).

Triggers keep it: a change of an index entry (Wagtail's indexing, `update_index`, a bulk load) and
of a page's state or place (publishing, unpublishing, a move of a subtree, a deletion) changes the
rows in the same transaction, whichever code made it. The existing entries are copied once here.
"""

from django.db import connection, migrations

TABLE = "portal_search_entry"
INDEX = "wagtailsearch_indexentry"
PAGE = "wagtailcore_page"

FORWARD = f"""
CREATE TABLE {TABLE} (
    entry integer PRIMARY KEY,
    page integer NOT NULL,
    path varchar(255) COLLATE "C" NOT NULL,
    depth integer NOT NULL,
    published timestamp with time zone,
    title tsvector NOT NULL,
    body tsvector NOT NULL
);
-- The vectors in the row itself (out of line only past a page): reading the newest rows one after
-- the other, each is matched and ranked where it lies (out of line, each vector costs two more index
-- and table reads). No parallel workers: starting them costs more than these small scans.
ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE MAIN, ALTER COLUMN body SET STORAGE MAIN;
ALTER TABLE {TABLE} SET (parallel_workers = 0);

CREATE FUNCTION {TABLE}_from_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM {TABLE} WHERE entry = OLD.id;
        RETURN NULL;
    END IF;
    -- A page's entry: its object id is the page's and its content type the page's own.
    INSERT INTO {TABLE} (entry, page, path, depth, published, title, body)
    SELECT NEW.id, page.id, page.path, page.depth, page.first_published_at, NEW.title, NEW.body
    FROM {PAGE} AS page
    WHERE NEW.object_id ~ '^[0-9]{{1,9}}$' AND page.id = NEW.object_id::integer
        AND page.content_type_id = NEW.content_type_id AND page.live
    ON CONFLICT (entry) DO UPDATE SET page = EXCLUDED.page, path = EXCLUDED.path, depth = EXCLUDED.depth,
        published = EXCLUDED.published, title = EXCLUDED.title, body = EXCLUDED.body;
    IF NOT FOUND THEN
        DELETE FROM {TABLE} WHERE entry = NEW.id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION {TABLE}_from_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NOT NEW.live THEN
        DELETE FROM {TABLE} WHERE page = OLD.id;
        RETURN NULL;
    END IF;
    UPDATE {TABLE} SET path = NEW.path, depth = NEW.depth, published = NEW.first_published_at WHERE page = NEW.id;
    IF NOT FOUND THEN
        INSERT INTO {TABLE} (entry, page, path, depth, published, title, body)
        SELECT entry.id, NEW.id, NEW.path, NEW.depth, NEW.first_published_at, entry.title, entry.body
        FROM {INDEX} AS entry
        WHERE entry.content_type_id = NEW.content_type_id AND entry.object_id = NEW.id::text
        ON CONFLICT (entry) DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER {TABLE}_from_index AFTER INSERT OR UPDATE OF object_id, content_type_id, title, body OR DELETE
    ON {INDEX} FOR EACH ROW EXECUTE FUNCTION {TABLE}_from_index();
CREATE TRIGGER {TABLE}_from_page AFTER UPDATE OF live, path, depth, first_published_at ON {PAGE}
    FOR EACH ROW WHEN (OLD.live IS DISTINCT FROM NEW.live OR OLD.path IS DISTINCT FROM NEW.path
        OR OLD.depth IS DISTINCT FROM NEW.depth OR OLD.first_published_at IS DISTINCT FROM NEW.first_published_at)
    EXECUTE FUNCTION {TABLE}_from_page();
CREATE TRIGGER {TABLE}_page_deleted AFTER DELETE ON {PAGE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_from_page();

INSERT INTO {TABLE} (entry, page, path, depth, published, title, body)
SELECT entry.id, page.id, page.path, page.depth, page.first_published_at, entry.title, entry.body
FROM {INDEX} AS entry
JOIN {PAGE} AS page ON page.id = CASE WHEN entry.object_id ~ '^[0-9]{{1,9}}$' THEN entry.object_id::integer END
    AND page.content_type_id = entry.content_type_id
WHERE page.live
ORDER BY entry.id;
CREATE INDEX {TABLE}_page ON {TABLE} (page);
CREATE INDEX {TABLE}_title ON {TABLE} USING gin (title) WITH (fastupdate = off);
CREATE INDEX {TABLE}_body ON {TABLE} USING gin (body) WITH (fastupdate = off);
ANALYZE {TABLE};
"""

BACKWARD = f"""
DROP TRIGGER IF EXISTS {TABLE}_page_deleted ON {PAGE};
DROP TRIGGER IF EXISTS {TABLE}_from_page ON {PAGE};
DROP TRIGGER IF EXISTS {TABLE}_from_index ON {INDEX};
DROP FUNCTION IF EXISTS {TABLE}_from_page();
DROP FUNCTION IF EXISTS {TABLE}_from_index();
DROP TABLE IF EXISTS {TABLE};
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_gin_without_pending_list"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
