#!/usr/bin/env python3
"""Fault tests: an app worker killed during a burst of submissions, the database restarted under load.

    .venv/bin/python bench/fault.py kill-worker [--burst 60] [--kills 3] [--senders 6]
    .venv/bin/python bench/fault.py db-restart [--duration 60] [--restarts 2]

The portal is served as bench/run.py serves it (granian, production settings) on the same
database as bench/load.py: by default a throwaway PostgreSQL cluster of our own under
var/load-pg/ (port 5440), so that restarting it touches nobody else's database.

kill-worker: citizens send questions through the public Q&A form (a PDF attached) and
organisations apply online (every required document attached) from several threads while a
granian worker is killed with SIGKILL `--kills` times. granian is started with
--respawn-failed-workers, as deploy/portal-web.service is. Then every submission that was
acknowledged (the redirect to its tracking page, with its code) must be in the database, whole:
its files present and the same bytes, its receipt, event and audit rows; no row of the load may
be half-written, and no file may be left in private storage without its row.

db-restart: pages (from the page cache and rendered) and the two forms are loaded while our
cluster is restarted (`pg_ctl restart -m fast`: every connection cut, transactions in flight rolled
back) `--restarts` times. Errors may happen only while the database is down; every request that
starts after it is up again must succeed, with nobody touching the portal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

import loadkit
import run
from integrity import print_report, report_from_dict
from load import check_submissions, environment, integrity_step, page_paths

ROOT = run.ROOT
RESPAWN = ("--respawn-failed-workers", "--respawn-interval", "1")


def prepared(arguments: argparse.Namespace) -> tuple[dict, loadkit.OwnPostgres | None, dict, dict, bytes, Path]:
    var_dir = (ROOT / "var" / "load").resolve()
    env, own = environment(arguments, var_dir)
    facts = run.facts_of(env) if arguments.reuse else run.prepare(env, arguments.items)[0]
    form_facts = integrity_step(env, "facts", str(var_dir / "files"))
    return env, own, facts, form_facts, Path(form_facts["sample_pdf"]).read_bytes(), var_dir


def header(title: str, facts: dict, arguments: argparse.Namespace) -> None:
    print()
    print(
        f"{title} · {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · {os.cpu_count()} CPU cores, shared · "
        f"load average {os.getloadavg()[0]:.1f} · {facts['database']} · granian WSGI × {arguments.workers} workers"
    )


def failure_reasons(records: list[loadkit.Record]) -> str:
    reasons: dict[str, int] = {}
    for record in records:
        if record.failed:
            reason = record.error or f"HTTP {record.status}"
            reasons[reason] = reasons.get(reason, 0) + 1
    return ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items(), key=lambda p: -p[1])) or "none"


def failures_by_kind(records: list[loadkit.Record]) -> str:
    kinds: dict[str, list[int]] = {}
    for record in records:
        kinds.setdefault(record.kind, [0, 0])
        kinds[record.kind][0] += 1
        kinds[record.kind][1] += record.failed
    return " · ".join(f"{kind} {total} ({failed} failed)" for kind, (total, failed) in kinds.items())


# ---------------------------------------------------------------------------------------------
# An app worker killed
# ---------------------------------------------------------------------------------------------


def kill_worker(arguments: argparse.Namespace) -> bool:
    env, _own, facts, form_facts, pdf, var_dir = prepared(arguments)
    records = loadkit.Records()
    log = var_dir / "granian-kill.log"
    kills: list[tuple[float, int]] = []
    with run.serving(env, port=arguments.port, workers=arguments.workers, threads=1, log=log, extra=RESPAWN) as server:
        since = time.time()
        started = time.monotonic()
        until = started + arguments.burst
        senders = [
            loadkit.keep_submitting(server.base, records, form_facts, pdf, what=what, until=until)
            for what in ("question", "application")
            for _ in range(arguments.senders)
        ]
        print(f"Burst of {arguments.burst:g} s from {2 * arguments.senders} senders, {arguments.kills} kills ...")
        for number in range(arguments.kills):
            # Evenly spread over the burst, each at a moment a submission is being written.
            moment = started + arguments.burst * (number + 1) / (arguments.kills + 1)
            time.sleep(max(0.0, moment - time.monotonic()))
            workers = loadkit.workers_of(server.process.pid)
            while not workers and time.monotonic() < until:
                time.sleep(0.2)
                workers = loadkit.workers_of(server.process.pid)
            if not workers:
                break
            victim = random.choice(workers)
            os.kill(victim, signal.SIGKILL)
            kills.append((time.monotonic() - started, victim))
            print(f"  {kills[-1][0]:5.1f} s: SIGKILL worker {victim}", flush=True)
        for sender in senders:
            sender.join()
        alive = server.process.poll() is None
        workers_after = len(loadkit.workers_of(server.process.pid)) if alive else 0
    report = report_from_dict(check_submissions(env, records, since=since, var_dir=var_dir))

    header("Kill a worker during a burst of submissions", facts, arguments)
    posts = [record for record in records.items if record.kind in ("question", "application")]
    cut = [record for record in posts if record.failed]
    print(
        f"{len(kills)} workers killed (SIGKILL) · server {'still serving' if alive else 'STOPPED'}, "
        f"{workers_after} of {arguments.workers} workers after the burst"
    )
    print(
        f"Submissions sent {len(posts)} · acknowledged {len(records.acks)} · refused or cut off by a kill "
        f"{len(cut)} (no answer: {sum(r.status == 0 for r in cut)}, 5xx: {sum(r.status >= 500 for r in cut)}, "
        f"other: {sum(0 < r.status < 500 for r in cut)})"
    )
    print(f"Requests: {failures_by_kind(records.items)}")
    print(f"Failures: {failure_reasons(records.items)}")
    for moment, _victim in kills:
        # Failures that ended within 10 s of the kill: the requests it cut, and any while the worker was away.
        ended = [r.started + r.seconds - started for r in records.items if r.failed]
        near = [t for t in ended if moment - 0.5 <= t < moment + 10]
        if near:
            print(
                f"  kill at {moment:.1f} s: {len(near)} failures ended between {min(near):.1f} s and {max(near):.1f} s"
            )
    print()
    print_report(report, title="Acknowledged submissions against the database:")
    run.RESULTS_DIR.mkdir(exist_ok=True)
    result_file = run.RESULTS_DIR / f"{dt.datetime.now():%Y%m%d-%H%M%S}-kill-worker.json"
    timeline = [(r.started - started, r.seconds, r.kind, r.status, r.error) for r in records.items]
    result_file.write_text(json.dumps({"kills": kills, "requests": timeline, "submissions": report.as_dict()}))
    print(f"Every request: {result_file.relative_to(ROOT)}")
    ok = report.ok and alive and workers_after == arguments.workers
    print()
    print("Result: " + ("nothing acknowledged was lost, nothing half-written" if ok else "FAILED"))
    return ok


# ---------------------------------------------------------------------------------------------
# The database restarted
# ---------------------------------------------------------------------------------------------


def db_restart(arguments: argparse.Namespace) -> bool:
    if arguments.database_url:
        sys.exit("db-restart restarts our own cluster only: leave out --database-url.")
    env, own, facts, form_facts, pdf, var_dir = prepared(arguments)
    cached, uncached = page_paths(facts, form_facts)
    records = loadkit.Records()
    log = var_dir / "granian-db.log"
    outages: list[tuple[float, float]] = []  # (down from, up at), monotonic
    with run.serving(env, port=arguments.port, workers=arguments.workers, threads=1, log=log) as server:
        for path in dict.fromkeys([*cached, *uncached]):  # every page rendered once, and cached
            run.fetch(server.base + path, cookie="", timeout=60)
        since = time.time()
        started = time.monotonic()
        until = started + arguments.duration
        threads = [
            loadkit.keep_reading(server.base, records, cached, until=until),
            loadkit.keep_reading(server.base, records, cached, until=until),
            loadkit.keep_reading(server.base, records, uncached, until=until, cookie=run.UNCACHED),
            loadkit.keep_submitting(server.base, records, form_facts, pdf, what="question", until=until),
            loadkit.keep_submitting(server.base, records, form_facts, pdf, what="application", until=until),
        ]
        print(f"Load for {arguments.duration:g} s, {arguments.restarts} database restarts ...", flush=True)
        for number in range(arguments.restarts):
            moment = started + arguments.duration * (number + 1) / (arguments.restarts + 1)
            time.sleep(max(0.0, moment - time.monotonic()))
            down = time.monotonic()
            own.restart()
            outages.append((down, time.monotonic()))
            print(f"  {down - started:5.1f} s: restarted in {outages[-1][1] - down:.1f} s", flush=True)
        for thread in threads:
            thread.join()
    report = report_from_dict(check_submissions(env, records, since=since, var_dir=var_dir))

    def during(record: loadkit.Record) -> bool:
        # Overlaps an outage: started before the database was up again and ended after it went down.
        return any(record.started < up and record.started + record.seconds > down for down, up in outages)

    inside = [record for record in records.items if during(record)]
    outside = [record for record in records.items if not during(record)]
    after = [record for record in outside if outages and record.started >= outages[0][1]]
    header("Restart the database during load", facts, arguments)
    print("Outages: " + ", ".join(f"{up - down:.1f} s at {down - started:.0f} s" for down, up in outages))
    print(
        f"Requests {len(records.items)} · during an outage {len(inside)} ({sum(r.failed for r in inside)} failed) · "
        f"outside {len(outside)} ({sum(r.failed for r in outside)} failed; after the first restart "
        f"{len(after)}, {sum(r.failed for r in after)} failed)"
    )
    print(f"During the outages: {failures_by_kind(inside)}; {failure_reasons(inside)}")
    print(f"Outside them:       {failures_by_kind(outside)}")
    for number, (down, up) in enumerate(outages):
        until_next = outages[number + 1][0] if number + 1 < len(outages) else float("inf")
        late = [r for r in records.items if up <= r.started < until_next and r.failed and not during(r)]
        first_ok = min((r.started for r in records.items if r.started >= up and not r.failed), default=None)
        recovered = f"first success {first_ok - up:+.2f} s after it was up" if first_ok is not None else "NO SUCCESS"
        print(f"  outage at {down - started:.0f} s: {recovered}; failures after it (until the next): {len(late)}")
        for record in late[:5]:
            print(f"      {record.started - started:6.2f} s {record.kind} → {record.status or record.error}")
    print()
    print_report(report, title="Acknowledged submissions against the database:")
    ok = report.ok and not any(record.failed for record in outside)
    print()
    print("Result: " + ("errors only while the database was down, then every request succeeded" if ok else "FAILED"))
    run.RESULTS_DIR.mkdir(exist_ok=True)
    result_file = run.RESULTS_DIR / f"{dt.datetime.now():%Y%m%d-%H%M%S}-db-restart.json"
    timeline = [(r.started - started, r.seconds, r.kind, r.status, r.error) for r in records.items]
    result_file.write_text(json.dumps({"outages": [(d - started, u - started) for d, u in outages],
                                       "requests": timeline, "submissions": report.as_dict()}))  # fmt: skip
    print(f"Every request: {result_file.relative_to(ROOT)}")
    return ok


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("test", choices=["kill-worker", "db-restart"])
    parser.add_argument("--burst", type=float, default=60, help="kill-worker: seconds of submissions (60).")
    parser.add_argument("--senders", type=int, default=6, help="kill-worker: senders of each form (6).")
    parser.add_argument("--kills", type=int, default=3, help="kill-worker: workers killed during the burst (3).")
    parser.add_argument("--duration", type=float, default=60, help="db-restart: seconds of load (60).")
    parser.add_argument("--restarts", type=int, default=2, help="db-restart: restarts during the load (2).")
    parser.add_argument("--items", type=int, default=2000, help="Vietnamese items in the database (2000).")
    parser.add_argument("--reuse", action="store_true", help="The database is ready: skip migrating and loading.")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes (2).")
    parser.add_argument("--port", type=int, default=8096)
    parser.add_argument("--database-url", help="kill-worker only: this PostgreSQL database (default: our own cluster).")
    parser.add_argument("--postgres-port", type=int, default=5440, help="Port of our own cluster (5440).")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/4", help="Cache and rate limits ('' for none).")
    return parser.parse_args()


def main() -> None:
    arguments = parse_arguments()
    ok = kill_worker(arguments) if arguments.test == "kill-worker" else db_restart(arguments)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
