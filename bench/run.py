#!/usr/bin/env python3
"""Benchmark the public portal as deployed: requests per second and latency per kind of page.

The portal is served by granian (WSGI, production settings, several worker processes) on a
database filled with the demo plus synthetic items (`manage.py generate_dataset`), and loaded
with wrk. Every figure is also given as a ratio to a trivial Django view (the *ceiling*)
measured in the same run, because the machine is shared and absolute figures drift: the cases
are interleaved over several rounds, the ceiling measured at the start and end of each round,
and the median over rounds is reported. See bench/README.md.

    .venv/bin/python bench/run.py [--items 100000] [--duration 10] [--rounds 3]
                                  [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
RESULTS_DIR = Path(__file__).with_name("results")
CEILING_PATH = "/__bench__/ceiling/"
UNCACHED = "sessionid=bench"  # any session cookie makes the page cache step aside
YEARS = 10  # issue 4: "ten years of content (the synthetic 100,000-item set)"
# What visitors type: no diacritics, from one rare word to common phrases matching thousands of items.
SEARCH_QUERIES = [
    "hop tac han quoc",
    "nhat ban",
    "da nang",
    "hoi thao quoc te",
    "vien tro phi chinh phu",
    "bien gioi lao",
    "hop phap hoa lanh su",
    "tuyen dung vien chuc",
    "le tan",
    "chuyen doi so",
    "kumamoto",
    "a luoi",
]
CACHED_SEARCH_QUERY = SEARCH_QUERIES[0]
TARGET_CACHED_ARTICLE_RATIO = 0.60
TARGET_SEARCH_P95_MS = 100.0
TARGET_DASHBOARD_MS = 300.0
DASHBOARD_CASE = "plan dashboard, signed in, 1 connection"
DASHBOARD_FIRST_LIMIT = 600.0


@dataclass(frozen=True)
class Case:
    name: str
    paths: tuple[str, ...]  # requested in turn
    cookie: str = ""  # the Cookie header: none (an anonymous visitor), UNCACHED, or a signed-in session
    connections: int | None = None  # None: the run's --connections
    # Time allowed for the first request alone, if not --slow: the dashboard works the year's
    # figures out once (each worker, with its own local-memory cache) and then keeps them.
    first_limit: float | None = None


@dataclass(frozen=True)
class Sample:
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


# ---------------------------------------------------------------------------------------------
# The dataset
# ---------------------------------------------------------------------------------------------


def describe_dataset() -> None:
    """Print, as JSON, what the benchmark needs to know of the database (run inside Django).

    Also starts the page cache afresh (a new generation), so that no page cached by an earlier
    run is served.
    """
    import django

    django.setup()
    from django.db import connection
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Site

    from portal.core.page_cache import bump_generation
    from portal.home.models import HomePage
    from portal.news.models import ArticlePage, SectionPage

    bump_generation()
    facts: dict = {
        "database": connection.vendor,
        "homes": HomePage.objects.count(),
        "vi_items": ArticlePage.objects.filter(locale__language_code="vi").count(),
        "en_items": ArticlePage.objects.filter(locale__language_code="en").count(),
    }
    if facts["homes"] and facts["vi_items"]:
        site = Site.objects.get(is_default_site=True)
        categories = SectionPage.objects.live().filter(locale__language_code="vi")
        counted = [(ArticlePage.objects.live().descendant_of(c).count(), c) for c in categories]
        size, category = max(counted, key=lambda pair: pair[0])
        article = (
            ArticlePage.objects.live().child_of(category).exclude(image=None).order_by("-first_published_at").first()
        )
        with translation.override("vi"):
            search = reverse("search")
        facts |= {
            "home": site.root_page.get_url(),
            "category": category.get_url(),
            "category_items": size,
            "article": article.get_url(),
            "search": search,
            "dashboard": reverse("planning_dashboard"),
            "staff_session": _staff_session(),
        }
    if connection.vendor == "sqlite":
        facts["database_bytes"] = Path(connection.settings_dict["NAME"]).stat().st_size
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            facts["database_bytes"] = cursor.fetchone()[0]
    print(json.dumps(facts))


def timed_in_process(client, paths: list[str], repeat: int) -> dict:
    """Each path once alone (it must answer 200; the first one's queries counted), then `repeat` rounds of
    all of them timed one request at a time: requests, p50/p95/max in ms, queries. The in-process benches
    (at_scale.py, at_province.py) time the worked-out pages with it."""
    from django.db import connection

    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    queries: list[str] = []

    def counting(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        client.get(paths[0])
    times = []
    for _ in range(repeat):
        for path in paths:
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "requests": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
        "max_ms": times[-1],
        "queries": len(queries),
    }


def _staff_session() -> str:
    """A signed-in session of the demo's editor-in-chief, second factor passed: what the board's
    dashboard needs (created in the benchmark's own database)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username="truongban")
    session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user).first().persistent_id
    session.create()
    return session.session_key


def manage(env: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def facts_of(env: dict) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--describe"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database if it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(env: dict, items: int, *, refresh_demo: bool = False) -> tuple[dict, float | None]:
    """Migrate, load the demo and top the synthetic items up to `items`; reuses what is there."""
    if env.get("DATABASE_URL", "").startswith("postgres"):
        ensure_postgres_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    # The manifest production needs, first: the demo loader renders pages (e-mails, PDFs) with static URLs.
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    facts = facts_of(env)
    missing = items - facts["vi_items"]
    if missing > 0 or refresh_demo:
        # Before the synthetic items: the loader's ledger and translation passes would otherwise walk
        # every generated item too (they record what each published item owes, about 40 minutes).
        print("Loading the demo site ...", flush=True)
        manage(env, "load_demo")
        facts = facts_of(env)
        missing = items - facts["vi_items"]
    generated_in = None
    if missing > 0:
        print(f"Generating {missing} synthetic items over {YEARS} years ...", flush=True)
        started = time.monotonic()
        # A different seed each time the set grows, so that added items do not repeat earlier ones.
        manage(
            env, "generate_dataset", "--items", str(missing), "--seed", str(facts["vi_items"]), "--years", str(YEARS)
        )
        generated_in = time.monotonic() - started
        facts = facts_of(env)
    return facts, generated_in


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


class Server:
    """granian serving the portal (WSGI, `workers` processes) in a process group of its own."""

    def __init__(
        self, env: dict, *, port: int, workers: int, threads: int, log: Path, extra: tuple[str, ...] = (),
        checkout: Path = ROOT,
    ):  # fmt: skip
        self.env, self.port, self.workers, self.threads, self.log = env, port, workers, threads, log
        self.extra = extra  # more granian options (bench/fault.py: respawn a killed worker)
        self.checkout = checkout  # bench/compare.py serves another commit's checkout too
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "granian", "--interface", "wsgi", "--workers", str(self.workers),
            "--blocking-threads", str(self.threads), "--host", "127.0.0.1", "--port", str(self.port),
            "--no-ws", *self.extra, "portal.wsgi:application",
        ]  # fmt: skip
        with self.log.open("a") as log_file:
            self.process = subprocess.Popen(
                command, cwd=self.checkout, env=self.env, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self._wait_until_up()

    def stop(self) -> None:
        """SIGINT lets granian stop its workers; a worker stuck in a long request gets SIGKILL."""
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def settle(self, *, timeout: float = 120) -> None:
        """Wait until requests abandoned by the last measurement are finished (Django cannot cancel
        them): five answers in a row from the ceiling within 50 ms."""
        deadline, fast = time.monotonic() + timeout, 0
        while fast < 5 and time.monotonic() < deadline:
            started = time.monotonic()
            fetch(self.base + CEILING_PATH, cookie="", timeout=timeout)
            fast = fast + 1 if time.monotonic() - started < 0.05 else 0
            if not fast:
                time.sleep(0.2)

    def _wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"The server stopped (exit code {self.process.returncode}); see {self.log}.")
            try:
                with urllib.request.urlopen(self.base + CEILING_PATH, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        sys.exit(f"The server did not answer within {timeout:.0f} s; see {self.log}.")


@contextmanager
def serving(
    env: dict, *, port: int, workers: int, threads: int, log: Path, extra: tuple[str, ...] = (), checkout: Path = ROOT
) -> Iterator[Server]:
    log.write_text("")
    server = Server(env, port=port, workers=workers, threads=threads, log=log, extra=extra, checkout=checkout)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def fetch(url: str, *, cookie: str, timeout: float) -> tuple[int, str | None]:
    """(status, X-Page-Cache header) of a GET."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status, response.headers.get("X-Page-Cache")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache")


def probe(server: Server, cases: list[Case], *, limit: float) -> tuple[list[Case], dict[str, float | None]]:
    """Request every URL once, one at a time, without the page cache.

    Returns the cases to load (without the URLs slower than `limit` seconds, whose request would
    hold a worker for minutes and spoil every other figure) and the time of each URL (None: over
    the limit). Also checks that every URL answers 200, that cached cases do come from the page
    cache and that uncached ones do not.
    """
    timings: dict[str, float | None] = {}
    # Each URL with the cookie of a case that asks for it signed in or uncached (never the page cache).
    cookies = {path: case.cookie or UNCACHED for case in reversed(cases) for path in case.paths}
    limits = {path: max(limit, case.first_limit or 0) for case in cases for path in case.paths}
    for path in dict.fromkeys(path for case in cases for path in case.paths):
        started = time.monotonic()
        try:
            status, page_cache = fetch(server.base + path, cookie=cookies[path], timeout=limits[path])
        except (TimeoutError, urllib.error.URLError):
            timings[path] = None
            print(f"  {path}: over {limit:g} s, left out; restarting the server", flush=True)
            server.restart()  # the worker would go on computing the abandoned page
            continue
        timings[path] = time.monotonic() - started
        if status != 200:
            sys.exit(f"{path} answered {status}.")
        if page_cache is not None:
            sys.exit(f"{path} came from the page cache despite the session cookie.")
        if limits[path] > limit:  # every worker works it out once; the figures are then kept
            for _ in range(2 * server.workers):
                fetch(server.base + path, cookie=cookies[path], timeout=limits[path])
    kept = []
    for case in cases:
        paths = tuple(path for path in case.paths if timings[path] is not None)
        if not paths:
            continue
        if not case.cookie and not _comes_from_page_cache(server, paths[0], limit=limit):
            sys.exit(f"{case.name}: {paths[0]} is never served from the page cache.")
        kept.append(Case(case.name, paths, case.cookie, case.connections, case.first_limit))
    return kept, timings


def _comes_from_page_cache(server: Server, path: str, *, limit: float) -> bool:
    """Each worker renders the page once (a miss) and then serves it from its own local-memory cache."""
    for _ in range(12):
        try:
            if fetch(server.base + path, cookie="", timeout=2 * limit)[1] == "hit":
                return True
        except (TimeoutError, urllib.error.URLError):
            server.restart()
    return False


# ---------------------------------------------------------------------------------------------
# The load
# ---------------------------------------------------------------------------------------------

BENCH_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)


def run_wrk(wrk: str, base: str, case: Case, *, duration: float, connections: int) -> Sample:
    connections = case.connections or connections
    command = [wrk, "-t1", f"-c{connections}", f"-d{duration:g}s", "--timeout", "30s", "-s", str(WRK_SCRIPT)]
    if case.cookie:
        command += ["-H", f"Cookie: {case.cookie}"]
    command += [base + case.paths[0], "--", *case.paths]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    match = BENCH_LINE.search(result.stdout)
    if result.returncode != 0 or not match:
        sys.exit(f"wrk failed for {case.name}:\n{result.stdout}\n{result.stderr}")
    values = {key: int(value) for key, value in (pair.split("=") for pair in match.group(1).split())}
    return Sample(
        rps=values["requests"] / (values["duration_us"] / 1e6),
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        errors=values["status_errors"] + values["socket_errors"],
    )


def measure(wrk: str, server: Server, cases: list[Case], *, rounds: int, duration: float, connections: int) -> dict:
    """{case name: [(sample, ceiling req/s of the same round)]}: the cases interleaved round by round."""
    ceiling = Case("ceiling", (CEILING_PATH,))

    def load(case: Case, seconds: float) -> Sample:
        sample = run_wrk(wrk, server.base, case, duration=seconds, connections=connections)
        server.settle()  # the next case must not inherit this one's unfinished requests
        return sample

    print("Warming up ...", flush=True)
    for case in [ceiling, *cases]:
        load(case, 2)
    samples: dict[str, list[tuple[Sample, float]]] = {case.name: [] for case in [ceiling, *cases]}
    for round_number in range(rounds):
        order = cases[round_number % len(cases) :] + cases[: round_number % len(cases)]  # vary who goes first
        before = load(ceiling, duration)
        measured = [(case, load(case, duration)) for case in order]
        after = load(ceiling, duration)
        ceiling_rps = (before.rps + after.rps) / 2
        samples["ceiling"] += [(before, ceiling_rps), (after, ceiling_rps)]
        for case, sample in measured:
            samples[case.name].append((sample, ceiling_rps))
        print(f"  round {round_number + 1}/{rounds} done (ceiling {ceiling_rps:,.0f} req/s)", flush=True)
    return samples


def cases_for(facts: dict) -> list[Case]:
    search = facts["search"]
    one_query = f"{search}?{urllib.parse.urlencode({'q': CACHED_SEARCH_QUERY})}"
    all_queries = tuple(f"{search}?{urllib.parse.urlencode({'q': query})}" for query in SEARCH_QUERIES)
    pages = [("home", (facts["home"],)), ("category", (facts["category"],)), ("article", (facts["article"],))]
    cases = []
    for name, paths in pages:
        cases += [Case(f"{name}, cached", paths), Case(f"{name}, uncached", paths, cookie=UNCACHED)]
    cases += [
        Case("search, cached", (one_query,)),
        Case("search, uncached", all_queries, cookie=UNCACHED),
        Case("search, uncached, 1 connection", all_queries, cookie=UNCACHED, connections=1),
        # The board's dashboard, signed in as the editor-in-chief, one at a time (never cached).
        Case(
            DASHBOARD_CASE,
            (facts["dashboard"],),
            cookie=f"sessionid={facts['staff_session']}",
            connections=1,
            first_limit=DASHBOARD_FIRST_LIMIT,
        ),
    ]
    return cases


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------


def summarise(samples: dict) -> dict[str, dict]:
    summary = {}
    for name, pairs in samples.items():
        summary[name] = {
            "rps": statistics.median(sample.rps for sample, _ in pairs),
            "ratio": statistics.median(sample.rps / ceiling for sample, ceiling in pairs),
            "p50_ms": statistics.median(sample.p50_ms for sample, _ in pairs),
            "p95_ms": statistics.median(sample.p95_ms for sample, _ in pairs),
            "p99_ms": statistics.median(sample.p99_ms for sample, _ in pairs),
            "errors": sum(sample.errors for sample, _ in pairs),
        }
    return summary


def report(summary: dict[str, dict], *, context: dict, cases: list[Case], loaded: list[Case],
           timings: dict[str, float | None], limit: float) -> None:  # fmt: skip
    print()
    print(
        f"{context['date']} · {context['cpus']} CPU cores · load average {context['load']} · "
        f"{context['database']} ({context['database_mb']:,} MB) · {context['vi_items']:,} items "
        f"+ {context['en_items']:,} English translations"
    )
    print(
        f"granian {context['granian']} WSGI × {context['workers']} workers × {context['threads']} thread · "
        f"wrk, {context['connections']} "
        f"connections · {context['rounds']} rounds × {context['duration']:g} s, medians"
    )
    print()
    header = f"{'case':<32} {'req/s':>8} {'× ceiling':>10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
    print(header)
    print("-" * len(header))
    kept = {case.name: case for case in loaded}
    for case in [Case("ceiling", (CEILING_PATH,)), *cases]:
        row = summary.get(case.name)
        if row is None:
            slowest = [timings[path] for path in case.paths]
            alone = f"over {limit:g} s" if None in slowest else f"{max(slowest):.1f} s"
            print(f"{case.name:<32}   not loaded: one request alone takes {alone}")
            continue
        ratio = "—" if case.connections == 1 else f"{row['ratio']:.2f}"
        note = ""
        if case.name in kept and len(kept[case.name].paths) < len(case.paths):
            note = f"  ({len(kept[case.name].paths)} of {len(case.paths)} URLs; the others took over {limit:g} s)"
        print(
            f"{case.name:<32} {row['rps']:>8,.0f} {ratio:>10} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['p99_ms']:>8.1f} {row['errors']:>7}{note}"
        )
    print()
    print("Each URL requested once, alone, without the page cache:")
    for path, seconds in timings.items():
        took = f"over {limit:g} s" if seconds is None else f"{seconds * 1000:,.0f} ms"
        print(f"  {took:>12}  {urllib.parse.unquote(path)}")
    print()
    verdict = {True: "met", False: "MISSED"}
    article = summary.get("article, cached")
    if article:
        met = article["ratio"] >= TARGET_CACHED_ARTICLE_RATIO
        target = f"cached article ≥ {TARGET_CACHED_ARTICLE_RATIO:.0%} of the ceiling"
        print(f"Target: {target}: {article['ratio']:.0%} ({verdict[met]})")
    dashboard = summary.get(DASHBOARD_CASE)
    if dashboard:
        met = dashboard["p95_ms"] < TARGET_DASHBOARD_MS
        print(
            f"Target: plan dashboard p95 < {TARGET_DASHBOARD_MS:.0f} ms: {dashboard['p95_ms']:.0f} ms ({verdict[met]})"
        )
    search = summary.get("search, uncached, 1 connection")
    all_queries = next(case for case in cases if case.name == "search, uncached, 1 connection").paths
    if search and len(kept["search, uncached, 1 connection"].paths) == len(all_queries):
        met = search["p95_ms"] < TARGET_SEARCH_P95_MS
        print(
            f"Target: search p95 < {TARGET_SEARCH_P95_MS:.0f} ms (one visitor at a time, varied queries): "
            f"{search['p95_ms']:.0f} ms ({verdict[met]})"
        )
    else:
        alone = [timings[path] for path in all_queries]
        slowest = f"over {limit:g} s" if None in alone else f"{max(alone):.1f} s"
        print(f"Target: search p95 < {TARGET_SEARCH_P95_MS:.0f} ms: MISSED (the slowest query alone takes {slowest})")


def version_of(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except OSError:
        return "?"
    return (result.stdout + result.stderr).strip().splitlines()[0] if (result.stdout + result.stderr).strip() else "?"


def bench_env(var_dir: Path, *, database_url: str | None, redis_url: str | None, **extra: str) -> dict:
    """The environment of the benchmark's server and commands: production settings on `var_dir`."""
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.bench", "PORTAL_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_KEY_PREFIX"] = "portal-bench"
    return env | extra


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000, help="Vietnamese items in the database (100000).")
    parser.add_argument("--duration", type=float, default=10, help="Seconds per measurement (10).")
    parser.add_argument("--rounds", type=int, default=3, help="Rounds over all cases; medians are reported (3).")
    parser.add_argument("--connections", type=int, default=8, help="Concurrent keep-alive connections (8).")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes (2).")
    parser.add_argument("--threads", type=int, default=1, help="granian blocking threads per worker (1).")
    parser.add_argument("--port", type=int, default=8098)
    parser.add_argument("--slow", type=float, default=15, help="Leave out URLs slower than this, in s (15).")
    parser.add_argument("--database-url", help="Bench on this PostgreSQL database (created if missing).")
    parser.add_argument("--redis-url", help="Use this Redis for the cache (shared by the workers).")
    parser.add_argument("--var-dir", type=Path, help="Database, media and static files (var/bench or var/bench-pg).")
    parser.add_argument("--only", help="Measure only the cases whose names contain one of these comma-separated words.")
    parser.add_argument(
        "--refresh-demo", action="store_true", help="Run the demo loader on a database that has its items already."
    )
    parser.add_argument("--describe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    arguments = parse_arguments()
    if arguments.describe:  # a child process: report on the dataset and stop
        sys.path.insert(0, str(ROOT))
        describe_dataset()
        return
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is needed to load the server: sudo apt-get install wrk")
    var_dir = (arguments.var_dir or ROOT / "var" / ("bench-pg" if arguments.database_url else "bench")).resolve()
    env = bench_env(var_dir, database_url=arguments.database_url, redis_url=arguments.redis_url)

    facts, generated_in = prepare(env, arguments.items, refresh_demo=arguments.refresh_demo)
    if generated_in is not None:
        print(f"Generated the synthetic items in {generated_in / 60:.1f} min.")
    cases = cases_for(facts)
    if arguments.only:
        words = [word.strip() for word in arguments.only.split(",") if word.strip()]
        cases = [case for case in cases if any(word in case.name for word in words)]
        if not cases:
            sys.exit(f"No case is named with any of: {arguments.only}")
    log = var_dir / "granian.log"
    with serving(env, port=arguments.port, workers=arguments.workers, threads=arguments.threads, log=log) as server:
        print("Requesting each URL once ...", flush=True)
        loaded, timings = probe(server, cases, limit=arguments.slow)
        # A page that takes a good part of a measurement to render cannot be measured under load
        # (cached cases render once, then come from the cache).
        loaded = [
            case for case in loaded
            if not case.cookie or case.first_limit  # the dashboard keeps what its first request worked out
            or max(timings[path] for path in case.paths) < arguments.duration / 4
        ]  # fmt: skip
        samples = measure(
            wrk, server, loaded, rounds=arguments.rounds, duration=arguments.duration,
            connections=arguments.connections,
        )  # fmt: skip
    summary = summarise(samples)
    context = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": os.cpu_count(),
        "load": " ".join(f"{value:.1f}" for value in os.getloadavg()),
        "database": facts["database"],
        "database_mb": facts["database_bytes"] // 2**20,
        "vi_items": facts["vi_items"],
        "en_items": facts["en_items"],
        "granian": version_of([sys.executable, "-m", "granian", "--version"]).split()[-1],
        "wrk": version_of([wrk, "--version"]),
        "python": platform.python_version(),
        "workers": arguments.workers,
        "threads": arguments.threads,
        "connections": arguments.connections,
        "rounds": arguments.rounds,
        "duration": arguments.duration,
        "urls": {name: facts[name] for name in ("home", "category", "article", "search", "dashboard")},
        "generated_in_s": generated_in,
    }
    report(summary, context=context, cases=cases, loaded=loaded, timings=timings, limit=arguments.slow)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    result_file = RESULTS_DIR / f"{stamp}-{facts['database']}.json"
    raw = {
        name: [asdict(sample) | {"ceiling_rps": ceiling} for sample, ceiling in pairs]
        for name, pairs in samples.items()
    }  # noqa: E501
    result = {"context": context, "summary": summary, "single_request_s": timings, "samples": raw}
    result_file.write_text(json.dumps(result, indent=2))
    print(f"\nAll samples: {result_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
