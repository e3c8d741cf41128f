#!/usr/bin/env python3
"""A sustained load on the public pages and forms: no error, and steady memory.

The portal is served as bench/run.py serves it (granian, production settings, its own database:
by default a throwaway PostgreSQL cluster under var/load-pg/, and Redis db 4 for the cache and the
rate limits), and loaded from this second process for `--duration` seconds by:

- wrk, anonymous visitors (`--connections`): the home page, a category, an article, the Q&A list,
  a search (the page cache serves most of these, as it does for visitors);
- wrk, visitors the page cache steps aside for (`--uncached-connections`): the same pages and
  twelve searches, rendered every time;
- citizens asking questions through the public Q&A form with a PDF attached
  (`--question-senders`), and organisations applying online with every required document
  (`--application-senders`): page, then multipart POST, each from its own client address.

It prints the requests, errors (any answer outside 2xx/3xx, any socket error: there must be
none), latency percentiles per stream, the app workers' memory (total RSS sampled every
`--sample-every` seconds: at the start, the peak, the end, and the growth over the last half),
and checks that every acknowledged submission is stored whole (bench/integrity.py).

    .venv/bin/python bench/load.py [--duration 600] [--items 2000] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import loadkit
import run
from integrity import print_report, report_from_dict

ROOT = run.ROOT
WRK_PACED = Path(__file__).with_name("wrk_paced.lua")
BENCH_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)
GROWTH_LIMIT_PCT = 10.0  # "steady": the workers grow by less than this over the last half of the run


def integrity_step(env: dict, *arguments: str) -> dict:
    """Run a step of bench/integrity.py in the server's environment and read its JSON."""
    output = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("integrity.py")), *arguments],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def check_submissions(env: dict, records: loadkit.Records, *, since: float, var_dir: Path) -> dict:
    acks = var_dir / "acknowledged.json"
    acks.write_text(json.dumps({"since": since, "acks": [ack.__dict__ for ack in records.acks]}))
    return integrity_step(env, "check", str(acks))


def environment(arguments: argparse.Namespace, var_dir: Path) -> tuple[dict, loadkit.OwnPostgres | None]:
    """The server's environment; starts our own PostgreSQL cluster unless a database was named."""
    own = None
    database_url = arguments.database_url
    if not database_url:
        own = loadkit.OwnPostgres(ROOT / "var" / "load-pg", port=arguments.postgres_port)
        own.ensure_running()
        database_url = own.url
    env = run.bench_env(var_dir, database_url=database_url, redis_url=arguments.redis_url,
                        **loadkit.SERVER_ADDRESS_SETTING)  # fmt: skip
    if arguments.redis_url:
        env["CACHE_KEY_PREFIX"] = "portal-load"
    return env, own


def start_wrk(wrk: str, base: str, paths: list[str], *, connections: int, seconds: float, pause_ms: int,
              cookie: str = ""):  # fmt: skip
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s", "-s", str(WRK_PACED)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += [base + paths[0], "--", *paths]
    env = {**os.environ, "WRK_PAUSE_MS": str(pause_ms)}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wrk_result(process: subprocess.Popen) -> dict:
    stdout, stderr = process.communicate()
    match = BENCH_LINE.search(stdout)
    if process.returncode != 0 or not match:
        sys.exit(f"wrk failed:\n{stdout}\n{stderr}")
    values = {key: int(value) for key, value in (pair.split("=") for pair in match.group(1).split())}
    return {
        "requests": values["requests"],
        "errors": values["status_errors"] + values["socket_errors"],
        "socket_errors": values["socket_errors"],
        "rps": values["requests"] / (values["duration_us"] / 1e6),
        "p50_ms": values["p50_us"] / 1000,
        "p95_ms": values["p95_us"] / 1000,
        "p99_ms": values["p99_us"] / 1000,
    }


