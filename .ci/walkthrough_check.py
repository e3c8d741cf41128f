"""Check a portal just installed by the production walkthrough (.ci/walkthrough), as its first users would.

A visitor: the home pages in both languages answer and show the pack's names (and none of another
agency's). The first administrator: the one-time link `setup_portal --admin-email` printed opens the
page to choose a password, the password is set, and the admin signs in with it (then asks for the
second factor, as for every administrator). Standard library only; exits 1 on the first failure.
"""

import argparse
import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "Walkthrough@Portal-2026"


class _CookiesOverProxy(http.cookiejar.DefaultCookiePolicy):
    # The app server sees HTTPS through X-Forwarded-Proto, as behind nginx: send its Secure cookies back.
    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    def __init__(self, port: int, host: str):
        self.base, self.host = f"http://127.0.0.1:{port}", host
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(policy=_CookiesOverProxy()))
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Host", self.host)
        request.add_header("X-Forwarded-Proto", "https")
        request.add_header("Accept-Language", "vi")
        if data is not None:
            request.add_header("Referer", f"https://{self.host}{path}")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.geturl().replace(self.base, ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, path, error.read().decode(errors="replace")


def fail(message: str) -> None:
    print(f"walkthrough check FAILED: {message}")
    sys.exit(1)


def csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        fail("no CSRF token on the form")
    return found.group(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--link", required=True, help="the one-time sign-in link setup_portal printed")
    parser.add_argument("--expect", required=True, help="names the site must show, separated by |")
    parser.add_argument("--absent", required=True, help="names it must not show, separated by |")
    parser.add_argument("--username", default="quantri", help="the administrator's user name (the e-mail's first part)")
    args = parser.parse_args()
    browser = Browser(args.port, args.host)
    for _attempt in range(360):  # up to 3 minutes: a loaded machine imports Django and Wagtail slowly
        try:
            status, _url, _html = browser.request("/health/")
            if status in (200, 503):
                break
        except OSError:
            pass
        time.sleep(0.5)
    else:
        fail("the app server did not answer within 3 minutes")

    pages = ""
    for path in ("/", "/en/"):
        status, _url, html = browser.request(path)
        if status != 200:
            fail(f"{path} answered {status}")
        pages += html
    for name in args.expect.split("|"):
        if name not in pages:
            fail(f"the home pages do not show “{name}”")
    for name in args.absent.split("|"):
        if name in pages:
            fail(f"the home pages show “{name}”, which belongs to another agency")
    print(f"visitor: / and /en/ show {args.expect.replace('|', ', ')}; none of {args.absent.replace('|', ', ')}")

    link = urllib.parse.urlsplit(args.link)
    if link.netloc != args.host:
        fail(f"the one-time link names {link.netloc}, not {args.host}")
    status, url, html = browser.request(link.path)
    if status != 200 or 'name="new_password1"' not in html:
        fail(f"the one-time link did not open the password page ({status} {url})")
    status, url, html = browser.request(
        url, {"csrfmiddlewaretoken": csrf(html), "new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    if status != 200 or "/complete/" not in url:
        fail(f"choosing the password failed ({status} {url})")
    status, _url, html = browser.request(link.path)
    if 'name="new_password1"' in html:
        fail("the one-time link still works after the password was set")
    status, _url, html = browser.request("/admin/login/")
    status, url, html = browser.request(
        "/admin/login/", {"csrfmiddlewaretoken": csrf(html), "username": args.username, "password": PASSWORD}
    )
    if status != 200 or url.startswith("/admin/login/"):
        fail(f"the administrator could not sign in ({status} {url})")
    print(f"administrator: the one-time link set the password (and then stopped working); signed in, now at {url}")


if __name__ == "__main__":
    main()
