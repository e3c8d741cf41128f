"""Two app servers and two schedulers on one PostgreSQL database and one Redis, as `deploy/` runs
them behind nginx: each due job runs once, and a page published on one server is served fresh by
the other (both keep whole pages in the shared cache).

Real processes (`manage.py runserver`, `manage.py run_scheduler --ticks`, `manage.py shell` for the
editor) on a database of their own, copied from the run's template as the root conftest copies it:
what they commit stays out of the test's own database, whose transaction never commits.
"""

import collections
import html as html_text
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from filelock import FileLock

from portal.operations.scheduler import default_jobs

BASE_DIR = Path(settings.BASE_DIR)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs a database several processes share (PostgreSQL)"
    ),
    pytest.mark.skipif(
        not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), reason="needs a shared cache (REDIS_URL)"
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def shared_database(skeleton_database, django_db_blocker):
    """A copy of the run's skeleton template for the servers: its name."""
    name = f"{connection.settings_dict['NAME']}_scale_out"  # this worker's test database's name, and more
    lock = FileLock(Path(skeleton_database["folder"]).parent / "copy.lock")  # the root conftest's
    with django_db_blocker.unblock(), lock, connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')  # a run that was cut short left it
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{skeleton_database["name"]}"')
    try:
        yield name
    finally:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _query(database: str, sql: str) -> list[tuple]:
    options = connection.settings_dict
    with psycopg.connect(
        dbname=database,
        host=options["HOST"] or "127.0.0.1",
        port=options["PORT"] or 5432,
        user=options["USER"] or None,
        password=options["PASSWORD"] or None,
    ) as shared:
        return shared.execute(sql).fetchall()


def _environment(database: str) -> dict[str, str]:
    """The servers' environment: the shared copy of the database, and this test's cache."""
    options = connection.settings_dict
    credentials = urllib.parse.quote(options["USER"] or "")
    if options["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(options["PASSWORD"])
    url = f"postgres://{credentials}@{options['HOST'] or '127.0.0.1'}:{options['PORT'] or 5432}/{database}"
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        PORTAL_SHARED_CACHE_LOCATION=settings.CACHES["default"]["LOCATION"],
        PORTAL_SHARED_CACHE_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
        DJANGO_SETTINGS_MODULE="portal.operations.tests.scaleout_settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def _shell(env: dict[str, str], code: str) -> str:
    """What `code` prints, run by `manage.py shell` on the servers' database (an editor's process)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def _get(base_url: str, path: str, cookie: str = "") -> tuple[int, dict, str]:
    request = urllib.request.Request(base_url + path, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


@pytest.fixture
def servers(tmp_path, shared_database):
    """Two app servers on free ports: their base URLs."""
    env, started = _environment(shared_database), []
    try:
        for name in ("a", "b"):
            port = _free_port()
            log = (tmp_path / f"server-{name}.log").open("wb")
            command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
            process = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
            started.append((process, f"http://127.0.0.1:{port}", tmp_path / f"server-{name}.log"))
        deadline = time.monotonic() + 45
        for process, base_url, log in started:
            while True:
                assert process.poll() is None, f"the server exited:\n{log.read_text(errors='replace')[-3000:]}"
                try:
                    if _get(base_url, "/health/")[0] == 200:
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                assert time.monotonic() < deadline, f"no answer in 45 s:\n{log.read_text(errors='replace')[-3000:]}"
                time.sleep(0.2)
        yield [base_url for _process, base_url, _log in started]
    finally:
        for process, _base_url, _log in started:
            process.terminate()
        for process, _base_url, _log in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_two_schedulers_run_each_due_job_once(shared_database):
    command = [sys.executable, "manage.py", "run_scheduler", "--ticks", "3", "--tick-seconds", "1"]
    env = _environment(shared_database)
    schedulers = [
        subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = []
    for scheduler in schedulers:
        out, err = scheduler.communicate(timeout=60)
        assert scheduler.returncode == 0, err[-3000:]
        outputs.append(out)
    ran = collections.Counter(re.findall(r"^ran ([a-z_]+)$", "".join(outputs), flags=re.MULTILINE))
    jobs = [job.name for job in default_jobs()]
    assert ran == dict.fromkeys(jobs, 1), outputs  # every job, once, by one scheduler or the other
    runs = _query(
        shared_database, "SELECT name FROM core_jobrun WHERE last_succeeded_at IS NOT NULL AND claimed_until IS NULL"
    )
    assert sorted(name for (name,) in runs) == sorted(jobs)


EDITOR = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page
from portal.accounts.testing import login_with_second_factor
from portal.home.models import HomePage

if {pk} is None:  # the page: a section of the Vietnamese home
    home = HomePage.objects.get(locale__language_code="vi")
    page = home.get_children().live().public().filter(show_in_menus=True).first().specific
    print(json.dumps({{"pk": page.pk, "url": page.url, "title": page.title}}))
elif {title!r}:  # a new title, published through the service layer (Wagtail's revision.publish)
    page = Page.objects.get(pk={pk}).specific
    page.title = {title!r}
    page.save_revision().publish()
    print("published")
else:  # a superuser's session past the second factor, in the database every server reads
    editor = get_user_model().objects.create_superuser("scale-out", "scale-out@example.org", "not-used-1234")
    client = Client()
    login_with_second_factor(client, editor)
    print(client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


def _served(base_url: str, path: str, text: str) -> str:
    """How the server served the page (the page cache's "miss" or "hit"), which must show `text`."""
    status, headers, html = _get(base_url, path)
    assert status == 200 and html_text.escape(text) in html, f"{base_url}{path}: {status}"
    return headers["X-Page-Cache"]


def test_a_page_published_on_one_server_is_served_fresh_by_the_other(servers, shared_database):
    first, second = servers
    env = _environment(shared_database)
    page = json.loads(_shell(env, EDITOR.format(pk=None, title="")))
    path, title = page["url"], page["title"]
    for base_url in (first, second):  # each server renders it once, then serves it from the cache
        assert [_served(base_url, path, title), _served(base_url, path, title)] == ["miss", "hit"]

    # Published elsewhere (an editor's process): neither server serves the page it kept.
    new_title = f"{title} (đã cập nhật)"
    assert _shell(env, EDITOR.format(pk=page["pk"], title=new_title)) == "published"
    assert [_served(second, path, new_title), _served(second, path, new_title)] == ["miss", "hit"]
    assert _served(first, path, new_title) == "miss"

    # Taken off the site in the first server's admin: the second no longer serves it.
    session = f"{settings.SESSION_COOKIE_NAME}={_shell(env, EDITOR.format(pk=page['pk'], title=''))}"
    action = f"/admin/pages/{page['pk']}/unpublish/"
    status, headers, form = _get(first, action, session)
    assert status == 200, form[-2000:]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    request = urllib.request.Request(
        first + action,
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
        headers={"Cookie": f"{session}; csrftoken={csrf_cookie}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200  # the admin, after the redirect
    assert _query(shared_database, f"SELECT live FROM wagtailcore_page WHERE id = {int(page['pk'])}") == [(False,)]
    assert _get(second, path)[0] == 404
    assert _get(first, path)[0] == 404
