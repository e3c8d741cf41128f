"""A web worker does not hold the libraries only a few admin actions and the scheduler use.

WeasyPrint (PDFs), openpyxl (spreadsheet exports), mammoth (Word import) and feedparser (collected
feeds) are imported in the functions that use them: held by every worker from start, they cost
tens of MiB each (issue 21). Two checks: a fresh interpreter starting the WSGI application, as a
worker does, imports none of them; and the public pages, requested in this process, import none.
"""

import importlib.abc
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from portal.testing.factories import ArticleFactory, SectionFactory, vietnamese_home

HEAVY = ("weasyprint", "openpyxl", "mammoth", "feedparser")

WORKER_START = f"""
import json, sys
from portal.wsgi import application  # what granian loads in each worker
print(json.dumps(sorted(name for name in {HEAVY!r} if name in sys.modules)))
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
