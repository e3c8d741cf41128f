#!/usr/bin/env python3
"""The province's size (issue 22, item 6): N agencies × M items on one PostgreSQL database, measured.

    .venv/bin/python bench/at_province.py                                  # 30 × 15,000 on bench_province
    .venv/bin/python bench/at_province.py --agencies 3 --items-per-agency 2000 --database-url \\
        postgres://postgres@127.0.0.1:5432/bench_province_small               # a quick look
    .venv/bin/python bench/at_province.py --build-only                     # grow the set, measure nothing
    .venv/bin/python bench/at_province.py --measure-only                   # measure what is there

Building (reuses what is there, so an interrupted build resumes): migrations, the demo (the default
site's agency, the same as bench/at_scale.py's one agency), the example province portal
(packs/vi-du-cong-tinh-lam-son.yaml) as a site of its own, then agencies 2..N, each from the example
department pack (packs/vi-du-so-van-hoa-lam-son.yaml) with its own code, symbol, host and people,
written to var/at-province/packs/ and installed by `setup_portal PACK --site HOST`; then every
agency's items topped up to M and its applications to M/20 by `generate_dataset --site HOST` (its own
categories and procedures), and per agency questions (answered, some late) and ten years of daily visits
with a month of page visits, in bulk; the planner statistics once at the end.

Measuring (in process, Django's test client, production settings, one request at a time, as
bench/at_scale.py does), each case --requests times:
(a) rendered pages (a session cookie makes the page cache step aside; the search's kept results
    worked out on every request) of the demo agency's site and of a generated agency's site (home,
    its largest category, its newest item) and the twelve searches on an agency's site and on the
    province's; beside them, in the same run, the same pages of the one agency at 100,000 items
    (bench/at_scale.py's database, `--baseline-url`; skipped if it is not there);
(b) the provincial board, worked out on every request (DASHBOARD_CACHE_SECONDS=0);
(c) `setup_portal PACK --site HOST` of one more agency into the full database (wall time);
(d) every job the scheduler registers, run once for all agencies (wall time each; the daily ones
    are what runs at night).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

ROOT = run.ROOT
EXAMPLE_AGENCY = ROOT / "packs" / "vi-du-so-van-hoa-lam-son.yaml"
EXAMPLE_PROVINCE = ROOT / "packs" / "vi-du-cong-tinh-lam-son.yaml"
PROVINCE_HOST = "lamson.example"
YEARS = 10
TARGET_RATIO = 1.20  # pages and search within 20% of one agency's at 100,000 items
TARGET_BOARD_MS = 500.0
TARGET_SETUP_S = 60.0
TARGET_NIGHT_S = 3600.0


def agency_host(number: int) -> str:
    return f"so{number:02d}.lamson.example"


# ---------------------------------------------------------------------------------------------
# Packs: the example department's, with another code, symbol, host and people each
# ---------------------------------------------------------------------------------------------


def agency_pack(number: int, directory: Path) -> Path:
    """Write the example department's pack as agency `number` (its people renamed: usernames are the
    installation's, not the agency's) and return its path."""
    import yaml

    pack = yaml.safe_load(EXAMPLE_AGENCY.read_text(encoding="utf-8"))
    suffix = f"{number:02d}"
    renamed = {person["username"]: f"{person['username']}{suffix}" for person in pack["people"]}

    def rename(value):
        if isinstance(value, dict):
            return {key: rename(item) for key, item in value.items()}
        if isinstance(value, list):
            return [rename(item) for item in value]
        if isinstance(value, str):
            if value in renamed:
                return renamed[value]
            return value.replace("@lamson.example", f"@so{suffix}.lamson.example")
        return value

    pack = rename(copy.deepcopy(pack))
    agency = pack["agency"]
    agency["code"] = f"so-{suffix}-lam-son"
    agency["short_name"] = f"S{suffix}"
    agency["hostname"] = agency_host(number)
    agency["name"] = {
        "vi": f"Sở số {suffix} tỉnh Lam Sơn",
        "en": f"Department No. {suffix} of Lam Son Province",
    }
    agency["document_heading"]["name"] = {"vi": f"SỞ SỐ {suffix}", "en": f"DEPARTMENT No. {suffix}"}
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"so-{suffix}-lam-son.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Inside Django (child processes)
# ---------------------------------------------------------------------------------------------


def _django() -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]  # every agency's host, as the load balancer passes them on


def child_describe() -> None:
    """Print, as JSON, the sites and each one's Vietnamese items."""
    _django()
    from django.db import connection
    from wagtail.models import Site

    from portal.applications.models import Application
    from portal.core.models import AgencySettings
    from portal.core.tree import any_subtree_q, site_home_paths
    from portal.home.models import HomePage
    from portal.news.models import ArticlePage
    from portal.qa.models import Question

    default = Site.objects.filter(is_default_site=True).first()
    demo = bool(default) and HomePage.objects.filter(pk=default.root_page_id).exists()
    sites = []
    for site in Site.objects.order_by("-is_default_site", "pk"):
        agency = AgencySettings.for_site(site)
        items = ArticlePage.objects.filter(any_subtree_q(site_home_paths(site)), locale__language_code="vi")
        sites.append(
            {
                "hostname": site.hostname,
                "default": site.is_default_site,
                "province": agency.is_province,
                "vi_items": items.count(),
                "questions": Question.objects.filter(agency=agency).count(),
                "applications": Application.objects.filter(agency=agency).count(),
            }
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    print(json.dumps({"sites": sites, "demo": demo, "database_bytes": size}))


def child_extras(hostname: str, questions: int, seed: int) -> None:
    """Questions (mostly answered, some late, some open) and visits of one agency, in bulk."""
    _django()
    import datetime as dt
    import hashlib
    import random

    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Site

    from portal.core.models import AgencySettings
    from portal.core.tree import any_subtree_q, site_home_paths
    from portal.news.models import ArticlePage, SectionPage
    from portal.qa.models import Question
    from portal.visits.models import DailyVisits, PageVisits

    site = Site.objects.get(hostname=hostname)
    agency = AgencySettings.for_site(site)
    rng = random.Random(seed)
    now = timezone.now()
    topics = list(SectionPage.objects.filter(any_subtree_q(site_home_paths(site)), locale__language_code="vi"))
    missing = questions - Question.objects.filter(agency=agency).count()
    rows = []
    for number in range(max(0, missing)):
        received = now - dt.timedelta(seconds=rng.randrange(YEARS * 365 * 24 * 3600))
        due = received + dt.timedelta(days=7)
        answered = received + dt.timedelta(hours=rng.randint(4, 14 * 24)) if rng.random() < 0.95 else None
        if answered and answered > now:
            answered = None
        digest = hashlib.sha256(f"{hostname}-{seed}-{number}".encode()).hexdigest()
        rows.append(
            Question(
                agency=agency,
                tracking_code=f"B{seed % 1000:03d}{number:06d}X{rng.randrange(10**5):05d}"[:16],
                secret_digest=digest,
                name="Nguyễn Văn Bench",
                email=f"hoi{number}@tai-thu.invalid",
                topic=rng.choice(topics) if topics else None,
                title=f"Câu hỏi số {number}",
                body="Xin hỏi thủ tục cấp phép tổ chức hội thảo quốc tế cần những giấy tờ gì?",
                status=Question.Status.ANSWERED if answered else Question.Status.NEW,
                received_at=received,
                due_at=due,
                fingerprint=digest,
                answer="Trả lời: xem thủ tục trên trang." if answered else "",
                answered_at=answered,
                answered_on_time=(answered <= due) if answered else None,
            )
        )
    with transaction.atomic():
        Question.objects.bulk_create(rows, batch_size=2000)
        today = timezone.localdate()
        if not DailyVisits.objects.filter(site=site).exists():
            days = [today - dt.timedelta(days=back) for back in range(YEARS * 365)]
            DailyVisits.objects.bulk_create(
                [DailyVisits(site=site, day=day, views=rng.randint(200, 5000)) for day in days], batch_size=5000
            )
        if not PageVisits.objects.filter(site=site).exists():
            paths = list(
                ArticlePage.objects.filter(any_subtree_q(site_home_paths(site)))
                .order_by("-first_published_at")
                .values_list("url_path", flat=True)[:200]
            )
            PageVisits.objects.bulk_create(
                [
                    PageVisits(
                        site=site, day=today - dt.timedelta(days=back), path=path[:255], views=rng.randint(1, 300)
                    )
                    for back in range(30)
                    for path in paths
                ],
                batch_size=5000,
            )
    print(json.dumps({"questions_added": len(rows)}))


def _session_of(user) -> str:
    """A signed-in session of `user`, second factor passed (a TOTP device made if there is none)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return session.session_key


def _site_pages(site) -> dict[str, str]:
    """The home, the largest category and its newest item (with an image if there is one) of `site`."""
    from portal.core.tree import children_q, subtree_q
    from portal.news.models import ArticlePage, SectionPage

    def path(page) -> str:  # several sites: Wagtail gives whole addresses
        return urllib.parse.urlsplit(page.get_url()).path

    sections = SectionPage.objects.live().filter(subtree_q(site.root_page.path))
    counted = [(ArticlePage.objects.live().filter(children_q(section)).count(), section) for section in sections]
    size, category = max(counted, key=lambda pair: pair[0])
    items = ArticlePage.objects.live().filter(children_q(category)).order_by("-first_published_at")
    article = items.exclude(image=None).first() or items.first()
    return {"home": path(site.root_page), "category": path(category), "article": path(article), "category_items": size}


def child_pages(requests: int, hosts: list[str], province: str | None) -> None:
    """(a): each site's rendered home, largest category, newest item and the twelve searches."""
    _django()
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Site

    with translation.override("vi"):
        search = reverse("search")
    searches = [f"{search}?{urllib.parse.urlencode({'q': query})}" for query in run.SEARCH_QUERIES]
    result = {}
    with override_settings(PUBLICATION_CACHE_SECONDS=0):
        for host in hosts:
            site = Site.objects.get(hostname=host)
            visitor = Client(HTTP_HOST=host)
            visitor.cookies["sessionid"] = "bench-at-province"  # the page cache steps aside
            pages = _site_pages(site)
            for case in ("home", "category", "article"):
                result[f"{host} {case}"] = run.timed_in_process(visitor, [pages[case]], requests)
            result[f"{host} search"] = run.timed_in_process(visitor, searches, max(1, requests // 4))
            result[f"{host} category items"] = pages["category_items"]
        if province:
            visitor = Client(HTTP_HOST=province)
            visitor.cookies["sessionid"] = "bench-at-province"
            result[f"{province} search"] = run.timed_in_process(visitor, searches, max(1, requests // 4))
    print(json.dumps(result))


def child_board(requests: int) -> None:
    """(b): the provincial board, worked out on every request, signed in as a member of its group."""
    _django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse

    from portal.province.setup import BOARD_GROUP

    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username="bench-board", defaults={"email": "board@tai-thu.invalid", "is_staff": True}
    )
    user.groups.add(Group.objects.get(name=BOARD_GROUP))
    client = Client(HTTP_HOST=PROVINCE_HOST)
    client.cookies["sessionid"] = _session_of(user)
    board = reverse("province_board")
    with override_settings(DASHBOARD_CACHE_SECONDS=0):
        row = run.timed_in_process(client, [board], requests)
    from portal.core.models import AgencySettings

    row["agencies"] = AgencySettings.objects.exclude(site=None).count()
    del connection
    print(json.dumps({"board": row}))


def child_jobs() -> None:
    """(d): every registered job once, timed; the mails go to the bench's mail folder."""
    _django()
    from django.core.management import call_command

    from portal.operations.scheduler import registered_jobs

    result = {}
    for spec in registered_jobs():
        started = time.perf_counter()
        error = None
        try:
            if isinstance(spec.run, str):
                with open(os.devnull, "w") as quiet:
                    try:  # a job that waits for its time of day (the plan's reminders) does today's work now
                        call_command(spec.run, now=True, stdout=quiet)
                    except TypeError as unknown:
                        if "Unknown option" not in str(unknown):
                            raise
                        call_command(spec.run, stdout=quiet)
            else:
                spec.run()
        except Exception as exception:  # noqa: BLE001 — one job's failure is reported, the others still run
            error = f"{type(exception).__name__}: {exception}"[:200]
        result[spec.name] = {
            "seconds": time.perf_counter() - started,
            "every_seconds": spec.every_seconds,
            "label": str(spec.label),
            "error": error,
        }
    print(json.dumps(result))


# ---------------------------------------------------------------------------------------------
# Outside Django
# ---------------------------------------------------------------------------------------------


def in_child(env: dict, *arguments: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *arguments], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        print(done.stderr[-3000:], file=sys.stderr)
        done.check_returncode()
    return json.loads(done.stdout.strip().splitlines()[-1])


def setup_agency(env: dict, number: int, var_dir: Path) -> float:
    pack = agency_pack(number, var_dir / "packs")
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "setup_portal", str(pack), "--site", agency_host(number)],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.monotonic() - started


def build(env: dict, var_dir: Path, agencies: int, items: int) -> dict:
    """Grow the database to `agencies` × `items` (reusing what is there); returns its description."""
    run.ensure_postgres_database(env["DATABASE_URL"])
    run.manage(env, "migrate", "--noinput", "--verbosity", "0")
    run.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    described = in_child(env, "--child", "describe")
    if not described["demo"]:  # migrations leave Wagtail's welcome page as the default site
        print("Loading the demo site (the first agency) ...", flush=True)
        run.manage(env, "load_demo")
        described = in_child(env, "--child", "describe")
    hosts = {site["hostname"] for site in described["sites"]}
    if PROVINCE_HOST not in hosts:
        print("Installing the province's portal ...", flush=True)
        run.manage(env, "setup_portal", str(EXAMPLE_PROVINCE), "--site", PROVINCE_HOST)
    for number in range(2, agencies + 1):
        if agency_host(number) not in hosts:
            seconds = setup_agency(env, number, var_dir)
            print(f"Agency {number}/{agencies} ({agency_host(number)}) installed in {seconds:.1f} s", flush=True)
    described = in_child(env, "--child", "describe")
    wanted = [site for site in described["sites"] if not site["province"]][:agencies]
    for position, site in enumerate(wanted, start=1):
        missing = max(0, items - site["vi_items"])
        applications = max(0, items // 20 - site["applications"])
        if missing or applications:
            what = f"{missing:,} items, {applications:,} applications"
            print(f"[{position}/{len(wanted)}] {site['hostname']}: {what}", flush=True)
            started = time.monotonic()
            run.manage(
                env, "generate_dataset", "--site", site["hostname"], "--items", str(missing),
                "--applications", str(applications), "--seed", str(1000 * position + site["vi_items"]),
                "--years", str(YEARS), "--no-analyze",
            )  # fmt: skip
            print(f"  {time.monotonic() - started:.0f} s", flush=True)
        if site["questions"] < items // 20:
            in_child(env, "--child", "extras", site["hostname"], str(items // 20), str(position))
    # The planner statistics once, for every agency's rows (generate_dataset leaves them with --no-analyze).
    subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
    return in_child(env, "--child", "describe")


def table(rows: list[tuple], header: tuple) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_province")
    parser.add_argument(
        "--baseline-url",
        default="postgres://postgres@127.0.0.1:5432/bench_100k",
        help="One agency at 100,000 items (bench/at_scale.py's database); 'none' to skip.",
    )
    parser.add_argument("--agencies", type=int, default=30, help="Agencies, the demo's included (30).")
    parser.add_argument("--items-per-agency", type=int, default=15_000, help="Vietnamese items each (15000).")
    parser.add_argument("--requests", type=int, default=20, help="Requests of each page (20).")
    parser.add_argument("--build-only", action="store_true", help="Grow the database; measure nothing.")
    parser.add_argument("--measure-only", action="store_true", help="Measure what is there; build nothing.")
    parser.add_argument(
        "--only", default="pages,board,setup,jobs", help="Measure only these, comma-separated (pages,board,setup,jobs)."
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        kind, *rest = arguments.child
        if kind == "describe":
            child_describe()
        elif kind == "extras":
            child_extras(rest[0], int(rest[1]), int(rest[2]))
        elif kind == "pages":
            child_pages(int(rest[0]), rest[2:], rest[1] if rest[1] != "-" else None)
        elif kind == "board":
            child_board(int(rest[0]))
        elif kind == "jobs":
            child_jobs()
        return
    name = urllib.parse.urlsplit(arguments.database_url).path.strip("/")
    var_dir = (ROOT / "var" / name.replace("_", "-")).resolve()
    env = run.bench_env(var_dir, database_url=arguments.database_url, redis_url=None)
    if not arguments.measure_only:
        started = time.monotonic()
        described = build(env, var_dir, arguments.agencies, arguments.items_per_agency)
        print(f"Built in {(time.monotonic() - started) / 60:.1f} min.", flush=True)
        if arguments.build_only:
            return
    else:
        described = in_child(env, "--child", "describe")
    agencies = [site for site in described["sites"] if not site["province"]]
    total = sum(site["vi_items"] for site in described["sites"])
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\nbench_province: {len(agencies)} agencies + the province's portal, {total:,} Vietnamese items "
        f"(per agency {min(s['vi_items'] for s in agencies):,}–{max(s['vi_items'] for s in agencies):,}), "
        f"{described['database_bytes'] / 2**30:.1f} GiB; load average {load}\n"
    )
    only = set(arguments.only.split(","))
    if "pages" in only:
        measure_pages(env, arguments, agencies)
    if "board" in only:
        measure_board(env, arguments)
    if "setup" in only:
        measure_setup(env, var_dir, agencies, described)
    if "jobs" in only:
        measure_jobs(env)


def measure_pages(env: dict, arguments, agencies: list[dict]) -> None:
    demo_host = agencies[0]["hostname"]
    other_host = [site for site in agencies if site["vi_items"]][-1]["hostname"]  # the last with items
    hosts = [demo_host] if other_host == demo_host else [demo_host, other_host]
    requests = str(arguments.requests)
    pages = in_child(env, "--child", "pages", requests, PROVINCE_HOST, *hosts)
    baseline = {}
    if arguments.baseline_url != "none":
        base_name = urllib.parse.urlsplit(arguments.baseline_url).path.strip("/")
        base_env = run.bench_env(
            (ROOT / "var" / base_name.replace("_", "-")).resolve(), database_url=arguments.baseline_url, redis_url=None
        )
        try:
            run.manage(base_env, "collectstatic", "--noinput", "--verbosity", "0")  # its own var/ directory
            base_hosts = in_child(base_env, "--child", "describe")["sites"]
            baseline = in_child(base_env, "--child", "pages", requests, "-", base_hosts[0]["hostname"])
            baseline = {key.split(" ", 1)[1]: value for key, value in baseline.items()}
        except subprocess.CalledProcessError as error:
            print(f"No baseline ({arguments.baseline_url}): {error}")
        pages_again = in_child(env, "--child", "pages", requests, PROVINCE_HOST, *hosts)  # turns: after the baseline
        for key, row in pages_again.items():
            if isinstance(row, dict):
                row["p95_ms"] = statistics.median([row["p95_ms"], pages[key]["p95_ms"]])
                row["p50_ms"] = statistics.median([row["p50_ms"], pages[key]["p50_ms"]])
        pages = pages_again
    print("(a) rendered pages, one request at a time (p95 the median of two turns around the baseline's):\n")
    rows = []
    for key, row in pages.items():
        if not isinstance(row, dict):
            continue
        case = key.split(" ", 1)[1]
        base = baseline.get(case)
        ratio = f"{row['p95_ms'] / base['p95_ms']:.2f}" if base else "—"
        met = ("met" if row["p95_ms"] <= TARGET_RATIO * base["p95_ms"] else "MISSED") if base else ""
        rows.append(
            (
                key, row["requests"], f"{row['p50_ms']:.1f}", f"{row['p95_ms']:.1f}", row["queries"],
                f"{base['p95_ms']:.1f}" if base else "—", ratio, met,
            )
        )  # fmt: skip
    table(rows, ("case", "requests", "p50 ms", "p95 ms", "queries", "one agency p95 ms", "ratio", "≤ 1.20"))
    if baseline:
        print(f"\nOne agency: {arguments.baseline_url}, largest category {baseline.get('category items'):,} items.")


def measure_board(env: dict, arguments) -> None:
    board = in_child(env, "--child", "board", str(arguments.requests))["board"]
    print(
        f"\n(b) the provincial board over {board['agencies']} agencies, worked out every time: p50 "
        f"{board['p50_ms']:.0f} ms, p95 {board['p95_ms']:.0f} ms, max {board['max_ms']:.0f} ms, "
        f"{board['queries']} queries: target p95 < {TARGET_BOARD_MS:.0f} ms "
        f"({'met' if board['p95_ms'] < TARGET_BOARD_MS else 'MISSED'})"
    )


def measure_setup(env: dict, var_dir: Path, agencies: list[dict], described: dict) -> None:
    number = len(agencies) + 1
    while agency_host(number) in {site["hostname"] for site in described["sites"]}:
        number += 1
    seconds = setup_agency(env, number, var_dir)
    print(
        f"\n(c) setup_portal PACK --site {agency_host(number)} into that database: {seconds:.1f} s: target "
        f"< {TARGET_SETUP_S:.0f} s ({'met' if seconds < TARGET_SETUP_S else 'MISSED'})"
    )


def measure_jobs(env: dict) -> None:
    jobs = in_child(env, "--child", "jobs")
    print("\n(d) every job the scheduler registers, run once for all agencies:\n")
    table(
        [
            (name, row["label"], f"{row['every_seconds'] / 3600:g} h", f"{row['seconds']:.1f}", row["error"] or "")
            for name, row in jobs.items()
        ],
        ("job", "what", "every", "seconds", "error"),
    )
    night = sum(row["seconds"] for row in jobs.values())
    print(
        f"\nAll of them, one after the other: {night:.0f} s: target < {TARGET_NIGHT_S:.0f} s "
        f"({'met' if night < TARGET_NIGHT_S else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
