"""The portal's security headers under production settings, checked by deploy/scan_headers.py's own checks.

The settings come from `portal.settings.production` itself (read in a child process, as a deployed
portal would read them); the requests arrive as nginx passes them on, with X-Forwarded-Proto: https.
"""

import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from portal.testing.factories import PASSWORD, ArticleFactory, StaffFactory
from portal.units import roles

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
SCAN_SCRIPT = ROOT / "deploy" / "scan_headers.py"
_spec = importlib.util.spec_from_file_location("scan_headers", SCAN_SCRIPT)
scan = sys.modules.setdefault("scan_headers", importlib.util.module_from_spec(_spec))  # dataclasses look it up
_spec.loader.exec_module(scan)

HTTPS = {"X-Forwarded-Proto": "https"}
SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
]
# Every check a public page and the admin must pass; cookies are added where a response sets one.
PAGE_CHECKS = {
    "Content-Security-Policy",
    "CSP scripts",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Frames",
    "Referrer-Policy",
    "Permissions-Policy",
}
ADMIN_CHECKS = PAGE_CHECKS - {"Content-Security-Policy", "CSP scripts"}


@pytest.fixture(scope="module")
def production_security() -> dict:
    """The security settings exactly as portal.settings.production computes them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
    )
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="scan-only-not-secret",
        ALLOWED_HOSTS="testserver",
        PORTAL_VAR_DIR=str(ROOT / "var"),
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(production_security):
    with override_settings(**production_security):
        yield


def article_path() -> str:
    """A news item just published: the newest, the first of the feed."""
    return ArticleFactory().url


def cookies_of(response) -> list[str]:
    return [morsel.OutputString() for morsel in response.cookies.values()]


def failures(checks) -> list:
    return [check for check in checks if check.failed]


def passed(checks) -> set[str]:
    return {check.name for check in checks if check.result == scan.PASS}


@pytest.mark.parametrize(
    "kind, path",
    [
        (scan.PAGE, "/"),
        (scan.PAGE, "/en/"),
        (scan.PAGE, "article"),
        (scan.PAGE, "/hoi-dap/gui-cau-hoi/"),
        (scan.ADMIN, "/admin/login/"),
    ],
)
def test_public_pages_and_the_admin_sign_in_carry_every_security_header(client, production, kind, path):
    path = article_path() if path == "article" else path
    response = client.get(path, headers=HTTPS)
    assert response.status_code == 200
    checks = scan.check_response(kind, response.headers, cookies_of(response), https=True)
    assert failures(checks) == []
    assert passed(checks) >= (PAGE_CHECKS if kind == scan.PAGE else ADMIN_CHECKS)


def test_the_public_csp_allows_no_inline_script_and_no_framing_by_other_sites(client, production):
    policy = scan.csp_directives(client.get("/", headers=HTTPS)["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_a_page_from_the_page_cache_carries_the_headers_too(client, production):
    client.get("/", headers=HTTPS)
    response = client.get("/", headers=HTTPS)
    assert response["X-Page-Cache"] == "hit"
    assert failures(scan.check_response(scan.PAGE, response.headers, [], https=True)) == []
    assert "Content-Security-Policy" in response and "Strict-Transport-Security" in response


def test_the_permissions_policy_refuses_camera_microphone_geolocation_and_payment(client, production):
    header = client.get("/", headers=HTTPS)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in header


def test_forms_set_a_csrf_cookie_that_is_secure_httponly_and_same_site(client, production):
    for path in ("/hoi-dap/gui-cau-hoi/", "/admin/login/"):
        response = client.get(path, headers=HTTPS)
        checks = {
            check.name: check
            for check in scan.check_response(scan.PAGE, response.headers, cookies_of(response), https=True)
        }
        assert checks["Cookie csrftoken"].result == scan.PASS, path
        assert checks["Cookie csrftoken"].detail == "Secure HttpOnly SameSite=Lax"


@pytest.fixture
def contributor():
    return StaffFactory(role=roles.CONTRIBUTOR)


def test_signing_in_sets_a_session_cookie_that_is_secure_httponly_and_same_site(client, production, contributor):
    response = client.post("/admin/login/", {"username": contributor.username, "password": PASSWORD}, headers=HTTPS)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    checks = {
        check.name: check
        for check in scan.check_response(scan.ADMIN, response.headers, cookies_of(response), https=True)
    }
    assert checks["Cookie sessionid"].result == scan.PASS
    assert checks["Cookie sessionid"].detail == "Secure HttpOnly SameSite=Lax"
    assert failures(checks.values()) == []


def test_the_admin_javascript_posts_with_the_token_of_the_page_not_of_the_cookie(production, contributor):
    # As a browser does: the cookie goes back untouched (HttpOnly hides it from scripts only), and
    # Wagtail's JavaScript sends the token from wagtailConfig in the X-CSRFToken header.
    browser = Client(enforce_csrf_checks=True, headers={**HTTPS, "Host": "testserver", "Origin": "https://testserver"})
    sign_in = browser.get("/admin/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', sign_in).group(1)
    response = browser.post(
        "/admin/login/", {"username": contributor.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    admin_home = browser.get("/admin/").content.decode()
    config = json.loads(re.search(r'<script id="wagtail-config" type="application/json">(.*?)</script>', admin_home)[1])
    dismiss = {"whats-new-in-wagtail": True}
    refused = browser.patch(reverse("wagtailadmin_dismissibles"), json.dumps(dismiss), content_type="application/json")
    assert refused.status_code == 403
    accepted = browser.patch(
        config["ADMIN_URLS"]["DISMISSIBLES"],
        json.dumps(dismiss),
        content_type="application/json",
        headers={config["CSRF_HEADER_NAME"]: config["CSRF_TOKEN"]},
    )
    assert accepted.status_code == 200
    assert UserProfile.objects.get(user=contributor).dismissibles["whats-new-in-wagtail"] is True


def test_plain_http_is_sent_to_https(client, production):
    response = client.get("/hoi-dap/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/hoi-dap/"


def nginx_location_headers(location: str) -> dict[str, str]:
    """The add_header lines of one `location` block of deploy/nginx.conf."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    block = re.search(rf"location {re.escape(location)} \{{(.*?)\n    \}}", conf, re.S).group(1)
    return {name: value.strip('"') for name, value in re.findall(r'add_header ([\w-]+) ("[^"]*"|\S+)', block)}


