#!/usr/bin/env python3
"""Scan a running portal's security headers and print a pass/fail table. Standard library only.

    python3 deploy/scan_headers.py https://songoaivu.thuathienhue.gov.vn
    # an app server directly, as nginx would call it (HTTPS ended by nginx, the site's own host name):
    python3 deploy/scan_headers.py http://127.0.0.1:8001 --forwarded-https --host songoaivu.thuathienhue.gov.vn

It requests the public home, the newest item (from the RSS feed), the Q&A form, the admin's sign-in
page and a static file (the home page's first stylesheet), checks each response for the headers
below and exits 1 if any check fails. Redirects are not followed: every answer must carry them.

- public pages: Content-Security-Policy whose scripts exclude 'unsafe-inline'; the admin is left out
  of the CSP on purpose (Wagtail's own inline scripts) and is protected by signing in instead;
- pages and the admin: Strict-Transport-Security over HTTPS, X-Frame-Options or CSP frame-ancestors,
  Referrer-Policy, Permissions-Policy (camera, microphone, geolocation refused), nosniff, and every
  cookie Secure (over HTTPS), HttpOnly and SameSite Lax or Strict;
- static files (served by nginx): nosniff and, over HTTPS, Strict-Transport-Security.

The checks are `check_response()`, which the test suite runs on the portal's own responses.
"""

from __future__ import annotations

import argparse
import re
import ssl
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

PAGE, ADMIN, STATIC = "page", "admin", "static"
HSTS_MIN_SECONDS = 15_768_000  # six months: less gives a returning visitor little protection
SAFE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "origin",
    "origin-when-cross-origin",
}
REFUSED_FEATURES = ("camera", "microphone", "geolocation")
PASS, FAIL, SKIP = "pass", "FAIL", "skip"


@dataclass(frozen=True)
class Check:
    name: str
    result: str  # PASS, FAIL or SKIP
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.result == FAIL


def _check(name: str, ok: bool, detail: str = "") -> Check:
    return Check(name, PASS if ok else FAIL, detail)


