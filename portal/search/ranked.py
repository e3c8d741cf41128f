"""Relevance-ranked full-text search over Wagtail's database index, bounded however common the words.

Wagtail's database backends rank by a correlated subquery that runs the full-text match once
per candidate page (SQLite), or match a concatenation of the title and body vectors that no
index serves (PostgreSQL): a common word on 100,000 items took seconds, and even one join
that ranks every match takes most of a second when a word is in 70,000 items. So:

- the match and the page filters are one join over the index, read newest entry first;
- only the newest `CANDIDATES` matches are ranked (bm25 on SQLite, ts_rank on PostgreSQL, the
  title weighted above the body), so the work is bounded by that number, not by the content;
- one query reads them, ranked; the count stops there too: the page says "more than 1.000
  results" and the filters narrow it.

The index is Wagtail's own (`wagtailsearch_indexentry`, and on SQLite its FTS5 table with the
columns autocomplete, body, title; on PostgreSQL the title and body vectors, built with the
`simple` configuration). Any other backend (OpenSearch in production) is asked through
Wagtail's `search()`. The terms come folded and reduced to letters and digits
(`selectors.search_terms`), so they carry no query syntax.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page, get_page_models

CANDIDATES = 1000  # the newest matches ranked by relevance; also where counting stops (bm25 is most of the cost)
# PostgreSQL: the newest index entries looked at first, then the next ones, then the rest (_postgresql_ids).
WINDOWS = (4_000, 28_000)
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
INDEX = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"
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

    def sql(self) -> tuple[str, list]:
        conditions = [f"{PAGE}.live"]
        params: list = []
        subtrees = []
        for path, min_depth in self.subtrees:
            subtrees.append(f"({PAGE}.path LIKE %s AND {PAGE}.depth >= %s)")
            params += [f"{path}%", min_depth]
        conditions.append(f"({' OR '.join(subtrees)})" if subtrees else "1 = 0")
        for excluded in self.excluded_paths:
            conditions.append(f"{PAGE}.path NOT LIKE %s")
            params.append(f"{excluded}%")
        adapt = connection.ops.adapt_datetimefield_value
        if self.published_from:
            conditions.append(f"{PAGE}.first_published_at >= %s")
            params.append(adapt(self.published_from))
        if self.published_before:
            conditions.append(f"{PAGE}.first_published_at < %s")
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
        """The newest CANDIDATES matches, ranked, found window by window of the newest index entries.

        Read newest first, every entry whose title does not match has PostgreSQL read its stored body
        vector (3 kB, compressed, out of line), and it reads on until it has CANDIDATES matches: a
        word found in one entry of fifteen walked 38,000 entries (0.4 s at 100,000 items). So the
        entries are read in windows of ids, the newest `WINDOWS[0]` first, then older ones only
        while candidates are missing. A window bounds that walk, and where the words are rare in it
        PostgreSQL reads its matches from the title and body GIN indexes with the window's range of
        ids instead. The candidates and their order are those of one query over all entries (the
        newest CANDIDATES matches, ranked): only how they are read changed.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {INDEX}")
            newest = cursor.fetchone()[0]
            if newest is None:
                return []
            found: list[tuple[int, float, dt.datetime | None]] = []
            upper = newest
            for size in (*WINDOWS, None):
                lower = upper - size if size is not None and upper - size > 0 else None
                cursor.execute(*self._window_sql(lower, upper, CANDIDATES - len(found)))
                found += cursor.fetchall()
                if len(found) >= CANDIDATES or lower is None:
                    break
                upper = lower
        # ORDER BY score DESC, published DESC (NULLs first, as PostgreSQL sorts them), id DESC: stable sorts.
        found.sort(key=lambda row: row[0], reverse=True)
        found.sort(key=lambda row: (row[2] is None, row[2] or dt.datetime.min.replace(tzinfo=dt.UTC)), reverse=True)
        found.sort(key=lambda row: row[1], reverse=True)
        return [row[0] for row in found]

    def _window_sql(self, lower: int | None, upper: int, limit: int) -> tuple[str, list]:
        """The newest `limit` matches among the entries with ids in (lower, upper], with their scores."""
        content_types = ",".join(str(pk) for pk in _page_content_type_ids())
        scope, scope_params = self.scope.sql()
        query = "plainto_tsquery('simple', %s)"
        text = " ".join(self.terms)
        window = f"{INDEX}.id <= %s" + (f" AND {INDEX}.id > %s" if lower is not None else "")
        # normalisation 1 divides by 1 + log(length), so a short title naming the words ranks first.
        title, body = f"ts_rank(ranked.title, {query}, 1)", f"ts_rank(ranked.body, {query}, 1)"
        sql = (
            "SELECT candidates.id, "
            f"{title} * {TITLE_WEIGHT} + {body} * {BODY_WEIGHT}, candidates.published FROM ("
            f"SELECT {INDEX}.id AS entry, {PAGE}.id AS id, {PAGE}.first_published_at AS published "
            # object_id is text: cast on the index's side (only for pages, whose ids are integers) so
            # that each match finds its page by primary key while the window is read.
            f"FROM {INDEX} JOIN {PAGE} ON {PAGE}.id = CASE WHEN {INDEX}.content_type_id IN ({content_types}) "
            f"THEN CAST({INDEX}.object_id AS integer) END "
            f"WHERE ({INDEX}.title @@ {query} OR {INDEX}.body @@ {query}) AND {window} "
            f"AND {INDEX}.content_type_id IN ({content_types}) AND {scope} "
            f"ORDER BY {INDEX}.id DESC LIMIT %s"
            # Only the candidates kept have their vectors read, to be ranked.
            f") AS candidates JOIN {INDEX} AS ranked ON ranked.id = candidates.entry"
        )
        bounds = [upper] if lower is None else [upper, lower]
        return sql, [text, text, text, text, *bounds, *scope_params, limit]


def _page_content_type_ids() -> list[int]:
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values())
