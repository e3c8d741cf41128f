"""Browser suite: the real portal served by its own process, driven by headless Chromium.

One server and one browser for the whole session; a fresh browser context (cookies, local
storage, viewport) for every test. The server always runs on an embedded SQLite copy in a
temporary directory, even when the rest of the suite runs on PostgreSQL and Redis.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM_MISSING = "Chromium is not installed (apt-get install chromium); browser tests skipped"


def tool_missing(message: str):
    """A tool of the browser tests is not on this machine: skipped on a developer's machine, but a failure
    where PORTAL_BROWSER_TOOLS_REQUIRED is set (.ci/run installs them), so a skip never hides a test in CI."""
    if os.environ.get("PORTAL_BROWSER_TOOLS_REQUIRED"):
        pytest.fail(message.replace("skipped", "required"), pytrace=False)
    pytest.skip(message)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no network here: no refused connections at start-up
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
LOCALES = {"vi": "vi-VN", "en": "en-GB"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# The browser tests wait on Chromium and the served portal about half of their time (measured: 212 s of
# CPU in 425 s), so they run as two chains of about equal length, each on a pytest-xdist worker of its own
# with its own served portal, while the other workers use the cores they leave. Modules not named here
# join the first chain; the second holds the long walks through forms and workflows.
SECOND_CHAIN = {
    "test_qa.py",
    "test_translations.py",
    "test_procedures.py",
    "test_forms_keep_what_was_typed.py",
    "test_plan_dashboard.py",
    "test_language_switch.py",
}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    # One served portal and one Chromium per chain: under `--dist loadgroup` a chain's tests all go to
    # one pytest-xdist worker, which starts them once.
    # They drive the served demo, signing in with the README's demo accounts: tests about the demo.
    for item in items:
        if item.get_closest_marker("browser"):
            chain = "browser-2" if item.path.name in SECOND_CHAIN else "browser-1"
            item.add_marker(pytest.mark.xdist_group(chain))
            item.add_marker(pytest.mark.demo)


@pytest.fixture(scope="session")
def chromium_executable():
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    tool_missing(CHROMIUM_MISSING)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(args, env, log: Path) -> None:
    with log.open("ab") as out:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    if result.returncode:
        tail = log.read_text(errors="replace")[-4000:]
        pytest.fail(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{tail}", pytrace=False)


@pytest.fixture(scope="session")
def portal_var_dir(tmp_path_factory):
    """The served portal's PORTAL_VAR_DIR: its database, media, `server.log` and `mail/` (the e-mails it sent)."""
    return tmp_path_factory.mktemp("portal-var")


