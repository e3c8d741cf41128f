#!/usr/bin/env python3
"""Dependency audit: pip-audit on every package of the project's virtualenv (requirements/base.txt,
requirements/test.txt and what they pull in, at the versions installed), failing on a known
vulnerability unless requirements/audit-ignore.txt accepts it with a reason.

    python3 .ci/audit_dependencies.py                      # audits .venv (make test builds it)
    AUDIT_PYTHON=/path/to/venv/bin/python python3 .ci/audit_dependencies.py

pip-audit asks a vulnerability service (PyPI's JSON API, else OSV) about each version. Where neither
answers, the audit cannot be done: it says "skipped: vulnerability database not reachable (...)" and
exits 0, so that CI does not fail for want of a network. Reachability is proved by asking about a
release known to be vulnerable (Django 3.2): a service that finds nothing there is not answering.
pip-audit itself would report "No known vulnerabilities found" with every package skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIP_AUDIT = "pip-audit==2.10.1"
AUDIT_VENV = ROOT / "var" / "audit-venv"  # pip-audit stays out of the project's own environment
PROJECT_PYTHON = Path(os.environ.get("AUDIT_PYTHON", ROOT / ".venv" / "bin" / "python"))
IGNORE_FILE = Path(os.environ.get("AUDIT_IGNORE_FILE", ROOT / "requirements" / "audit-ignore.txt"))
KNOWN_VULNERABLE = "django==3.2\n"
SERVICES = ("pypi", "osv")


def say(line: str) -> None:
    print(f"audit: {line}", flush=True)


def accepted_vulnerabilities() -> list[str]:
    """IDs from the ignore file, one a line: `GHSA-xxxx-xxxx-xxxx  # why it does not apply to us`."""
    ids = []
    for number, line in enumerate(IGNORE_FILE.read_text().splitlines(), 1):
        entry, _, reason = line.partition("#")
        if not entry.strip():
            continue
        if not reason.strip():
            sys.exit(f"audit: {IGNORE_FILE.name} line {number}: {entry.strip()} has no reason after '#'")
        ids.append(entry.strip())
    return ids


def pip_audit() -> Path:
    if os.environ.get("PIP_AUDIT_EXECUTABLE"):  # one already installed (the tests give a stand-in)
        return Path(os.environ["PIP_AUDIT_EXECUTABLE"])
    executable = AUDIT_VENV / "bin" / "pip-audit"
    marker = AUDIT_VENV / f".installed-{PIP_AUDIT}"
    if not marker.exists():
        say(f"installing {PIP_AUDIT} into {AUDIT_VENV.relative_to(ROOT)}")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(AUDIT_VENV)], check=True)
        subprocess.run(
            [str(AUDIT_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", PIP_AUDIT],
            check=True,
            stderr=subprocess.DEVNULL,  # the mirror's "location is ignored" warnings
        )
        marker.touch()
    return executable


def run_audit(executable: Path, requirements: Path, service: str, extra: list[str]) -> subprocess.CompletedProcess:
    command = [str(executable), "-r", str(requirements), "--no-deps", "--disable-pip", "--progress-spinner", "off"]
    return subprocess.run(
        [*command, "--vulnerability-service", service, "--timeout", "30", *extra],
        capture_output=True,
        text=True,
        timeout=600,
    )


def reachable_service(executable: Path, workdir: Path) -> tuple[str | None, list[str]]:
    """The first service that finds the known vulnerabilities, else None and why each one did not."""
    probe = workdir / "known-vulnerable.txt"
    probe.write_text(KNOWN_VULNERABLE)
    reasons = []
    for service in SERVICES:
        result = run_audit(executable, probe, service, ["--format", "json"])
        try:
            dependency = json.loads(result.stdout)["dependencies"][0]
        except (ValueError, KeyError, IndexError):
            last = (result.stderr.strip().splitlines() or ["no answer"])[-1]
            reasons.append(f"{service}: {last[:300]}")
            continue
        if dependency.get("vulns"):
            return service, reasons
        reasons.append(f"{service}: {dependency.get('skip_reason') or 'no vulnerability known for Django 3.2'}")
    return None, reasons


def frozen_requirements(workdir: Path) -> Path:
    if not PROJECT_PYTHON.exists():
        sys.exit(f"audit: {PROJECT_PYTHON} not found: build the project's virtualenv first (make test)")
    frozen = subprocess.run(
        [str(PROJECT_PYTHON), "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = workdir / "installed.txt"
    path.write_text(frozen)
    return path


def main() -> int:
    ignored = accepted_vulnerabilities()
    executable = pip_audit()
    with tempfile.TemporaryDirectory(prefix="portal-audit-") as directory:
        workdir = Path(directory)
        service, reasons = reachable_service(executable, workdir)
        if service is None:
            say(f"skipped: vulnerability database not reachable ({'; '.join(reasons)})")
            return 0
        requirements = frozen_requirements(workdir)
        count = sum(1 for line in requirements.read_text().splitlines() if "==" in line)
        say(f"{count} installed packages against {service}; accepted: {', '.join(ignored) or 'none'}")
        flags = [flag for vulnerability in ignored for flag in ("--ignore-vuln", vulnerability)]
        result = run_audit(executable, requirements, service, ["--format", "json", *flags])
    try:
        dependencies = json.loads(result.stdout)["dependencies"]
    except (ValueError, KeyError):
        error = (result.stderr.strip().splitlines() or ["no answer"])[-1][:300]
        if any(word in error for word in ("ConnectionError", "Timeout", "timed out", "Max retries")):
            say(f"skipped: vulnerability database not reachable ({service}: {error})")
            return 0
        print(result.stderr, file=sys.stderr)
        say(f"pip-audit failed: {error}")
        return 1
    for dependency in dependencies:
        if dependency.get("skip_reason"):
            say(f"not audited: {dependency['skip_reason']}")
    found = [
        (dependency, vulnerability) for dependency in dependencies for vulnerability in dependency.get("vulns", [])
    ]
    for dependency, vulnerability in found:
        fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed release"
        aliases = ", ".join(vulnerability.get("aliases", []))
        package = f"{dependency['name']}=={dependency['version']}"
        say(f"VULNERABLE {package}: {vulnerability['id']} ({aliases}); fixed in {fixed}")
        summary = (vulnerability.get("description") or "").strip().splitlines()
        if summary:
            say(f"    {summary[0][:200]}")
    if found:
        say(
            f"{len(found)} known vulnerabilities: upgrade the pin to the nearest fixed release, or accept one in "
            f"{IGNORE_FILE.name} with a reason"
        )
        return 1
    say(f"no known vulnerability in {len(dependencies)} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
