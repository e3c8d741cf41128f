"""Relevance-ranked full-text search over Wagtail's database index, bounded however common the words.

Wagtail's database backends rank by a correlated subquery that runs the full-text match once
per candidate page (SQLite), or match a concatenation of the title and body vectors that no
index serves (PostgreSQL): a common word on 100,000 items took seconds, and even one join
that ranks every match takes most of a second when a word is in 70,000 items. So:

- the match and the page filters are one query over the index, read newest entry first;
- only the newest `CANDIDATES` matches are ranked (bm25 on SQLite, ts_rank on PostgreSQL, the
  title weighted above the body), so the work is bounded by that number, not by the content;
- one query reads them, ranked; the count stops there too: the page says "more than 1.000
  results" and the filters narrow it.

The index is Wagtail's own: on SQLite its FTS5 table (columns autocomplete, body, title) joined to
`wagtailsearch_indexentry` and the pages; on PostgreSQL its title and body vectors (`simple`
configuration) as copied, with each live page's path, depth and date, into the search app's table
`portal_search_entry` by triggers (search migration 0002). Any other backend (OpenSearch in
production) is asked through Wagtail's `search()`. The terms come folded and reduced to letters and digits
(`selectors.search_terms`), so they carry no query syntax.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page, get_page_models

CANDIDATES = 1000  # the newest matches ranked by relevance; also where counting stops (bm25 is most of the cost)
# PostgreSQL (_postgresql_ids): the newest entries read one by one first; then as many as the density of
# matches found says hold the missing ones, read one by one again if at most WALK_AT_MOST, else through the
# full-text indexes.
FIRST_WINDOW = 4_000
WALK_AT_MOST = 16_000
# PostgreSQL: words the table's statistics say are in at most this many entries are read through the GIN
# indexes from the start (walking the first window finds few of them); the statistics are read again after
# STATISTICS_SECONDS, per process.
GIN_AT_MOST = 3_000
STATISTICS_SECONDS = 600
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
INDEX = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"
ENTRIES = "portal_search_entry"  # PostgreSQL: the live pages' words, kept by triggers (search migration 0002)
PAGE = Page._meta.db_table


def uses_database_index() -> bool:
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend == "wagtail.search.backends.database" and connection.vendor in ("sqlite", "postgresql")


@dataclass(frozen=True)
class PageScope:
    """Which pages may be found: live ones in `subtrees` (each a path and the smallest depth found
    under it: one site's tree, or every agency's on the province's portal), outside the restricted
    `excluded_paths`, first published in [published_from, published_before)."""

    subtrees: tuple[tuple[str, int], ...]
    excluded_paths: tuple[str, ...] = ()
    published_from: dt.datetime | None = None
    published_before: dt.datetime | None = None

    def sql(self, table: str = PAGE, published: str = "first_published_at", live: bool = True) -> tuple[str, list]:
        """The conditions on `table`'s path, depth and `published` columns (and `live`, if it has one)."""
        conditions = [f"{table}.live"] if live else []
        params: list = []
        subtrees = []
        for path, min_depth in self.subtrees:
            subtrees.append(f"({table}.path LIKE %s AND {table}.depth >= %s)")
            params += [f"{path}%", min_depth]
        conditions.append(f"({' OR '.join(subtrees)})" if subtrees else "1 = 0")
        for excluded in self.excluded_paths:
            conditions.append(f"{table}.path NOT LIKE %s")
            params.append(f"{excluded}%")
        adapt = connection.ops.adapt_datetimefield_value
        if self.published_from:
            conditions.append(f"{table}.{published} >= %s")
            params.append(adapt(self.published_from))
        if self.published_before:
            conditions.append(f"{table}.{published} < %s")
            params.append(adapt(self.published_before))
        return " AND ".join(conditions), params


@dataclass
class RankedResults:
    """Matching pages, best first: `count()` and slices, as a Paginator wants them."""

    terms: list[str]
    scope: PageScope
    _ranked_ids: list[int] | None = field(default=None, init=False)

    @property
    def capped(self) -> bool:
        """True when there are more matches than were ranked and counted."""
        return self.count() >= CANDIDATES

    def ranked_ids(self) -> list[int]:
        """The ids of every candidate, best first, whatever page is read: counted by len()."""
        if self._ranked_ids is None:
            self._ranked_ids = self._postgresql_ids() if connection.vendor == "postgresql" else self._sqlite_ids()
        return self._ranked_ids

    def count(self) -> int:
        return len(self.ranked_ids())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Page]:
        if not isinstance(index, slice):
            raise TypeError("RankedResults are read by slices")
        ids = self.ranked_ids()[index]
        # As their own types (a query per type, not per result): the page lists their leads and dates.
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        return [pages[pk] for pk in ids if pk in pages]

    # -- the SQL of each database -------------------------------------------------------------

    def _sqlite_ids(self) -> list[int]:
        content_types = ",".join(str(pk) for pk in _page_content_type_ids())
        scope, scope_params = self.scope.sql()
        match = "{title body} : (" + " AND ".join(f'"{term}"' for term in self.terms) + ")"
        # bm25() exists only inside the FTS query: computed there, for the candidates only.
        sql = (
            "SELECT id FROM ("
            f"SELECT {PAGE}.id AS id, {PAGE}.first_published_at AS published, "
            f"bm25({FTS}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}) AS score "
            f"FROM {FTS} JOIN {INDEX} ON {INDEX}.id = {FTS}.rowid "
            f"JOIN {PAGE} ON {PAGE}.id = {INDEX}.object_id "  # text compared as a number: by primary key
            f"WHERE {FTS} MATCH %s AND {INDEX}.content_type_id IN ({content_types}) AND {scope} "
            f"ORDER BY {FTS}.rowid DESC LIMIT {CANDIDATES}"
            ") AS candidates ORDER BY score, published DESC, id DESC"  # bm25: lower is better
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *scope_params])
            return [row[0] for row in cursor.fetchall()]

    def _postgresql_ids(self) -> list[int]:
        """The newest CANDIDATES matches, ranked, found window by window of the newest entries.

        The matches are read from the search app's table of live pages' vectors (search migration
        0002: a row per page with its path, depth and first publication, so no page is joined, and
        its vectors in the row), newest entry first, each match ranked as it is read. Words the
        table's statistics say are rare are read through the GIN indexes at once (`first_window`);
        else the newest `FIRST_WINDOW` entries are read one by one (a common word's GIN posting
        lists cost more than reading them: tens of thousands of entries). Where candidates are
        still missing, the density of matches found says how many more entries hold them: up to
        `WALK_AT_MOST`, the next ones are read one by one again; beyond, the words are rare and that
        window's matches come from the title and body GIN indexes; a window without any match
        leaves the rest to one last query. The candidates and their order are those of one query
        over all entries (the newest CANDIDATES matches, ranked): only how they are read changed.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(entry) FROM {ENTRIES}")
            newest = cursor.fetchone()[0]
            if newest is None:
                return []
            found: list[tuple[int, float, dt.datetime | None]] = []
            upper, size = newest, first_window(self.terms, _statistics(cursor))
            while True:
                lower = upper - size if size is not None and upper - size > 0 else None
                walk = size is not None and size <= max(FIRST_WINDOW, WALK_AT_MOST)
                cursor.execute(*self._window_sql(lower, upper, CANDIDATES - len(found), walk=walk))
                rows = cursor.fetchall()
                found += rows
                if len(found) >= CANDIDATES or lower is None:
                    break
                # Where the missing matches are, at the density of this window (half again, to be sure).
                size = (CANDIDATES - len(found)) * (upper - lower) * 3 // (2 * len(rows)) + 1 if rows else None
                upper = lower
        # ORDER BY score DESC, published DESC (NULLs first, as PostgreSQL sorts them), id DESC: stable sorts.
        found.sort(key=lambda row: row[0], reverse=True)
        found.sort(key=lambda row: (row[2] is None, row[2] or dt.datetime.min.replace(tzinfo=dt.UTC)), reverse=True)
        found.sort(key=lambda row: row[1], reverse=True)
        return [row[0] for row in found]

    def _window_sql(self, lower: int | None, upper: int, limit: int, *, walk: bool) -> tuple[str, list]:
        """The newest `limit` matches among the entries with ids in (lower, upper], with their scores:
        read one entry after the other if `walk` (behind a fence, OFFSET 0, PostgreSQL does not
        reach for the GIN indexes), else as PostgreSQL plans it (the GIN indexes' matches within
        the window's range of ids)."""
        scope, scope_params = self.scope.sql("newest", published="published", live=False)
        query = "plainto_tsquery('simple', %s)"
        text = " ".join(self.terms)
        window = "{0} <= %s" + (" AND {0} > %s" if lower is not None else "")
        limits = [upper] if lower is None else [upper, lower]
        if walk:
            rows = f"(SELECT * FROM {ENTRIES} WHERE {window.format('entry')} ORDER BY entry DESC OFFSET 0)"
            bounds = ""
        else:
            # `entry + 0`: the window as ranges of pages (a BRIN index, search migration 0003), not as a
            # bitmap of the primary key with an item per entry.
            rows, bounds = ENTRIES, f"{window.format('newest.entry + 0')} AND "
        # normalisation 1 divides by 1 + log(length), so a short title naming the words ranks first.
        # Ranked as each match is read (only until the LIMIT when walking), from the row already in
        # memory: a join reading the candidates' rows again cost more than the ranks of a few more matches.
        title, body = f"ts_rank(newest.title, {query}, 1)", f"ts_rank(newest.body, {query}, 1)"
        sql = (
            f"SELECT newest.page, {title} * {TITLE_WEIGHT} + {body} * {BODY_WEIGHT}, newest.published "
            f"FROM {rows} AS newest "
            f"WHERE {bounds}(newest.title @@ {query} OR newest.body @@ {query}) AND {scope} "
            "ORDER BY newest.entry DESC LIMIT %s"
        )
        return sql, [text, text, *limits, text, text, *scope_params, limit]


def first_window(terms: list[str], statistics: Statistics | None) -> int | None:
    """How many of the newest entries the first window reads: None (all of them, through the GIN
    indexes) for words the table's statistics say are rare, else FIRST_WINDOW. Only how the matches
    are read depends on it, never which ones are found."""
    if statistics is None:
        return FIRST_WINDOW
    rows, shares = statistics
    # At most the least common word's share of the titles plus that of the bodies (every word must be in
    # one of them): an upper bound, where the planner's product of shares is far too low for words that
    # come together (han quoc).
    share = min(1.0, sum(min(common.get(term, rare) for term in terms) for common, rare in shares))
    # Only to tell the rare words: for several common words the bound is far above their share together
    # (a first window sized by it read 15,000 entries for `bien gioi lao`), which the windows measure.
    return None if share * rows <= GIN_AT_MOST else FIRST_WINDOW


# The rows, then for the title and for the body: the share of rows holding each common word, and the
# share at most of any other.
Statistics = tuple[float, tuple[tuple[dict[str, float], float], ...]]
_read_statistics: tuple[float, Statistics | None] = (float("-inf"), None)


def _statistics(cursor) -> Statistics | None:
    """The table's rows and, for its title and body columns, the share of rows holding each common
    word and the share at most of any other (PostgreSQL's statistics of the table, as ANALYZE and
    autovacuum leave them): read once per STATISTICS_SECONDS and process."""
    global _read_statistics
    read_at, statistics = _read_statistics
    if time.monotonic() - read_at < STATISTICS_SECONDS:
        return statistics
    cursor.execute(
        "SELECT attname, most_common_elems::text::text[], most_common_elem_freqs, "
        f"(SELECT reltuples FROM pg_class WHERE oid = '{ENTRIES}'::regclass) "
        "FROM pg_stats WHERE schemaname = current_schema() AND tablename = %s AND attname IN ('title', 'body')",
        [ENTRIES],
    )
    columns, rows = {}, 0.0
    for column, words, shares, table_rows in cursor.fetchall():
        rows = table_rows or 0.0
        if words and shares:
            # The shares of each word, then the smallest, the largest and that of empty vectors.
            columns[column] = (dict(zip(words, shares, strict=False)), shares[len(words)])
    statistics = (rows, (columns["title"], columns["body"])) if len(columns) == 2 and rows > 0 else None
    _read_statistics = (time.monotonic(), statistics)
    return statistics


def _page_content_type_ids() -> list[int]:
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values())