def page_paths(facts: dict, form_facts: dict) -> tuple[list[str], list[str]]:
    search = facts["search"]
    qa_list = form_facts["ask"].rsplit("/", 2)[0] + "/"
    pages = [facts["home"], facts["category"], facts["article"], qa_list]
    cached = [*pages, f"{search}?{urllib.parse.urlencode({'q': run.CACHED_SEARCH_QUERY})}"]
    uncached = [*pages, *(f"{search}?{urllib.parse.urlencode({'q': query})}" for query in run.SEARCH_QUERIES)]
    return cached, uncached


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=600, help="Seconds of load (600).")
    parser.add_argument("--items", type=int, default=2000, help="Vietnamese items in the database (2000).")
    parser.add_argument("--reuse", action="store_true", help="The database is ready: skip migrating and loading.")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections, anonymous visitors (8).")
    parser.add_argument("--pause-ms", type=int, default=100, help="Pause before each of their requests (100 ms).")
    parser.add_argument("--uncached-connections", type=int, default=2, help="wrk connections, rendered pages (2).")
    parser.add_argument("--uncached-pause-ms", type=int, default=500, help="Pause before each of those (500 ms).")
    parser.add_argument("--question-senders", type=int, default=2, help="Visitors asking questions (2).")
    parser.add_argument("--application-senders", type=int, default=2, help="Visitors applying online (2).")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes (2).")
    parser.add_argument("--threads", type=int, default=1, help="granian blocking threads per worker (1).")
    parser.add_argument("--port", type=int, default=8097)
    parser.add_argument("--sample-every", type=float, default=5, help="Seconds between memory samples (5).")
    parser.add_argument("--database-url", help="Use this PostgreSQL database (default: our own cluster).")
    parser.add_argument("--postgres-port", type=int, default=5440, help="Port of our own cluster (5440).")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/4", help="Cache and rate limits ('' for none).")
    return parser.parse_args()


