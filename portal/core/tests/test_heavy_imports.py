"""A web worker does not hold the libraries only a few admin actions and the scheduler use.

WeasyPrint (PDFs), openpyxl (spreadsheet exports), mammoth (Word import) and feedparser (collected
feeds) are imported in the functions that use them: held by every worker from start, they cost
tens of MiB each (issue 21). The checks: a fresh interpreter starting the WSGI application, as a
worker does, imports none of them, nor Wagtail's v3 API (which the portal does not serve:
portal.core.wagtail_apps); the public pages, requested in this process, import none; and a fresh
interpreter under the production settings, serving the home, a category, an article and a search
from a copy of the demo, has imported none of them afterwards, nor the admin's routes, its admin API
and the open data API's routes (DEFERRED: built at the first request under their prefixes).
"""

import importlib.abc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from portal.testing.factories import ArticleFactory, SectionFactory, vietnamese_home

HEAVY = ("weasyprint", "openpyxl", "mammoth", "feedparser")

WORKER_START = f"""
import json, sys
from portal.wsgi import application  # what granian loads in each worker
print(json.dumps(sorted(name for name in {HEAVY!r} if name in sys.modules)))
"""

# Wagtail's v3 API (django-ninja's routers, pydantic schemas of each model): the portal serves none
# of it, and a worker does not build it (django-ninja comes with the open data API's URLs, later).
UNSERVED_API = (
    "wagtail.api.v3.api",
    "wagtail.contrib.redirects.api.v3",
    "wagtail.snippets.api.v3.router",
    "wagtail.images.api.v3.router",
    "wagtail.documents.api.v3.router",
    "wagtail.locales.api.v3",
    "ninja",
)

# What a visitor's request never needs (portal.core.urlconfs, portal.core.wagtail_apps): the whole URL
# configuration with Wagtail's admin routes, its admin API and the REST framework under it, and the open
# data API's routes (django-ninja, pydantic), built at the first request under their own prefixes.
DEFERRED = ("portal.urls", "wagtail.admin.urls", "wagtail.admin.api", "rest_framework", "portal.opendata.api", "ninja")

WORKER_START_API = f"""
import json, sys
from portal.wsgi import application
print(json.dumps(sorted(name for name in {UNSERVED_API + DEFERRED!r} if name in sys.modules)))
"""

# A worker under the production settings (portal.settings.bench: production's, on plain HTTP), as
# granian runs it, asked for the public pages through Django's test client. Its changes (the visit
# counters) are rolled back; the static files' manifest is collectstatic's, not made here, so the
# plain storage names the same files.
PAGES_IN_A_FRESH_WORKER = f"""
import json, sys
from portal.settings import bench

bench.STORAGES["staticfiles"] = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from portal.wsgi import application  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import reverse, set_urlconf  # noqa: E402
from django.utils import translation  # noqa: E402
from portal.home.models import HomePage  # noqa: E402
from portal.news.models import SectionPage  # noqa: E402

at_start = sorted(name for name in {HEAVY!r} if name in sys.modules)
news = SectionPage.objects.get(slug="tin-tuc-su-kien", locale__language_code="vi")
set_urlconf(settings.PUBLIC_URLCONFS[settings.ROOT_URLCONF])  # as in a visitor's request
with translation.override("vi"):
    search = reverse("search")
urls = [
    HomePage.objects.get(locale__language_code="vi").url,
    news.url,
    news.items().first().url,
    search + "?q=hop+tac",
]
set_urlconf(None)
client = Client(HTTP_HOST="127.0.0.1")
client.cookies["sessionid"] = "bypass-page-cache"  # rendered, not from the page cache
statuses = {{}}
with transaction.atomic():
    for url in urls:
        statuses[url] = client.get(url).status_code
    transaction.set_rollback(True)
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {HEAVY!r})
deferred = sorted(name for name in {DEFERRED!r} if name in sys.modules)
print(json.dumps({{"at_start": at_start, "statuses": statuses, "heavy": heavy, "deferred": deferred}}))
"""


def test_a_worker_starts_without_the_heavy_libraries():
    result = subprocess.run(
        [sys.executable, "-c", WORKER_START],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        timeout=120,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_a_worker_starts_without_wagtails_unserved_api_and_the_routes_visitors_never_need():
    result = subprocess.run(
        [sys.executable, "-c", WORKER_START_API],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        timeout=120,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def _production_worker_env(demo_database: dict, var_dir: Path) -> dict:
    """The environment of a worker under the production settings on a copy of the run's demo."""
    template = Path(demo_database["folder"])
    for folder in ("media", "private"):
        shutil.copytree(template / folder, var_dir / folder, dirs_exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env |= {"DJANGO_SETTINGS_MODULE": "portal.settings.bench", "PORTAL_VAR_DIR": str(var_dir), "LOG_LEVEL": "ERROR"}
    if demo_database["vendor"] == "sqlite":
        shutil.copyfile(template / "portal.sqlite3", var_dir / "portal.sqlite3")  # nobody writes the template
    else:  # this worker's test database, a copy of the template: the requests' changes are rolled back
        from django.db import connection

        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        address = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{db['USER']}{password}@{address}/{db['NAME']}"
    return env


@pytest.mark.demo  # serves the demo's pages, as a deployed worker would
def test_public_pages_in_a_fresh_production_worker_import_none_of_the_heavy_libraries(demo_database, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PAGES_IN_A_FRESH_WORKER],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=_production_worker_env(demo_database, tmp_path),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["at_start"] == []
    assert len(outcome["statuses"]) == 4
    assert set(outcome["statuses"].values()) == {200}, outcome["statuses"]
    assert outcome["heavy"] == []
    assert outcome["deferred"] == []


class _Refuse(importlib.abc.MetaPathFinder):
    """Records (and refuses) any import of the heavy libraries while installed."""

    def __init__(self):
        self.asked: list[str] = []

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in HEAVY:
            self.asked.append(fullname)
            raise ImportError(f"{fullname} imported by a public page")
        return None


@pytest.mark.django_db
def test_public_pages_import_none_of_the_heavy_libraries(client, monkeypatch):
    news = SectionFactory()
    item = ArticleFactory(parent=news, title="Hợp tác quốc tế với các tỉnh của Lào")  # found by the search below
    urls = [vietnamese_home().url, news.url, item.url, "/tim-kiem/?q=hop+tac"]
    # As in a fresh worker: not imported yet (another test of this process may have imported them).
    for name in list(sys.modules):
        if name.split(".")[0] in HEAVY:
            monkeypatch.delitem(sys.modules, name)
    refuse = _Refuse()
    monkeypatch.setattr(sys, "meta_path", [refuse, *sys.meta_path])
    client.cookies["sessionid"] = "bypass-page-cache"  # rendered, not from the page cache
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert refuse.asked == []
