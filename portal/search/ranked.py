"""Relevance-ranked full-text search over Wagtail's database index, bounded however common the words.

Wagtail's database backends rank by a correlated subquery that runs the full-text match once
per candidate page (SQLite), or match a concatenation of the title and body vectors that no
index serves (PostgreSQL): a common word on 100,000 items took seconds, and even one join
that ranks every match takes most of a second when a word is in 70,000 items. So:

- the match and the page filters are one join over the index, read newest entry first;
- only the newest `CANDIDATES` matches are ranked (bm25 on SQLite, ts_rank on PostgreSQL, the
  title weighted above the body), so the work is bounded by that number, not by the content;
- the count stops there too: the page says "more than 2.000 results" and the filters narrow it.

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

CANDIDATES = 2000  # the newest matches ranked by relevance; also where counting stops
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
    """Which pages may be found: live ones under `path` (at `min_depth` or deeper), outside the
    restricted `excluded_paths`, first published in [published_from, published_before)."""

    path: str
    min_depth: int
    excluded_paths: tuple[str, ...] = ()
    published_from: dt.datetime | None = None
    published_before: dt.datetime | None = None

    def sql(self) -> tuple[str, list]:
        conditions = [f"{PAGE}.live", f"{PAGE}.path LIKE %s", f"{PAGE}.depth >= %s"]
        params: list = [f"{self.path}%", self.min_depth]
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
    _count: int | None = field(default=None, init=False)

    @property
    def capped(self) -> bool:
        """True when there are more matches than were ranked and counted."""
        return self.count() >= CANDIDATES

    def count(self) -> int:
        if self._count is None:
            candidates, params = self._candidates(ranked=False)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({candidates}) AS candidates", params)
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Page]:
        if not isinstance(index, slice):
            raise TypeError("RankedResults are read by slices")
        start = index.start or 0
        stop = min(index.stop if index.stop is not None else CANDIDATES, CANDIDATES)
        if stop <= start:
            return []
        candidates, params = self._candidates(ranked=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM ({candidates}) AS candidates "
                f"ORDER BY {self._score_order()}, published DESC, id DESC LIMIT %s OFFSET %s",
                [*params, *self._score_params(), stop - start, start],
            )
            ids = [row[0] for row in cursor.fetchall()]
        pages = Page.objects.in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]

    # -- the SQL of each database -------------------------------------------------------------

    def _candidates(self, *, ranked: bool) -> tuple[str, list]:
        content_types = ",".join(str(pk) for pk in _page_content_type_ids())
        scope, scope_params = self.scope.sql()
        if connection.vendor == "sqlite":
            match = "{title body} : (" + " AND ".join(f'"{term}"' for term in self.terms) + ")"
            # bm25() exists only inside the FTS query: computed here, for the candidates only.
            score = f", bm25({FTS}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}) AS score" if ranked else ""
            return (
                f"SELECT {PAGE}.id AS id, {PAGE}.first_published_at AS published{score} "
                f"FROM {FTS} JOIN {INDEX} ON {INDEX}.id = {FTS}.rowid "
                f"JOIN {PAGE} ON {PAGE}.id = {INDEX}.object_id "  # text compared as a number: by primary key
                f"WHERE {FTS} MATCH %s AND {INDEX}.content_type_id IN ({content_types}) AND {scope} "
                f"ORDER BY {FTS}.rowid DESC LIMIT {CANDIDATES}",
                [match, *scope_params],
            )
        vectors = f", {INDEX}.title AS title_vector, {INDEX}.body AS body_vector" if ranked else ""
        query = "plainto_tsquery('simple', %s)"
        text = " ".join(self.terms)
        return (
            f"SELECT {PAGE}.id AS id, {PAGE}.first_published_at AS published{vectors} "
            f"FROM {INDEX} JOIN {PAGE} ON {INDEX}.object_id = CAST({PAGE}.id AS text) "
            f"WHERE ({INDEX}.title @@ {query} OR {INDEX}.body @@ {query}) "
            f"AND {INDEX}.content_type_id IN ({content_types}) AND {scope} "
            f"ORDER BY {INDEX}.id DESC LIMIT {CANDIDATES}",
            [text, text, *scope_params],
        )

    def _score_order(self) -> str:
        if connection.vendor == "sqlite":
            return "score"  # bm25: lower is better
        # normalisation 1: divided by 1 + log(length), so a short title naming the words ranks first
        query = "plainto_tsquery('simple', %s)"
        title, body = f"ts_rank(title_vector, {query}, 1)", f"ts_rank(body_vector, {query}, 1)"
        return f"({title} * {TITLE_WEIGHT} + {body} * {BODY_WEIGHT}) DESC"

    def _score_params(self) -> list:
        return [] if connection.vendor == "sqlite" else [" ".join(self.terms)] * 2


def _page_content_type_ids() -> list[int]:
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values())
