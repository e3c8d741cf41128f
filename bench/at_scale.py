#!/usr/bin/env python3
"""Search and the plan dashboard at 100,000 items, timed in process (issue 21, item 3).

    .venv/bin/python bench/at_scale.py          # PostgreSQL database bench_100k, loaded once
    .venv/bin/python bench/at_scale.py --database-url postgres://postgres@127.0.0.1:5432/other --items 20000

The database is prepared as bench/run.py prepares its own (migrations, the demo, then synthetic
items over ten years up to --items: about 7 minutes for 100,000 on PostgreSQL, then reused). Then, in a
child process with the production settings, Django's test client requests, one at a time: the
twelve searches of bench/run.py (rendered: a session cookie makes the page cache step aside),
each --requests times (their results are kept per publication: also worked out on every
request, PUBLICATION_CACHE_SECONDS=0), and the board's plan dashboard signed in as the editor-in-chief (second
factor passed), with its figures kept as deployed and worked out on every request
(DASHBOARD_CACHE_SECONDS=0). Printed: p50/p95/max per case and the queries of one request.
No server, no network: what is measured is the portal's own work and the database's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

ROOT = run.ROOT
TARGET_SEARCH_P95_MS = 50.0
TARGET_DASHBOARD_P95_MS = 150.0


def child(requests: int, only: str | None = None) -> None:
    """Inside Django: time the cases, print one JSON line."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override("vi"):
        search = reverse("search")
    dashboard = reverse("planning_dashboard")
    visitor = Client(HTTP_HOST="127.0.0.1")
    visitor.cookies["sessionid"] = "bench-at-scale"  # the page cache steps aside
    editor = Client(HTTP_HOST="127.0.0.1")
    editor.cookies["sessionid"] = run._staff_session()

    timed = run.timed_in_process

    result = {}
    if only != "dashboard":
        result |= timed_searches(visitor, search, requests, timed)
    if only == "search":
        print(json.dumps(result))
        return
    result["dashboard, figures kept"] = timed(editor, [dashboard], requests)
    with override_settings(DASHBOARD_CACHE_SECONDS=0):
        result["dashboard, worked out"] = timed(editor, [dashboard], max(3, requests // 4))
    print(json.dumps(result))


def timed_searches(visitor, search: str, requests: int, timed) -> dict:
    from django.test import override_settings

    searches = [f"{search}?{urllib.parse.urlencode({'q': query})}" for query in run.SEARCH_QUERIES]
    result = {"search": timed(visitor, searches, requests)}
    # The results of a search are kept until the next publication: also worked out every time,
    # which is what the first visitor after a publication waits for.
    with override_settings(PUBLICATION_CACHE_SECONDS=0):
        result["search, worked out"] = timed(visitor, searches, max(2, requests // 4))
        for query, path in zip(run.SEARCH_QUERIES, searches, strict=True):  # each query alone: the slowest
            result[f"search “{query}”, worked out"] = timed(visitor, [path], 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_100k")
    parser.add_argument("--items", type=int, default=100_000, help="Vietnamese items in the database (100000).")
    parser.add_argument("--requests", type=int, default=20, help="Requests of each URL (20).")
    parser.add_argument(
        "--only", choices=["search", "dashboard"], help="Time the searches only, or the dashboard only."
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.requests, arguments.only)
        return
    name = urllib.parse.urlsplit(arguments.database_url).path.strip("/")
    var_dir = (ROOT / "var" / name.replace("_", "-")).resolve()  # bench_100k: var/bench-100k
    env = run.bench_env(var_dir, database_url=arguments.database_url, redis_url=None)
    facts, generated_in = run.prepare(env, arguments.items)
    if generated_in is not None:
        print(f"Generated the synthetic items in {generated_in / 60:.1f} min.")
    # The planner's statistics and the visibility map, as autovacuum leaves them on a database grown
    # in bulk: without the map, PostgreSQL reads each row an index-only scan would have skipped.
    subprocess.run(["psql", arguments.database_url, "-qc", "VACUUM ANALYZE"], check=True)
    only = ["--only", arguments.only] if arguments.only else []
    output = subprocess.run(
        [sys.executable, __file__, "--child", "--requests", str(arguments.requests), *only],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    result = json.loads(output.strip().splitlines()[-1])
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n{facts['database']}, {facts['vi_items']:,} items + {facts['en_items']:,} English translations, "
        f"in process, one request at a time, load average {load}\n"
    )
    print("| case | requests | p50 ms | p95 ms | max ms | queries | target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    targets = {
        "search": TARGET_SEARCH_P95_MS,
        "search, worked out": TARGET_SEARCH_P95_MS,
        "dashboard, figures kept": TARGET_DASHBOARD_P95_MS,
        "dashboard, worked out": TARGET_DASHBOARD_P95_MS,
    }
    for case, row in result.items():
        target = ""
        if case in targets:
            met = "met" if row["p95_ms"] < targets[case] else "MISSED"
            target = f"p95 < {targets[case]:g} ms ({met})"
        print(
            f"| {case} | {row['requests']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} "
            f"| {row['queries']} | {target} |"
        )


if __name__ == "__main__":
    main()