@pytest.fixture(scope="session")
def portal_server(chromium_executable, portal_var_dir, demo_database):
    """Base URL of the demo portal served by `runserver` in its own process, on a copy of the run's demo
    (the root conftest's template: migrated and loaded once for the whole run)."""
    var_dir = portal_var_dir
    log = var_dir / "server.log"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    # Served with DEBUG off (see server_settings) so that errors show the portal's own pages.
    env.update(PORTAL_VAR_DIR=str(var_dir), PYTHONUNBUFFERED="1")
    env["DJANGO_SETTINGS_MODULE"] = "tests.browser.server_settings"
    if demo_database["vendor"] == "sqlite":
        template = Path(demo_database["folder"])
        shutil.copyfile(template / "portal.sqlite3", var_dir / "portal.sqlite3")  # nobody writes the template
        for folder in ("media", "private"):
            shutil.copytree(template / folder, var_dir / folder, dirs_exist_ok=True)
    else:  # the rest of the suite runs on PostgreSQL: the served SQLite copy is made as `make run` makes it
        _manage(["migrate", "--noinput"], env, log)
        _manage(["load_demo"], env, log)

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env["PORT"] = str(port)  # the e-mails' links and the payment sandbox's IPN address (WAGTAILADMIN_BASE_URL)
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"]
    with log.open("ab") as out:
        server = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"runserver exited ({server.returncode}):\n{log.read_text(errors='replace')[-4000:]}")
            try:
                with urllib.request.urlopen(base_url + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"runserver did not answer within 60 s:\n{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.1)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class _Chromium:
    """One Playwright and Chromium for a chain's run of browser tests, closed when the worker goes on to a
    test that is not one (pytest_runtest_teardown below): launching them cost about a second of CPU and
    more of waiting for each of the fifteen modules.

    Playwright's sync API keeps an asyncio loop running in this thread while it is started, and Django
    refuses ORM calls under a running loop: a database test that the xdist worker runs next must never
    find the loop (or the switch below) left behind, hence closed before it, never at the session's end."""

    def __init__(self):
        self.playwright = self.browser = None
        self.previous_switch = None

    def get(self, executable: str):
        if self.browser is None:
            try:
                from playwright import sync_api
            except ImportError:
                tool_missing("playwright is not installed; browser tests skipped")
            self.previous_switch = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self.playwright = sync_api.sync_playwright().start()
            try:
                self.browser = self.playwright.chromium.launch(
                    executable_path=executable, args=CHROMIUM_ARGS, headless=True
                )
            except BaseException:
                self.close()
                raise
        return self.browser

    def close(self):
        try:
            if self.browser is not None:
                self.browser.close()
        finally:
            self.browser = None
            if self.playwright is not None:
                self.playwright.stop()
                self.playwright = None
                if self.previous_switch is None:
                    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
                else:
                    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self.previous_switch


_chromium = _Chromium()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After the test's own fixtures (its browser contexts) are torn down: the chain's browser closes
    # when the next test is no browser test, or there is none.
    try:
        return (yield)
    finally:
        if nextitem is None or nextitem.get_closest_marker("browser") is None:
            _chromium.close()


@pytest.fixture(scope="module")  # as wide as `site`, which uses it; the browser itself lives as _Chromium says
def browser(chromium_executable):
    return _chromium.get(chromium_executable)


@pytest.fixture
def open_page(browser, portal_server):
    """open_page(viewport=DESKTOP, language="vi") -> a page in a new browser context, closed after the test."""
    contexts = []

    def open_page(viewport=DESKTOP, language="vi", **options):
        context = browser.new_context(base_url=portal_server, viewport=viewport, locale=LOCALES[language], **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source():
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    return path, path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def audit(axe_source):
    """audit(page) -> None: axe-core with the WCAG 2.0/2.1 A and AA rules; fails listing every violation."""
    from playwright.sync_api import Error as PlaywrightError

    path, source = axe_source
    csp_blocks_script_tags = False

    def audit(page, label=""):
        nonlocal csp_blocks_script_tags
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            if not csp_blocks_script_tags:
                try:
                    page.add_script_tag(path=str(path))
                except PlaywrightError:
                    # The site's CSP allows same-origin scripts only, which blocks an injected inline
                    # <script>; evaluating the source through the DevTools protocol is not subject to it.
                    csp_blocks_script_tags = True
            if csp_blocks_script_tags:
                page.evaluate(source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        violations = result["violations"]
        if violations:
            lines = [f"{len(violations)} accessibility violation(s) on {label or page.url}:"]
            for violation in violations:
                rule = f"{violation['id']} ({violation['impact']})"
                lines.append(f"- {rule}: {violation['help']} <{violation['helpUrl']}>")
                for node in violation["nodes"]:
                    summary = " ".join(node.get("failureSummary", "").split())
                    lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
            pytest.fail("\n".join(lines), pytrace=False)

    return audit


@pytest.fixture(scope="module")  # as wide as `browser`, which it uses (a session scope is refused)
def site(browser, portal_server):
    """The URLs a citizen reaches from each language's home page, found through the pages themselves.

    {"vi": {"home", "category", "article", "search", "not_found"}, "en": {...}}
    """
    context = browser.new_context(base_url=portal_server, viewport=DESKTOP)
    page = context.new_page()
    try:
        urls = {"vi": {"home": "/", "category": "/tin-tuc-su-kien/"}, "en": {"home": "/en/"}}

        page.goto(urls["vi"]["category"])
        alternate = page.locator('head link[rel="alternate"][hreflang="en"]')
        assert alternate.count() == 1, "the news category has no English alternate"
        english_category = urlsplit(alternate.get_attribute("href")).path

        page.goto(urls["en"]["home"])
        menu = page.locator("nav.main-nav .main-nav__wide a").evaluate_all("links => links.map(a => a.pathname)")
        assert english_category in menu, f"{english_category} is not in the English menu {menu}"
        urls["en"]["category"] = english_category

        for language, pages in urls.items():
            page.goto(pages["category"])
            pages["article"] = urlsplit(page.locator("main article a[href]").first.get_attribute("href")).path
            pages["search"] = page.locator("header form[role=search]").get_attribute("action") + "?q=hue"
            pages["not_found"] = ("/en" if language == "en" else "") + "/khong-co-trang-nay/"
        return urls
    finally:
        context.close()


@pytest.fixture
def second_factor_code(portal_server, portal_var_dir):
    """second_factor_code(secret) -> the current code of an authenticator holding `secret` (the README's,
    which every demo approver's device holds), as a person reads it from the app.

    A device accepts a code once, so a test that signs in as someone an earlier test signed in as in
    the same 30 s would be refused: each test starts, as a new device would, with no code used yet
    (the served database forgets the last one used) instead of waiting for the next code.
    """
    import base64
    import sqlite3

    from django_otp.oath import totp

    def code(secret: str) -> str:
        key = base64.b32decode(secret)
        database = sqlite3.connect(portal_var_dir / "portal.sqlite3", timeout=20)
        try:
            with database:
                reset = database.execute(
                    "UPDATE otp_totp_totpdevice SET last_t = -1, drift = 0, throttling_failure_count = 0,"
                    " throttling_failure_timestamp = NULL WHERE key = ?",
                    (key.hex(),),
                )
            assert reset.rowcount, "no device of the served demo holds this secret"
        finally:
            database.close()
        return f"{totp(key):06d}"

    return code


def pass_second_factor(page, code: str) -> None:
    """Enter an authenticator code (second_factor_code) on the second-factor page and reach the admin."""
    page.wait_for_function("() => document.querySelector('[data-sprite]')?.childElementCount > 0")
    form = page.locator("body > .wrapper form").filter(has=page.locator("input[name=code]"))
    form.locator("input[name=code]").fill(code)
    form.get_by_role("button", name="Xác thực").click()
    page.wait_for_url("**/admin/")