@pytest.mark.parametrize("location", ["/static/", "/media/"])
def test_files_nginx_serves_carry_hsts_and_nosniff(location):
    checks = scan.check_response(scan.STATIC, nginx_location_headers(location), [], https=True)
    assert failures(checks) == []
    assert passed(checks) == {"Strict-Transport-Security", "X-Content-Type-Options"}


# --- the checks themselves refuse what they should ---


def test_the_checks_refuse_inline_scripts_missing_headers_and_loose_cookies():
    headers = {
        "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
        "Strict-Transport-Security": "max-age=300",
        "Referrer-Policy": "unsafe-url",
        "Permissions-Policy": "camera=(), microphone=*",
    }
    cookies = ["sessionid=abc; Path=/", "csrftoken=x; Secure; HttpOnly; SameSite=None"]
    checks = {check.name: check for check in scan.check_response(scan.PAGE, headers, cookies, https=True)}
    failed = {name for name, check in checks.items() if check.failed}
    assert failed == {
        "CSP scripts",
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Frames",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cookie sessionid",
        "Cookie csrftoken",
    }
    assert checks["Cookie sessionid"].detail == "not Secure, not HttpOnly, SameSite missing"
    assert checks["Permissions-Policy"].detail == "not refused: microphone, geolocation"
    # frame-ancestors alone protects from framing, as X-Frame-Options does; plain HTTP has no HSTS to check.
    framed = scan.check_response(scan.ADMIN, {"Content-Security-Policy": "frame-ancestors 'self'"}, [], https=False)
    assert {c.name: c.result for c in framed}["Frames"] == scan.PASS
    assert {c.name: c.result for c in framed}["Strict-Transport-Security"] == scan.SKIP


# --- the script, pointed at a server that answers with the portal's own responses ---


class _Replay(BaseHTTPRequestHandler):
    responses: dict = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        status, headers, cookies, body = self.responses.get(self.path, (404, {}, [], b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        for cookie in cookies:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _recorded(response) -> tuple:
    headers = {name: value for name, value in response.headers.items() if name.lower() != "content-length"}
    return response.status_code, headers, cookies_of(response), response.content


def _run_script(responses: dict) -> subprocess.CompletedProcess:
    handler = type("Replay", (_Replay,), {"responses": responses})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        return subprocess.run(
            [sys.executable, str(SCAN_SCRIPT), url, "--forwarded-https"], capture_output=True, text=True, timeout=60
        )
    finally:
        server.shutdown()
        server.server_close()


def _portal_responses(client) -> dict:
    article = article_path()
    responses = {}
    for path in ("/", "/rss/"):
        responses[path] = _recorded(client.get(path, headers=HTTPS))
    targets = scan.targets(responses["/"][3], responses["/rss/"][3])
    assert [kind for kind, _ in targets] == [scan.PAGE, scan.PAGE, scan.PAGE, scan.ADMIN, scan.STATIC]
    assert targets[1][1] == article
    for kind, path in targets:
        if kind == scan.STATIC:  # nginx's answer for a file
            responses[path] = (200, {"Content-Type": "text/css", **nginx_location_headers("/static/")}, [], b"a{}")
        elif path not in responses:
            responses[path] = _recorded(client.get(path, headers=HTTPS))
    return responses


def test_the_script_passes_the_portal_and_prints_its_table(client, production):
    result = _run_script(_portal_responses(client))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["path", "check", "result", "detail"]
    assert any(line.startswith("/admin/login/") and "Cookie csrftoken" in line and " pass " in line for line in lines)
    assert any(line.startswith("/static/") and "X-Content-Type-Options" in line for line in lines)
    assert " FAIL " not in result.stdout
    assert lines[-1].endswith(", 0 failing")


def test_the_script_fails_on_a_missing_header_and_names_it(client, production):
    responses = _portal_responses(client)
    status, headers, cookies, body = responses["/hoi-dap/gui-cau-hoi/"]
    responses["/hoi-dap/gui-cau-hoi/"] = (
        status,
        {k: v for k, v in headers.items() if k != "Permissions-Policy"},
        cookies,
        body,
    )
    result = _run_script(responses)
    assert result.returncode == 1
    failing = [line for line in result.stdout.splitlines() if " FAIL " in line]
    assert len(failing) == 1
    assert (
        failing[0].startswith("/hoi-dap/gui-cau-hoi/")
        and "Permissions-Policy" in failing[0]
        and "missing" in failing[0]
    )
    assert result.stdout.splitlines()[-1].endswith(", 1 failing")


def test_the_script_says_so_when_nothing_answers():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Replay)
    port = server.server_address[1]
    server.server_close()  # a port nothing listens on
    result = subprocess.run(
        [sys.executable, str(SCAN_SCRIPT), f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "cannot connect" in result.stderr
