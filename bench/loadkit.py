"""What bench/load.py and bench/fault.py share: visitors who fill in the public forms, the load's
records and percentiles, the app workers' memory, and a throwaway PostgreSQL cluster of their own.

The visitors are plain http.client connections (standard library), one per thread, each with its
own cookies, sending the forms as a browser does: the page first (CSRF cookie and token, the Q&A
form's signed time stamp, the application's idempotency key), then the multipart POST with a
file, after the few seconds a person needs (both forms refuse faster posts). Each submission comes
from its own client address, sent in the header that nginx sets (X-Real-IP): the server reads it
when started with CLIENT_ADDRESS_HEADER=HTTP_X_REAL_IP, as in production, so that the
per-address limits count each visitor apart instead of refusing the load process.
"""

from __future__ import annotations

import glob
import hashlib
import http.client
import itertools
import math
import os
import re
import shutil
import statistics
import subprocess
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from integrity import LOAD_EMAIL_DOMAIN, Ack

ADDRESS_HEADER = "X-Real-IP"  # what deploy/nginx.conf sets
SERVER_ADDRESS_SETTING = {"CLIENT_ADDRESS_HEADER": "HTTP_X_REAL_IP"}
SECONDS_TO_FILL_IN = 3.3  # the public forms refuse a post within 3 s of being shown (*_MIN_SECONDS_TO_SUBMIT)
QUESTION_ACK = re.compile(r"/(?:theo-doi|track)/([0-9A-Z]{4}-[0-9A-Z]{4})/([^/?]+)/\?sent=1")
APPLICATION_ACK = re.compile(r"/ho-so/([0-9a-f-]{36})/([^/?]+)/\?da-nop=1")
NETWORK_ERRORS = (OSError, http.client.HTTPException)  # refused, reset, timed out, cut short


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass
class Record:
    started: float  # time.monotonic()
    seconds: float
    kind: str  # "page", "question form", "question", ...
    status: int  # 0: a network error (no answer)
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 400


class Records:
    """Every request of a run, from any thread."""

    def __init__(self):
        self._lock = threading.Lock()
        self.items: list[Record] = []
        self.acks: list[Ack] = []

    def add(self, record: Record) -> None:
        with self._lock:
            self.items.append(record)

    def acknowledged(self, ack: Ack) -> None:
        with self._lock:
            self.acks.append(ack)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 for p95); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def summary(records: list[Record]) -> dict:
    seconds = [record.seconds * 1000 for record in records]
    return {
        "requests": len(records),
        "errors": sum(record.failed for record in records),
        "p50_ms": percentile(seconds, 0.50),
        "p95_ms": percentile(seconds, 0.95),
        "p99_ms": percentile(seconds, 0.99),
        "max_ms": max(seconds, default=0.0),
    }


