#!/usr/bin/env python3
"""The public search's SQL of another checkout and of this one, alternated query by query in one process.

    DJANGO_SETTINGS_MODULE=portal.settings.bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_100k \\
        .venv/bin/python bench/search_paired.py /tmp/before --rounds 4

Times `ranked_ids()` (the candidates, ranked: the search's own SQL, no page around it) for the
twelve queries of bench/run.py on the default site's Vietnamese home, the baseline's `ranked.py`
(loaded from BASELINE/portal/search/ranked.py) and this checkout's in turns, so both see the same
load; checks that both give the same candidates in the same order. Prints p50/p95 per side and the
median per query. The database is at_scale.py's (prepared and migrated by it).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("baseline", type=Path, help="The other checkout (its portal/search/ranked.py is timed).")
    parser.add_argument("--rounds", type=int, default=4, help="Rounds over the twelve queries (4).")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    import run
    from wagtail.models import Site

    from portal.search import ranked as after
    from portal.search.selectors import search_words

    spec = importlib.util.spec_from_file_location("baseline_ranked", arguments.baseline / "portal/search/ranked.py")
    before = importlib.util.module_from_spec(spec)
    sys.modules["baseline_ranked"] = before  # dataclasses look their module up
    spec.loader.exec_module(before)
    home = Site.objects.get(is_default_site=True).root_page

    def before_ids(terms):
        return before.RankedResults(terms, before.PageScope(((home.path, home.depth + 1),))).ranked_ids()

    def after_ids(terms):
        return after.RankedResults(terms, after.PageScope(((home.path, home.depth + 1),))).ranked_ids()

    sides = {"before": before_ids, "after": after_ids}
    times: dict[str, list[float]] = {side: [] for side in sides}
    per_query: dict[tuple[str, str], list[float]] = {}
    loads = [os.getloadavg()[0]]
    for number in range(arguments.rounds):
        for query in run.SEARCH_QUERIES:
            terms = search_words(query)
            found = {}
            for side in ("before", "after") if number % 2 == 0 else ("after", "before"):
                started = time.perf_counter()
                found[side] = sides[side](terms)
                elapsed = (time.perf_counter() - started) * 1000
                times[side].append(elapsed)
                per_query.setdefault((query, side), []).append(elapsed)
            assert found["before"] == found["after"], f"{query!r}: other candidates or another order"
        loads.append(os.getloadavg()[0])

    def p95(values: list[float]) -> float:
        return sorted(values)[int(0.95 * (len(values) - 1))]

    print(
        f"load average {min(loads):.1f}-{max(loads):.1f}; {arguments.rounds} rounds of "
        f"{len(run.SEARCH_QUERIES)} queries; the same candidates in the same order: yes"
    )
    for side, values in times.items():
        print(f"{side}: p50 {statistics.median(values):.1f} ms, p95 {p95(values):.1f} ms, max {max(values):.1f} ms")
    for query in run.SEARCH_QUERIES:
        slow, fast = (statistics.median(per_query[(query, side)]) for side in ("before", "after"))
        print(f"  {query:26s} {slow:7.1f} -> {fast:6.1f} ms ({slow / fast:.1f}x)")


if __name__ == "__main__":
    main()