def csp_directives(policy: str) -> dict[str, list[str]]:
    """`default-src 'self'; img-src 'self' data:` -> {"default-src": ["'self'"], "img-src": [...]}."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def parse_set_cookie(header: str) -> tuple[str, dict[str, str]]:
    """One Set-Cookie header -> (name, {attribute in lower case: value})."""
    first, *attributes = header.split(";")
    name = first.split("=", 1)[0].strip()
    parsed = {}
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        if key:
            parsed[key.lower()] = value.strip()
    return name, parsed


def check_response(kind: str, headers: Mapping[str, str], set_cookies: Iterable[str], https: bool) -> list[Check]:
    """The checks for one response: `kind` is PAGE, ADMIN or STATIC; `https`: was it served over HTTPS."""
    found = {name.lower(): value for name, value in headers.items()}
    checks = []

    policy = csp_directives(found.get("content-security-policy", ""))
    if kind == PAGE:
        checks.append(_check("Content-Security-Policy", bool(policy), "" if policy else "missing"))
        scripts = policy.get("script-src", policy.get("default-src"))
        if scripts is None:
            checks.append(_check("CSP scripts", False, "neither script-src nor default-src"))
        else:
            unsafe = [source for source in scripts if source.lower() in ("'unsafe-inline'", "*")]
            checks.append(_check("CSP scripts", not unsafe, " ".join(scripts)))

    hsts = found.get("strict-transport-security", "")
    if not https:
        checks.append(Check("Strict-Transport-Security", SKIP, "plain HTTP"))
    else:
        age = re.search(r"max-age=(\d+)", hsts)
        seconds = int(age.group(1)) if age else 0
        checks.append(_check("Strict-Transport-Security", seconds >= HSTS_MIN_SECONDS, hsts or "missing"))

    nosniff = found.get("x-content-type-options", "")
    checks.append(_check("X-Content-Type-Options", nosniff.strip().lower() == "nosniff", nosniff or "missing"))
    if kind == STATIC:
        return checks

    frame_options = found.get("x-frame-options", "").strip().upper()
    ancestors = policy.get("frame-ancestors")
    framed_ok = frame_options in ("DENY", "SAMEORIGIN") or (bool(ancestors) and "*" not in ancestors)
    detail = " / ".join(
        filter(
            None,
            [
                frame_options and f"X-Frame-Options {frame_options}",
                ancestors and "frame-ancestors " + " ".join(ancestors),
            ],
        )
    )
    checks.append(_check("Frames", framed_ok, detail or "neither X-Frame-Options nor frame-ancestors"))

    referrer = [value.strip().lower() for value in found.get("referrer-policy", "").split(",") if value.strip()]
    checks.append(
        _check(
            "Referrer-Policy",
            bool(referrer) and referrer[-1] in SAFE_REFERRER_POLICIES,
            ", ".join(referrer) or "missing",
        )
    )

    permissions = found.get("permissions-policy", "")
    allowed = dict(re.findall(r"([\w-]+)=\(([^)]*)\)", permissions))
    open_features = [f for f in REFUSED_FEATURES if allowed.get(f, "*").strip() not in ("", "self")]
    checks.append(
        _check(
            "Permissions-Policy",
            bool(permissions) and not open_features,
            permissions and (open_features and "not refused: " + ", ".join(open_features) or permissions) or "missing",
        )
    )

    for header in set_cookies:
        name, attributes = parse_set_cookie(header)
        problems = []
        if https and "secure" not in attributes:
            problems.append("not Secure")
        if "httponly" not in attributes:
            problems.append("not HttpOnly")
        if attributes.get("samesite", "").lower() not in ("lax", "strict"):
            problems.append("SameSite " + (attributes.get("samesite") or "missing"))
        flags = [flag for flag in ("Secure", "HttpOnly") if flag.lower() in attributes]
        if attributes.get("samesite"):
            flags.append("SameSite=" + attributes["samesite"])
        checks.append(_check(f"Cookie {name}", not problems, ", ".join(problems) or " ".join(flags)))
    return checks


def targets(home_html: bytes, feed_xml: bytes) -> list[tuple[str, str]]:
    """(kind, path) of the responses to scan; the item and the stylesheet are found on the site itself."""
    found = [(PAGE, "/")]
    try:
        link = ET.fromstring(feed_xml).findtext("./channel/item/link")
    except ET.ParseError:
        link = None
    if link:
        found.append((PAGE, urlsplit(link).path))
    found += [(PAGE, "/hoi-dap/gui-cau-hoi/"), (ADMIN, "/admin/login/")]
    stylesheet = re.search(rb'<link[^>]+href="(/static/[^"]+\.css)"', home_html)
    if stylesheet:
        found.append((STATIC, stylesheet.group(1).decode()))
    return found


# --- scanning a running site ---


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # answered as it is: a redirect must carry the headers too


@dataclass
class Fetched:
    status: int
    headers: Mapping[str, str]
    set_cookies: list[str]
    body: bytes


class Scanner:
    def __init__(
        self, base_url: str, forwarded_https: bool = False, host: str = "", insecure: bool = False, timeout: float = 20
    ):
        self.base_url = base_url.rstrip("/") + "/"
        self.https = forwarded_https or urlsplit(base_url).scheme == "https"
        self.extra_headers = {"User-Agent": "portal-scan-headers/1"}
        if forwarded_https:
            self.extra_headers["X-Forwarded-Proto"] = "https"
        if host:
            self.extra_headers["Host"] = host
        context = ssl.create_default_context()
        if insecure:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=context))
        self.timeout = timeout

    def fetch(self, path: str) -> Fetched:
        request = urllib.request.Request(urljoin(self.base_url, path.lstrip("/")), headers=self.extra_headers)
        try:
            response = self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:  # a 3xx, 4xx or 5xx still has headers to check
            response = error
        with response:
            body = response.read()
            return Fetched(response.status, response.headers, response.headers.get_all("Set-Cookie") or [], body)

    def scan(self, paths: list[tuple[str, str]] | None = None) -> list[tuple[str, Check]]:
        rows: list[tuple[str, Check]] = []
        home = self.fetch("/")
        if not paths:
            paths = targets(home.body, self.fetch("/rss/").body)
        for kind, path in paths:
            try:
                fetched = home if path == "/" else self.fetch(path)
            except OSError as error:
                rows.append((path, Check("Request", FAIL, str(error))))
                continue
            rows.append((path, _check("Status", 200 <= fetched.status < 300, str(fetched.status))))
            rows += [(path, check) for check in check_response(kind, fetched.headers, fetched.set_cookies, self.https)]
        return rows


def table(rows: list[tuple[str, Check]]) -> str:
    width_path = max([len(path) for path, _ in rows] + [4])
    width_name = max([len(check.name) for _, check in rows] + [5])
    lines = [f"{'path':<{width_path}}  {'check':<{width_name}}  result  detail"]
    for path, check in rows:
        lines.append(f"{path:<{width_path}}  {check.name:<{width_name}}  {check.result:<6}  {check.detail}")
    failed = sum(check.failed for _, check in rows)
    lines.append(f"{len(rows) - failed} checks without fault, {failed} failing")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="the site's address, e.g. https://songoaivu.thuathienhue.gov.vn")
    parser.add_argument(
        "--forwarded-https", action="store_true", help="send X-Forwarded-Proto: https (an app server behind nginx)"
    )
    parser.add_argument(
        "--host", default="", help="the Host header to send (the site's name when scanning an app server's address)"
    )
    parser.add_argument("--insecure", action="store_true", help="do not verify the TLS certificate (a staging site)")
    parser.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="KIND:PATH",
        help=f"scan these instead ({PAGE}, {ADMIN} or {STATIC}), e.g. page:/en/",
    )
    args = parser.parse_args(argv)
    paths = []
    for item in args.path:
        kind, _, path = item.partition(":")
        if kind not in (PAGE, ADMIN, STATIC) or not path.startswith("/"):
            parser.error(f"--path {item!r}: expected {PAGE}:/..., {ADMIN}:/... or {STATIC}:/...")
        paths.append((kind, path))
    scanner = Scanner(args.base_url, forwarded_https=args.forwarded_https, host=args.host, insecure=args.insecure)
    try:
        rows = scanner.scan(paths or None)
    except OSError as error:
        print(f"{args.base_url}: cannot connect ({error})", file=sys.stderr)
        return 2
    print(table(rows))
    return 1 if any(check.failed for _, check in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