# ---------------------------------------------------------------------------------------------
# Visitors
# ---------------------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The named inputs of a page (hidden values) and the options of its selects."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name"):
            self.values.setdefault(attributes["name"], attributes.get("value") or "")
        elif tag == "select":
            self._select = attributes.get("name")
            self.options.setdefault(self._select or "", [])
        elif tag == "option" and self._select and attributes.get("value"):
            self.options[self._select].append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """(body, content type) of a multipart/form-data POST; files are (field, file name, content)."""
    boundary = f"----tai-thu-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Visitor:
    """One keep-alive connection with its cookies; a failed request closes it (the next one reconnects)."""

    addresses = itertools.count(1)  # a new client address for each submission, shared by all visitors

    def __init__(self, base: str, records: Records, *, timeout: float = 30):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout, self.records = parts.hostname, parts.port, timeout, records
        self.connection: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}

    @staticmethod
    def new_address() -> str:
        number = next(Visitor.addresses)
        return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"

    def request(self, kind: str, method: str, path: str, *, body: bytes | None = None,
                headers: dict | None = None) -> tuple[int, dict, bytes]:  # fmt: skip
        """(status, headers, body); status 0 for a network error. Recorded either way."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.monotonic()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except NETWORK_ERRORS as error:
            self.close()
            self.records.add(Record(started, time.monotonic() - started, kind, 0, type(error).__name__))
            return 0, {}, b""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        self.records.add(Record(started, time.monotonic() - started, kind, response.status))
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _form(self, kind: str, path: str, address: str) -> tuple[float, FormFields] | None:
        status, _, content = self.request(kind, "GET", path, headers={ADDRESS_HEADER: address})
        if status != 200:
            return None
        fields = FormFields()
        fields.feed(content.decode("utf-8", "replace"))
        return time.monotonic(), fields

    def ask_question(self, facts: dict, pdf: bytes, *, wait: bool = True) -> Ack | None:
        """A citizen's question with a PDF attached, through the public form; the ack if stored."""
        address = self.new_address()
        shown = self._form("question form", facts["ask"], address)
        if shown is None:
            return None
        shown_at, form = shown
        if wait:
            time.sleep(max(0.0, SECONDS_TO_FILL_IN - (time.monotonic() - shown_at)))
        unique = uuid.uuid4().hex[:12]
        topics = form.options.get("topic") or [""]
        fields = {
            "csrfmiddlewaretoken": form.values.get("csrfmiddlewaretoken", ""),
            "form_token": form.values.get("form_token", ""),
            "name": "Nguyễn Văn Thử",
            "email": f"hoi-{unique}@{LOAD_EMAIL_DOMAIN}",
            "phone": "0905 123 456",
            "organisation": "",
            "topic": topics[0],
            "title": f"Thủ tục mời chuyên gia nước ngoài, lần thử {unique}",
            "body": f"Trường chúng tôi muốn mời hai giáo sư sang giảng dạy một học kỳ (mã thử {unique}). "
            "Xin hỏi cần những thủ tục gì?",
            "consent_to_processing": "on",
            "consent_to_publish": "on",
            "website": "",  # the honeypot stays empty
        }
        body, content_type = multipart(fields, [("attachment", "giay-moi.pdf", pdf)])
        status, headers, _ = self.request(
            "question", "POST", facts["ask"], body=body,
            headers={"Content-Type": content_type, ADDRESS_HEADER: address},
        )  # fmt: skip
        match = QUESTION_ACK.search(headers.get("location", "")) if status == 302 else None
        if match is None:
            return None
        ack = Ack("question", match[1], urllib.parse.unquote(match[2]), [hashlib.sha256(pdf).hexdigest()])
        self.records.acknowledged(ack)
        return ack

    def apply(self, facts: dict, pdf: bytes, *, wait: bool = True) -> Ack | None:
        """An organisation's online application with every required document; the ack if submitted."""
        address = self.new_address()
        shown = self._form("application form", facts["apply"], address)
        if shown is None:
            return None
        shown_at, form = shown
        if wait:  # the application form refuses a post within 3 s of being shown too
            time.sleep(max(0.0, SECONDS_TO_FILL_IN - (time.monotonic() - shown_at)))
        unique = uuid.uuid4().hex[:12]
        fields = {
            "csrfmiddlewaretoken": form.values.get("csrfmiddlewaretoken", ""),
            "idempotency_key": form.values.get("idempotency_key", ""),
            "form_token": form.values.get("form_token", ""),
            "website": "",  # the honeypot stays empty
            "action": "submit",
            "applicant_kind": "organisation",
            "applicant_name": f"Công ty TNHH Thử tải {unique}",
            "email": f"nop-{unique}@{LOAD_EMAIL_DOMAIN}",
            "phone": "0234 3811 222",
            "address": "15 Trần Hưng Đạo, thành phố Huế",
            **facts["answers"],
        }
        files = [(f"doc_{key}", f"{key}.pdf", pdf) for key in facts["documents"]]
        body, content_type = multipart(fields, files)
        status, headers, _ = self.request(
            "application", "POST", facts["apply"], body=body,
            headers={"Content-Type": content_type, ADDRESS_HEADER: address},
        )  # fmt: skip
        match = APPLICATION_ACK.search(headers.get("location", "")) if status == 302 else None
        if match is None:
            return None
        sent = [hashlib.sha256(pdf).hexdigest()] * len(files)
        ack = Ack("application", match[1], urllib.parse.unquote(match[2]), sent)
        self.records.acknowledged(ack)
        return ack


