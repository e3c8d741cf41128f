#!/usr/bin/env python3
"""Two checkouts of the portal side by side in one run: rendered (uncached) pages, queries, memory.

    git worktree add var/baseline 84c2d90        # the checkout to compare with (any commit)
    .venv/bin/python bench/side_by_side.py --before var/baseline --var-dir var/side
    .venv/bin/python bench/side_by_side.py --before var/baseline --var-dir var/side \\
        --database-url postgres://postgres@127.0.0.1:5432/portal_side

In-process, through Django's test client (no server, no network: what is measured is the
portal's own work), each page requested with a session cookie so that the page cache steps
aside, as bench/run.py's "uncached" cases. The machine is shared: the two checkouts take turns,
`--rounds` times, and the medians are compared. Each side runs in a fresh interpreter of its own
checkout (its own `.venv`, else this one) on the same database, which must be migrated and
loaded already (`manage.py migrate`, `load_demo`, `generate_dataset`), so the two checkouts
must share a schema: for a commit with other migrations, give each its own database and run
twice. Also printed: whether each page's HTML is the same on both sides (nonces aside), and a
worker's memory after start (RSS and modules, heavy libraries loaded) and after the pages.

"after, nothing kept" is this checkout with PUBLICATION_CACHE_SECONDS=0: the first request after
a publication, when no rendered part is kept yet.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "home": "/",
    "home (en)": "/en/",
    "category": "/tin-tuc-su-kien/",
    "article": None,  # the newest item of the category
    "search": "/tim-kiem/?q=hop+tac",
}
HEAVY = ("weasyprint", "openpyxl", "mammoth", "feedparser", "holidays")

# Run inside each checkout, in a fresh interpreter: prints one JSON line.
CHILD = r"""
import json, os, re, statistics, sys, time
sys.path.insert(0, os.getcwd())

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024

from portal.wsgi import application  # what a granian worker loads
memory = {"start_mib": rss(), "start_modules": len(sys.modules)}
from django.db import connection
from django.test import Client
from portal.news.models import SectionPage

pages = json.loads(sys.argv[1]); iterations = int(sys.argv[2]); html_dir = sys.argv[3]
if pages.get("article") is None:
    news = SectionPage.objects.get(slug="tin-tuc-su-kien", locale__language_code="vi")
    pages["article"] = news.items().first().url
client = Client(HTTP_HOST="127.0.0.1")
client.cookies["sessionid"] = "bench-side-by-side"  # the page cache steps aside
result = {}
for name, path in pages.items():
    response = client.get(path)
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', response.content.decode())
    with open(os.path.join(html_dir, re.sub(r"\W+", "-", name) + ".html"), "w") as handle:
        handle.write(html)
    queries = []
    def counting(run, sql, params, many, context):
        queries.append(sql)
        return run(sql, params, many, context)
    with connection.execute_wrapper(counting):
        client.get(path)
    times = []
    for _ in range(iterations):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    result[name] = {"ms": statistics.median(times), "best": min(times), "queries": len(queries)}
memory |= {"pages_mib": rss(), "heavy": [m for m in HEAVY if m in sys.modules]}
print(json.dumps({"pages": result, "memory": memory}))
"""


def slug(name: str) -> str:
    return re.sub(r"\W+", "-", name)


def run_side(checkout: Path, env: dict, *, iterations: int, html_dir: Path) -> dict:
    python = checkout / ".venv" / "bin" / "python"
    command = [str(python if python.exists() else sys.executable), "-c", f"HEAVY = {HEAVY!r}\n" + CHILD]
    html_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [*command, json.dumps(PAGES), str(iterations), str(html_dir)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"{checkout}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="The checkout to compare with.")
    parser.add_argument("--after", type=Path, default=ROOT, help="The checkout measured (this one).")
    parser.add_argument("--var-dir", type=Path, required=True, help="PORTAL_VAR_DIR of the loaded database.")
    parser.add_argument("--database-url", help="A loaded PostgreSQL database instead of the var dir's SQLite.")
    parser.add_argument("--rounds", type=int, default=5, help="Turns each side takes (5).")
    parser.add_argument("--iterations", type=int, default=10, help="Requests per page per turn (10).")
    arguments = parser.parse_args()

    env = {**os.environ, "PORTAL_VAR_DIR": str(arguments.var_dir.resolve())}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.bench"
    if arguments.database_url:
        env["DATABASE_URL"] = arguments.database_url
    sides = {
        "before": (arguments.before.resolve(), env),
        "after": (arguments.after.resolve(), env),
        "after, nothing kept": (arguments.after.resolve(), {**env, "PUBLICATION_CACHE_SECONDS": "0"}),
    }
    runs: dict[str, list[dict]] = {name: [] for name in sides}
    with tempfile.TemporaryDirectory() as html_root:
        for _ in range(arguments.rounds):
            for name, (checkout, side_env) in sides.items():
                html_dir = Path(html_root) / slug(name)
                runs[name].append(run_side(checkout, side_env, iterations=arguments.iterations, html_dir=html_dir))
        same = {
            page: len({(Path(html_root) / slug(side) / f"{slug(page)}.html").read_text() for side in sides}) == 1
            for page in PAGES
        }

    def median(side: str, page: str) -> float:
        return statistics.median(run["pages"][page]["ms"] for run in runs[side])

    def best(side: str, page: str) -> float:
        return min(run["pages"][page]["best"] for run in runs[side])

    database = "PostgreSQL" if arguments.database_url else "SQLite"
    print(f"\nRendered pages (session cookie: no page cache), {database}, medians of {arguments.rounds} rounds "
          f"× {arguments.iterations} requests, load average {os.getloadavg()[0]:.1f}\n")  # fmt: skip
    print(
        "| page | before ms (queries) | after ms (queries) | × faster | after, nothing kept ms | × faster | same HTML |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for page in PAGES:
        before, after, cold = (median(side, page) for side in sides)
        queries = {side: runs[side][0]["pages"][page]["queries"] for side in sides}
        print(
            f"| {page} | {before:.1f} ({queries['before']}) | {after:.1f} ({queries['after']}) | {before / after:.2f} "
            f"| {cold:.1f} ({queries['after, nothing kept']}) | {before / cold:.2f} | {'yes' if same[page] else 'NO'} |"
        )
    print("\nThe fastest request of each (the least disturbed by the other work on the machine):\n")
    print("| page | before ms | after ms | × faster | after, nothing kept ms | × faster |")
    print("|---|---:|---:|---:|---:|---:|")
    for page in PAGES:
        before, after, cold = (best(side, page) for side in sides)
        print(f"| {page} | {before:.1f} | {after:.1f} | {before / after:.2f} | {cold:.1f} | {before / cold:.2f} |")
    print("\n| worker | RSS after start | modules | RSS after the pages | heavy libraries loaded |")
    print("|---|---:|---:|---:|---|")
    for side in ("before", "after"):
        memory = runs[side][0]["memory"]
        print(
            f"| {side} | {memory['start_mib']:.0f} MiB | {memory['start_modules']} | {memory['pages_mib']:.0f} MiB "
            f"| {', '.join(memory['heavy']) or 'none'} |"
        )


if __name__ == "__main__":
    main()