def main() -> None:
    arguments = parse_arguments()
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is needed to load the server: sudo apt-get install wrk")
    var_dir = (ROOT / "var" / "load").resolve()
    env, _own = environment(arguments, var_dir)
    facts = run.facts_of(env) if arguments.reuse else run.prepare(env, arguments.items)[0]
    form_facts = integrity_step(env, "facts", str(var_dir / "files"))
    pdf = Path(form_facts["sample_pdf"]).read_bytes()
    cached, uncached = page_paths(facts, form_facts)
    records = loadkit.Records()
    memory = loadkit.MemorySamples()
    log = var_dir / "granian.log"
    with run.serving(env, port=arguments.port, workers=arguments.workers, threads=arguments.threads, log=log) as server:
        print("Warming up ...", flush=True)
        for path in dict.fromkeys([*cached, *uncached]):
            for cookie in ("", run.UNCACHED):
                status, _ = run.fetch(server.base + path, cookie=cookie, timeout=60)
                if status != 200:
                    sys.exit(f"{path} answered {status}.")
        warm = loadkit.Visitor(server.base, loadkit.Records())
        if warm.ask_question(form_facts, pdf) is None or warm.apply(form_facts, pdf) is None:
            sys.exit("A trial submission was refused: see the server's log, " + str(log))
        since = time.time()
        started_at = dt.datetime.now().astimezone()
        load_before = os.getloadavg()
        print(
            f"Loading for {arguments.duration:g} s: wrk {arguments.connections} connections (pause "
            f"{arguments.pause_ms} ms) + {arguments.uncached_connections} (pause {arguments.uncached_pause_ms} ms), "
            f"{arguments.question_senders} + {arguments.application_senders} form senders ...",
            flush=True,
        )
        stop = threading.Event()
        sampler = loadkit.sample_memory(server.process.pid, memory, every=arguments.sample_every, stop=stop)
        until = time.monotonic() + arguments.duration
        anonymous = start_wrk(wrk, server.base, cached, connections=arguments.connections,
                              seconds=arguments.duration, pause_ms=arguments.pause_ms)  # fmt: skip
        rendered = start_wrk(wrk, server.base, uncached, connections=arguments.uncached_connections,
                             seconds=arguments.duration, pause_ms=arguments.uncached_pause_ms,
                             cookie=run.UNCACHED)  # fmt: skip
        senders = [
            loadkit.keep_submitting(server.base, records, form_facts, pdf, what="question", until=until)
            for _ in range(arguments.question_senders)
        ] + [
            loadkit.keep_submitting(server.base, records, form_facts, pdf, what="application", until=until)
            for _ in range(arguments.application_senders)
        ]
        anonymous_result, rendered_result = wrk_result(anonymous), wrk_result(rendered)
        for sender in senders:
            sender.join()
        stop.set()
        sampler.join()
        load_after = os.getloadavg()
    report = report_from_dict(check_submissions(env, records, since=since, var_dir=var_dir))

    streams = {
        f"pages, anonymous (wrk, {arguments.connections} conn.)": anonymous_result,
        f"pages, rendered (wrk, {arguments.uncached_connections} conn.)": rendered_result,
    }
    for kind in ("question form", "question", "application form", "application"):
        rows = [record for record in records.items if record.kind == kind]
        figures = loadkit.summary(rows)
        figures["rps"] = len(rows) / arguments.duration
        figures["socket_errors"] = sum(record.status == 0 for record in rows)
        label = {"question form": "Q&A form page", "question": "Q&A question POST",
                 "application form": "application form page", "application": "application POST"}[kind]  # fmt: skip
        streams[label] = figures
    errors = sum(stream["errors"] for stream in streams.values())
    mem = memory.figures()

    print()
    print(
        f"{started_at:%Y-%m-%d %H:%M %Z} · {os.cpu_count()} CPU cores, shared · load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after · {facts['database']} · {facts['vi_items']:,} items"
    )
    clients = (
        arguments.connections + arguments.uncached_connections + arguments.question_senders
        + arguments.application_senders
    )  # fmt: skip
    print(
        f"granian WSGI × {arguments.workers} workers × {arguments.threads} thread · {arguments.duration:g} s · "
        f"{clients} concurrent clients: wrk {arguments.connections} anonymous (pause {arguments.pause_ms} ms) + "
        f"{arguments.uncached_connections} rendered (pause {arguments.uncached_pause_ms} ms), "
        f"{arguments.question_senders} asking + {arguments.application_senders} applying"
    )
    print()
    header = f"{'stream':<36} {'requests':>9} {'req/s':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    print(header)
    print("-" * len(header))
    for name, row in streams.items():
        print(
            f"{name:<36} {row['requests']:>9,} {row['rps']:>7.1f} {row['errors']:>7} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f}"
        )
    print()
    if mem:
        steady = mem["growth_last_half_pct"] < GROWTH_LIMIT_PCT
        print(
            f"App workers' memory (total RSS of {memory.samples[-1][2]} workers, {mem['samples']} samples): "
            f"start {mem['start_mb']:.0f} MB · peak {mem['peak_mb']:.0f} MB · end {mem['end_mb']:.0f} MB · "
            f"last half {mem['growth_last_half_mb']:+.1f} MB ({mem['growth_last_half_pct']:+.1f}%) "
            f"({'steady' if steady else 'GROWING'})"
        )
    print()
    print_report(report, title="Submissions acknowledged during the load, against the database:")
    print()
    print(f"Errors: {errors} ({'none, as required' if not errors else 'MUST BE ZERO'})")
    run.RESULTS_DIR.mkdir(exist_ok=True)
    result_file = run.RESULTS_DIR / f"{dt.datetime.now():%Y%m%d-%H%M%S}-load.json"
    result_file.write_text(
        json.dumps(
            {"streams": streams, "memory": mem, "memory_samples": memory.samples, "submissions": report.as_dict()},
            indent=2,
        )  # fmt: skip
    )
    print(f"All figures: {result_file.relative_to(ROOT)}")
    if errors or not report.ok or (mem and mem["growth_last_half_pct"] >= GROWTH_LIMIT_PCT):
        sys.exit(1)


if __name__ == "__main__":
    main()