def keep_submitting(base: str, records: Records, facts: dict, pdf: bytes, *, what: str, until: float,
                    stop: threading.Event | None = None) -> threading.Thread:  # fmt: skip
    """A thread that sends questions (what="question") or applications until `until` (monotonic)."""

    def run():
        visitor = Visitor(base, records)
        while time.monotonic() < until and not (stop and stop.is_set()):
            started = time.monotonic()
            if what == "question":
                visitor.ask_question(facts, pdf)
            else:
                visitor.apply(facts, pdf)
                time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))  # a person does not apply twice a second
            if records.items and records.items[-1].status == 0:
                time.sleep(0.2)  # the server is not answering: do not spin
        visitor.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def keep_reading(base: str, records: Records, paths: list[str], *, until: float, cookie: str = "",
                 stop: threading.Event | None = None) -> threading.Thread:  # fmt: skip
    """A thread that requests `paths` in turn, as fast as they come, until `until`."""

    def run():
        visitor = Visitor(base, records)
        if cookie:
            name, _, value = cookie.partition("=")
            visitor.cookies[name] = value
        for path in itertools.cycle(paths):
            if time.monotonic() >= until or (stop and stop.is_set()):
                break
            status, _, _ = visitor.request("page", "GET", path)
            if status == 0:
                time.sleep(0.1)
        visitor.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# ---------------------------------------------------------------------------------------------
# The app workers
# ---------------------------------------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            text = Path(stat).read_text()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(stat.split("/")[2]))
    return sorted(found)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def workers_of(server_pid: int) -> list[int]:
    """granian's worker processes: the children of its main process that serve (a worker's RSS is
    tens of MB; multiprocessing's resource tracker, if any, is a few)."""
    return [pid for pid in children_of(server_pid) if (rss_mb(pid) or 0) > 30]


@dataclass
class MemorySamples:
    """Total RSS of the app workers over a run: (seconds since start, MB, worker count)."""

    samples: list[tuple[float, float, int]] = field(default_factory=list)

    def figures(self) -> dict:
        if not self.samples:
            return {}
        values = [mb for _, mb, _ in self.samples]
        half = self.samples[len(self.samples) // 2][1]
        return {
            "start_mb": values[0],
            "peak_mb": max(values),
            "end_mb": values[-1],
            "growth_last_half_mb": values[-1] - half,
            "growth_last_half_pct": 100 * (values[-1] - half) / half if half else 0.0,
            "samples": len(values),
        }


def sample_memory(server_pid: int, memory: MemorySamples, *, every: float, stop: threading.Event) -> threading.Thread:
    def run():
        started = time.monotonic()
        while not stop.is_set():
            workers = workers_of(server_pid)
            total = sum(rss_mb(pid) or 0 for pid in workers)
            memory.samples.append((time.monotonic() - started, total, len(workers)))
            stop.wait(every)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# ---------------------------------------------------------------------------------------------
# A PostgreSQL cluster of our own (bench/fault.py restarts it; nobody else's database is touched)
# ---------------------------------------------------------------------------------------------


class OwnPostgres:
    """A throwaway cluster under `directory`, listening on 127.0.0.1:`port`, trusted, run by the
    postgres user when we are root (PostgreSQL refuses to run as root)."""

    def __init__(self, directory: Path, *, port: int, database: str = "portal_load"):
        self.directory, self.port, self.database = directory.resolve(), port, database
        self.data = self.directory / "data"
        self.bin = self._bin_dir()

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    @staticmethod
    def _bin_dir() -> Path:
        found = shutil.which("pg_ctl")
        if found:
            return Path(found).parent
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
        if not candidates:
            raise SystemExit("PostgreSQL's server programs (pg_ctl, initdb) are needed: apt-get install postgresql")
        return Path(candidates[-1]).parent

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *command], check=check, capture_output=True, text=True)

    def ensure_running(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            self.data.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.directory, "postgres", "postgres")
                shutil.chown(self.data, "postgres", "postgres")
            self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        if self._run(str(self.bin / "pg_ctl"), "status", "-D", str(self.data), check=False).returncode != 0:
            self._pg_ctl("start")

    def _pg_ctl(self, action: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory}"
        self._run(
            str(self.bin / "pg_ctl"), action, "-D", str(self.data), "-w", "-t", "60", "-m", "fast",
            "-o", options, "-l", str(self.directory / "postgres.log"),
        )  # fmt: skip

    def restart(self) -> None:
        """Fast shutdown (every connection cut, transactions in flight rolled back), then start."""
        self._pg_ctl("restart")

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-w", "-m", "fast", check=False)


def median_or_zero(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
