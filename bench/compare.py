#!/usr/bin/env python3
"""`make bench`: this checkout against the baseline commit, both served as deployed, in one run.

    .venv/bin/python bench/compare.py                          # SQLite, baseline 7f2ce54
    .venv/bin/python bench/compare.py --postgres               # PostgreSQL: bench_new and bench_old
    .venv/bin/python bench/compare.py --rounds 5 --duration 10 --baseline <commit>
    .venv/bin/python bench/compare.py --memory-only --baseline HEAD   # workers' RSS alone, no wrk
    .venv/bin/python bench/compare.py --memory-only --memory-rounds 3   # medians of 3 starts (±4 MiB each)

The baseline commit is checked out with `git worktree` into a temporary directory (no network),
and each side gets a database of its own (the two commits have different migrations): SQLite
under var/compare/<side>/, or the PostgreSQL databases `bench_new` and `bench_old` (created if
missing; --database-url-now / --database-url-baseline for others). Each is migrated and given
the demo once, then kept for the next run. Both checkouts are served by granian (WSGI,
production settings, 2 workers × 1 thread) at the same time on two ports, and loaded with wrk
in turns (page by page, the side that goes first alternating each round), so that the machine's
other work falls on both alike; the medians over the rounds are compared.

What is measured is the rendered page (a session cookie makes the page cache step aside), what
an editor, a signed-in visitor and the first visitor after a publication get. Also printed: the
RSS of each worker after start and after 1,000 mixed requests (rendered and cached pages, the
searches), and the heavy libraries each side's workers load is not visible from outside: see
portal/core/tests/test_heavy_imports.py for that.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

ROOT = run.ROOT
BASELINE = "7f2ce54"  # main on 2 December 2026, the "today"
TARGETS = {"home": 3.0, "category": 3.0, "article": 3.0, "search": 3.0}
MEMORY_TARGET_MIB = 110
MIXED_REQUESTS = 1000
POSTGRES = "postgres://postgres@127.0.0.1:5432/"


def manage(checkout: Path, env: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=checkout, env=env, check=True)


def describe(checkout: Path, env: dict) -> dict:
    """Each checkout's own bench/run.py --describe: its URLs of the pages (and a fresh page-cache generation)."""
    output = subprocess.run(
        [sys.executable, "bench/run.py", "--describe"], cwd=checkout, env=env, check=True, capture_output=True,
        text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def prepare(checkout: Path, env: dict, *, label: str) -> dict:
    """Migrate, collect the static files and load the demo once (kept for the next run)."""
    if env.get("DATABASE_URL"):
        run.ensure_postgres_database(env["DATABASE_URL"])
    print(f"{label}: migrating ...", flush=True)
    manage(checkout, env, "migrate", "--noinput", "--verbosity", "0")
    manage(checkout, env, "collectstatic", "--noinput", "--verbosity", "0")
    facts = describe(checkout, env)
    if not facts["homes"]:
        print(f"{label}: loading the demo ...", flush=True)
        manage(checkout, env, "load_demo")
        facts = describe(checkout, env)
    return facts


def worker_rss_mib(server: run.Server) -> list[float]:
    """RSS of each granian worker process (the server's descendants), in MiB."""
    pids, seen = [server.process.pid], []
    while pids:
        pid = pids.pop()
        seen.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                pids += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    sizes = []
    for pid in seen[1:]:  # the first is granian's main process, which serves nothing
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        line = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        sizes.append(int(line.split()[1]) / 1024)
    return sizes


def mixed_requests(server: run.Server, facts: dict, count: int) -> None:
    """`count` requests, one at a time: the pages rendered and from the page cache, the searches."""
    paths = [facts["home"], facts["category"], facts["article"], *search_paths(facts)]
    for number in range(count):
        path = paths[number % len(paths)]
        cookie = run.UNCACHED if number % 3 else ""
        status, _ = run.fetch(server.base + path, cookie=cookie, timeout=60)
        if status != 200:
            sys.exit(f"{path} answered {status}.")


def search_paths(facts: dict) -> list[str]:
    return [f"{facts['search']}?{urllib.parse.urlencode({'q': query})}" for query in run.SEARCH_QUERIES]


def pages_of(facts: dict) -> dict[str, tuple[str, ...]]:
    return {
        "home": (facts["home"],),
        "category": (facts["category"],),
        "article": (facts["article"],),
        "search": tuple(search_paths(facts)),
    }


def check_uncached(server: run.Server, paths: tuple[str, ...], *, label: str) -> None:
    for path in paths:
        status, page_cache = run.fetch(server.base + path, cookie=run.UNCACHED, timeout=60)
        if status != 200 or page_cache is not None:
            sys.exit(f"{label}: {path} answered {status} (page cache: {page_cache}).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=BASELINE, help=f"The commit compared with ({BASELINE}).")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL (bench_new, bench_old) instead of SQLite.")
    parser.add_argument("--database-url-now", help="This checkout's PostgreSQL database.")
    parser.add_argument("--database-url-baseline", help="The baseline's PostgreSQL database.")
    parser.add_argument("--rounds", type=int, default=3, help="Turns of each side on each page (3).")
    parser.add_argument("--duration", type=float, default=8, help="Seconds of load per turn (8).")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16, as the issue).")
    parser.add_argument("--workers", type=int, default=2, help="granian workers per side (2).")
    parser.add_argument("--port", type=int, default=8110, help="This checkout's port; the baseline's is the next.")
    parser.add_argument(
        "--memory-only", action="store_true", help="Only the workers' RSS after start and after the mixed requests."
    )
    parser.add_argument(
        "--memory-rounds", type=int, default=1,
        help="With --memory-only: serve both sides afresh this many times; medians (1). A worker's RSS varies "
        "by ±4 MiB from one start to the next, more than most single changes.",
    )  # fmt: skip
    arguments = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None and not arguments.memory_only:
        sys.exit("wrk is needed: apt-get install wrk (.ci/run installs it)")
    urls = {
        "now": arguments.database_url_now or (POSTGRES + "bench_new" if arguments.postgres else None),
        "baseline": arguments.database_url_baseline or (POSTGRES + "bench_old" if arguments.postgres else None),
    }
    database = "PostgreSQL" if urls["now"] else "SQLite"
    suffix = "-pg" if urls["now"] else ""

    with ExitStack() as stack:
        temporary = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="portal-baseline-")))
        baseline_checkout = temporary / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(baseline_checkout), arguments.baseline],
            cwd=ROOT, check=True,
        )  # fmt: skip
        stack.callback(
            subprocess.run, ["git", "worktree", "remove", "--force", str(baseline_checkout)], cwd=ROOT, check=False
        )
        checkouts = {"now": ROOT, "baseline": baseline_checkout}
        envs, facts, servers = {}, {}, {}
        for offset, side in enumerate(("now", "baseline")):
            var_dir = (ROOT / "var" / "compare" / f"{side}{suffix}").resolve()
            envs[side] = run.bench_env(var_dir, database_url=urls[side], redis_url=None)
            facts[side] = prepare(checkouts[side], envs[side], label=side)
            servers[side] = stack.enter_context(
                run.serving(
                    envs[side], port=arguments.port + offset, workers=arguments.workers, threads=1,
                    log=var_dir / "granian.log", checkout=checkouts[side],
                )
            )  # fmt: skip

        rounds = [measure_memory(servers, facts)]
        for round_number in range(1, arguments.memory_rounds if arguments.memory_only else 1):
            for server in servers.values():
                server.restart()
            print(f"  memory round {round_number + 1}/{arguments.memory_rounds} ...", flush=True)
            rounds.append(measure_memory(servers, facts))
        memory = median_memory(rounds)
        if arguments.memory_only:
            report_memory(memory, database=database, baseline=arguments.baseline, workers=arguments.workers)
            return
        pages = {side: pages_of(facts[side]) for side in servers}
        for side, server in servers.items():
            for paths in pages[side].values():
                check_uncached(server, paths, label=side)

        samples: dict[str, dict[str, list[run.Sample]]] = {side: {page: [] for page in TARGETS} for side in servers}
        for round_number in range(arguments.rounds):
            order = ("now", "baseline") if round_number % 2 else ("baseline", "now")
            for page in TARGETS:
                for side in order:
                    case = run.Case(page, pages[side][page], cookie=run.UNCACHED)
                    sample = run.run_wrk(
                        wrk, servers[side].base, case, duration=arguments.duration, connections=arguments.connections
                    )
                    servers[side].settle()
                    samples[side][page].append(sample)
            print(f"  round {round_number + 1}/{arguments.rounds} done", flush=True)

    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · {database}, the demo · baseline {arguments.baseline} "
        f"· granian WSGI × {arguments.workers} workers × 1 thread per side · wrk {arguments.connections} "
        f"connections · {arguments.rounds} rounds × {arguments.duration:g} s in turns, medians · load average {load}\n"
    )
    print("| page (rendered) | req/s baseline | req/s now | ratio | target | p95 ms baseline → now | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    result: dict = {"database": database, "baseline": arguments.baseline, "load": load, "pages": {}}
    for page, target in TARGETS.items():
        before = statistics.median(sample.rps for sample in samples["baseline"][page])
        after = statistics.median(sample.rps for sample in samples["now"][page])
        p95 = {side: statistics.median(sample.p95_ms for sample in samples[side][page]) for side in servers}
        errors = sum(sample.errors for side in servers for sample in samples[side][page])
        ratio = after / before
        met = "met" if ratio >= target else "MISSED"
        print(
            f"| {page} | {before:,.1f} | {after:,.1f} | {ratio:.2f}× | ≥ {target:g}× ({met}) "
            f"| {p95['baseline']:.0f} → {p95['now']:.0f} | {errors} |"
        )
        result["pages"][page] = {"baseline_rps": before, "now_rps": after, "ratio": ratio, "p95_ms": p95}
    print_memory(memory)
    result["memory_mib"] = memory
    write_result(result, database=database)


def measure_memory(servers: dict[str, run.Server], facts: dict) -> dict:
    """Each side's workers' RSS after start (one has answered the start-up probe), then after the requests."""
    memory = {side: {"start": worker_rss_mib(server)} for side, server in servers.items()}
    print(f"Memory: {MIXED_REQUESTS} mixed requests on each side ...", flush=True)
    for side, server in servers.items():
        mixed_requests(server, facts[side], MIXED_REQUESTS)
        memory[side]["after"] = worker_rss_mib(server)
    return memory


def median_memory(rounds: list[dict]) -> dict:
    """Per side and moment, the median over the rounds of each worker's RSS, the workers of a round in
    ascending order (which process is which differs from one start to the next); each round kept too."""
    memory: dict = {}
    for side in rounds[0]:
        memory[side] = {"rounds": [round_[side] for round_ in rounds]}
        for when in ("start", "after"):
            ordered = [sorted(round_[side][when]) for round_ in rounds]
            memory[side][when] = [statistics.median(sizes) for sizes in zip(*ordered, strict=False)]
    return memory


def print_memory(memory: dict) -> None:
    rounds = len(memory["now"].get("rounds", ())) or 1
    heading = "worker RSS (MiB)" if rounds == 1 else f"worker RSS (MiB), medians of {rounds} starts"
    print(f"\n| {heading} | after start | after {MIXED_REQUESTS} mixed requests | target |")
    print("|---|---:|---:|---:|")
    for side in ("baseline", "now"):
        start, after = (", ".join(f"{size:.0f}" for size in memory[side][when]) for when in ("start", "after"))
        met = "met" if max(memory[side]["start"] + memory[side]["after"]) <= MEMORY_TARGET_MIB else "MISSED"
        target = f"≤ {MEMORY_TARGET_MIB} ({met})" if side == "now" else ""
        print(f"| {side} | {start} | {after} | {target} |")
    for when in ("start", "after"):
        ratio = statistics.mean(memory["now"][when]) / statistics.mean(memory["baseline"][when])
        print(f"now / baseline, {when}: {ratio:.2f}")


def report_memory(memory: dict, *, database: str, baseline: str, workers: int) -> None:
    """--memory-only: the table of the workers' RSS alone (both sides served at the same time)."""
    print(
        f"\n{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · {database}, the demo · baseline {baseline} "
        f"· granian WSGI × {workers} workers × 1 thread per side"
    )
    print_memory(memory)
    write_result({"database": database, "baseline": baseline, "memory_mib": memory}, database=database)


def write_result(result: dict, *, database: str) -> None:
    run.RESULTS_DIR.mkdir(exist_ok=True)
    result_file = run.RESULTS_DIR / f"{dt.datetime.now():%Y%m%d-%H%M%S}-compare-{database.lower()}.json"
    result_file.write_text(json.dumps(result, indent=2))
    print(f"\nAll figures: {result_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
